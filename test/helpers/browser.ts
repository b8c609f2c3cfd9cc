/**
 * A built site in a real browser: `out/html` served on localhost by a plain
 * static file server (as any host would serve it), and headless Chromium
 * launched with quire's own flags (no network but localhost).
 */
import http from 'node:http'
import fs from 'node:fs/promises'
import path from 'node:path'
import type {AddressInfo} from 'node:net'
import type {Browser} from 'puppeteer'
import {findBrowser, launchFlags} from '../../src/browser/chromium.js'
import {tempDir} from './build.js'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2'
}

export interface StaticServer {
  readonly url: string
  close(): Promise<void>
}

/** Serves `root` on 127.0.0.1 at a free port; `/` is `index.html`, anything missing is `404.html` (if any) with status 404. */
export async function serveFolder(root: string): Promise<StaticServer> {
  const server = http.createServer(async (request, response) => {
    let pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
    if (pathname.endsWith('/')) pathname += 'index.html'
    const file = path.join(root, path.normalize(pathname))
    if (!file.startsWith(root)) return void response.writeHead(403).end()
    try {
      const body = await fs.readFile(file)
      response.writeHead(200, {'content-type': types[path.extname(file)] ?? 'application/octet-stream'}).end(body)
    } catch {
      const notFound = await fs.readFile(path.join(root, '404.html')).catch(() => Buffer.from('Not found'))
      response.writeHead(404, {'content-type': 'text/html; charset=utf-8'}).end(notFound)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve()))}
}

/** Headless Chromium as quire launches it, with a throw-away profile. */
export async function launchBrowser(): Promise<Browser> {
  const puppeteer = (await import('puppeteer')).default
  const {executablePath} = await findBrowser({})
  return puppeteer.launch({
    executablePath,
    headless: true,
    userDataDir: await tempDir('quire-chromium-'),
    args: launchFlags().map((flag) => (flag.startsWith('--host-resolver-rules') ? `${flag} , EXCLUDE 127.0.0.1` : flag))
  })
}
