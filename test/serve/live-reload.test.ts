import fs from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {eventsPath, injectLiveReload, liveReloadScript} from '../../src/serve/live-reload.js'
import {startServer, type PreviewServer} from '../../src/serve/server.js'
import {tempDir} from '../helpers/build.js'

describe('injectLiveReload', () => {
  it('puts the script before the last </body>, whatever its case', () => {
    expect(injectLiveReload('<html><body><p>x</p></body></html>')).toBe(`<html><body><p>x</p>${liveReloadScript}\n</body></html>`)
    expect(injectLiveReload('<BODY><p>"</body>" in text</p></BODY>\n')).toBe(`<BODY><p>"</body>" in text</p>${liveReloadScript}\n</BODY>\n`)
  })

  it('appends it when there is no </body>', () => {
    expect(injectLiveReload('<p>fragment')).toBe(`<p>fragment${liveReloadScript}`)
  })

  it('the script listens to the events endpoint and reloads on a reload event', () => {
    expect(liveReloadScript).toContain(`new EventSource("${eventsPath}")`)
    expect(liveReloadScript).toContain("addEventListener('reload'")
    expect(liveReloadScript).toContain('location.reload()')
  })
})

describe('live reload over the server', () => {
  let server: PreviewServer
  let site: string
  const page = '<!DOCTYPE html>\n<html><body><h1>Page</h1></body></html>\n'

  beforeAll(async () => {
    site = await tempDir('quire-live-')
    await fs.writeFile(path.join(site, 'index.html'), page)
    server = await startServer({root: () => site, port: 0, host: '127.0.0.1'})
  })
  afterAll(async () => {
    await server?.close()
  })

  it('injects the script into served HTML only, never into the file', async () => {
    const response = await fetch(server.url)
    const body = await response.text()
    expect(body).toContain(liveReloadScript)
    expect(body.indexOf(liveReloadScript)).toBeLessThan(body.indexOf('</body>'))
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(body)))
    expect(await fs.readFile(path.join(site, 'index.html'), 'utf8')).toBe(page)
    const missing = await fetch(new URL('/nothing', server.url))
    expect(await missing.text()).toContain(liveReloadScript)
  })

  it('streams a reload event to every listening page', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const request = http.get(new URL(eventsPath, server.url), (response) => {
        expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8')
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          text += chunk
          if (text.includes('event: reload')) {
            request.destroy()
            resolve(text)
          }
        })
      })
      request.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)))
    })
    await expect.poll(() => server.listeners).toBe(1)
    server.send({reload: true, messages: ['note.md:1:1 error Broken']})
    const text = await received
    expect(text).toContain('retry: 1000')
    expect(text).toContain('event: reload\ndata: {"reload":true,"messages":["note.md:1:1 error Broken"]}\n\n')
    await expect.poll(() => server.listeners).toBe(0)
  })

  it('prints a localhost URL when listening on every interface, and then answers any host name', async () => {
    const everywhere = await startServer({root: () => site, port: 0, host: '0.0.0.0'})
    try {
      expect(everywhere.url).toBe(`http://localhost:${everywhere.port}/`)
      const answer = await new Promise<number>((resolve, reject) => {
        http.get({host: '127.0.0.1', port: everywhere.port, path: '/', headers: {host: 'my-laptop.lan'}}, (response) => {
          response.resume()
          resolve(response.statusCode!)
        }).on('error', reject)
      })
      expect(answer).toBe(200)
    } finally {
      await everywhere.close()
    }
  })

  it('closes with pages still listening', async () => {
    const other = await startServer({root: () => site, port: 0, host: '127.0.0.1'})
    const request = http.get(new URL(eventsPath, other.url))
    request.on('error', () => {})
    await expect.poll(() => other.listeners).toBe(1)
    await other.close()
    expect(other.listeners).toBe(0)
    request.destroy()
  })
})
