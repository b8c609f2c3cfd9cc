/**
 * The preview server of `quire serve`: the files of out/html (read-only,
 * never outside it), the live-reload script added to HTML responses, and a
 * Server-Sent Events stream that tells pages to reload. node:http only.
 */
import {createReadStream} from 'node:fs'
import fs from 'node:fs/promises'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import mime from 'mime'
import {eventsPath, injectLiveReload} from './live-reload.js'
import {resolveRequest} from './paths.js'
import {errorText} from '../report.js'

export interface PreviewServerOptions {
  /** The folder to serve; a function, since a config edit can move it. */
  readonly root: () => string
  readonly port: number
  readonly host: string
}

export interface ReloadDetail {
  /** Reload the pages (false: only show the messages in the console). */
  readonly reload: boolean
  readonly messages?: readonly string[] | undefined
}

export interface PreviewServer {
  /** `http://host:port/` with the port actually bound. */
  readonly url: string
  readonly port: number
  /** Tell every open page (as an SSE `reload` event). */
  send(detail: ReloadDetail): void
  /** Number of pages listening. */
  readonly listeners: number
  close(): Promise<void>
}

const heartbeatMs = 25_000

export async function startServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const clients = new Set<http.ServerResponse>()
  const loopback = isLoopback(options.host)

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `Internal error: ${errorText(error)}\n`, request.method)
      else response.destroy()
    })
  })

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    // A page on another site could point a rebinding DNS name at this port: answer only to local names.
    if (loopback && !isLoopbackHost(request.headers.host)) {
      return send(response, 403, 'text/plain; charset=utf-8', 'Forbidden host\n', request.method)
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD')
      return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', request.method)
    }
    const target = request.url ?? '/'
    if (target.split('?', 1)[0] === eventsPath) return subscribe(response)
    const resolved = await resolveRequest(options.root(), target)
    if (resolved.kind === 'redirect') {
      response.setHeader('Location', resolved.location)
      return send(response, 301, 'text/plain; charset=utf-8', `Moved to ${resolved.location}\n`, request.method)
    }
    if (resolved.kind === 'error') {
      const page = errorPage(resolved.status, target)
      return send(response, resolved.status, 'text/html; charset=utf-8', injectLiveReload(page), request.method)
    }
    const type = contentType(resolved.path)
    if (type.startsWith('text/html')) {
      const html = await fs.readFile(resolved.path, 'utf8')
      return send(response, 200, type, injectLiveReload(html), request.method)
    }
    const stat = await fs.stat(resolved.path)
    response.writeHead(200, {...commonHeaders, 'Content-Type': type, 'Content-Length': stat.size})
    if (request.method === 'HEAD') return void response.end()
    const stream = createReadStream(resolved.path)
    stream.on('error', () => response.destroy())
    stream.pipe(response)
  }

  function subscribe(response: http.ServerResponse): void {
    response.writeHead(200, {...commonHeaders, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive'})
    response.write('retry: 1000\n\n')
    clients.add(response)
    response.on('close', () => clients.delete(response))
  }

  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': ping\n\n')
  }, heartbeatMs)
  heartbeat.unref()

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  // Listening on every interface: this machine's own name for itself is the URL to open.
  const hostname = address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address

  return {
    url: `http://${hostname}:${address.port}/`,
    port: address.port,
    get listeners() {
      return clients.size
    },
    send(detail) {
      const data = `event: reload\ndata: ${JSON.stringify(detail)}\n\n`
      for (const client of clients) client.write(data)
    },
    async close() {
      clearInterval(heartbeat)
      for (const client of clients) client.end()
      clients.clear()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
    }
  }
}

const commonHeaders = {'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff'}

/** Media type for a file name, with a charset for text. */
export function contentType(file: string): string {
  const type = mime.getType(path.basename(file)) ?? 'application/octet-stream'
  return /^text\/|^application\/(?:json|javascript|xml|xhtml\+xml|manifest\+json)$|^image\/svg\+xml$/.test(type) ? `${type}; charset=utf-8` : type
}

function send(response: http.ServerResponse, status: number, type: string, body: string, method: string | undefined): void {
  const bytes = Buffer.from(body, 'utf8')
  response.writeHead(status, {...commonHeaders, 'Content-Type': type, 'Content-Length': bytes.length})
  response.end(method === 'HEAD' ? undefined : bytes)
}

function errorPage(status: number, target: string): string {
  const title = status === 404 ? 'Not found' : status === 403 ? 'Forbidden' : 'Bad request'
  const shown = decoded(target.split(/[?#]/, 1)[0]!).replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`)
  return `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${title}</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>\n<body>\n<h1>${status} ${title}</h1>\n<p><code>${shown}</code> is not in the built site. <a href="/">Back to the index</a></p>\n</body>\n</html>\n`
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host)
}

function isLoopbackHost(header: string | undefined): boolean {
  if (!header) return false
  const name = header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.split(':')[0]!
  return name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name)
}
