import fs from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {requestSegments} from '../../src/serve/paths.js'
import {contentType, startServer, type PreviewServer} from '../../src/serve/server.js'
import {tempDir} from '../helpers/build.js'

const secret = 'TOP-SECRET-OUTSIDE-THE-SITE'
let server: PreviewServer
let site: string
let outside: string

interface Answer {
  readonly status: number
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

/** A request with the target sent byte for byte (fetch would normalize `..` away before sending). */
function get(target: string, options: {method?: string; host?: string} = {}): Promise<Answer> {
  const url = new URL(server.url)
  return new Promise((resolve, reject) => {
    const request = http.request(
      {host: url.hostname, port: url.port, path: target, method: options.method ?? 'GET', headers: options.host ? {host: options.host} : {}},
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk) => (body += chunk))
        response.on('end', () => resolve({status: response.statusCode!, headers: response.headers, body}))
      }
    )
    request.on('error', reject)
    request.end()
  })
}

beforeAll(async () => {
  const root = await tempDir('quire-serve-')
  site = path.join(root, 'out', 'html')
  outside = path.join(root, 'secret')
  await fs.mkdir(path.join(site, 'assets', 'images'), {recursive: true})
  await fs.mkdir(path.join(site, 'talks'), {recursive: true})
  await fs.mkdir(outside)
  await fs.writeFile(path.join(outside, 'secret.txt'), secret)
  await fs.writeFile(path.join(outside, 'index.html'), `<html><body>${secret}</body></html>`)
  await fs.writeFile(path.join(root, 'out', 'outside.html'), `<html><body>${secret}</body></html>`)
  await fs.writeFile(path.join(site, 'index.html'), '<!DOCTYPE html>\n<html><head><title>Index</title></head><BODY><h1>Index page</h1></BODY></html>\n')
  await fs.writeFile(path.join(site, 'note.html'), '<!DOCTYPE html>\n<html><body><h1>A note</h1></body></html>\n')
  await fs.writeFile(path.join(site, 'a b.html'), '<html><body>spaced</body></html>')
  await fs.writeFile(path.join(site, 'talks', 'index.html'), '<html><body>talks</body></html>')
  await fs.writeFile(path.join(site, 'quire.css'), 'body { color: red }\n')
  await fs.writeFile(path.join(site, 'data.json'), '{"a": 1}')
  await fs.writeFile(path.join(site, 'assets', 'images', 'x.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  await fs.writeFile(path.join(site, 'assets', 'images', 'y.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  await fs.writeFile(path.join(site, 'file.unknownext'), 'x')
  await fs.writeFile(path.join(site, '.hidden'), secret)
  await fs.symlink(path.join(outside, 'secret.txt'), path.join(site, 'link.txt'))
  await fs.symlink(outside, path.join(site, 'linked-folder'))
  server = await startServer({root: () => site, port: 0, host: '127.0.0.1'})
})

afterAll(async () => {
  await server?.close()
})

describe('preview server: files', () => {
  it('binds the asked host and reports the real port for --port 0', () => {
    expect(server.port).toBeGreaterThan(0)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`)
  })

  it('serves / as index.html, /x as x.html, /dir/ as dir/index.html, and redirects /dir', async () => {
    const index = await get('/')
    expect(index.status).toBe(200)
    expect(index.body).toContain('<h1>Index page</h1>')
    expect((await get('/index.html')).body).toContain('<h1>Index page</h1>')
    expect((await get('/note')).body).toContain('<h1>A note</h1>')
    expect((await get('/note.html?x=1#y')).body).toContain('<h1>A note</h1>')
    expect((await get('/a%20b')).body).toContain('spaced')
    expect((await get('/talks/')).body).toContain('talks')
    const redirect = await get('/talks')
    expect(redirect.status).toBe(301)
    expect(redirect.headers.location).toBe('/talks/')
  })

  it('answers 404 with a page for what is not there', async () => {
    for (const target of ['/missing', '/missing.html', '/assets/nope.png', '/note/']) {
      const answer = await get(target)
      expect(answer.status, target).toBe(404)
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(answer.body).toContain('404 Not found')
    }
    const injected = await get('/%3Cscript%3Ealert(1)%3C/script%3E')
    expect(injected.body).not.toContain('<script>alert(1)')
    expect(injected.body).toContain('&#60;script&#62;alert(1)&#60;')
  })

  it('sends the right content types, with a charset for text', async () => {
    const cases: Array<[string, string]> = [
      ['/', 'text/html; charset=utf-8'],
      ['/quire.css', 'text/css; charset=utf-8'],
      ['/data.json', 'application/json; charset=utf-8'],
      ['/assets/images/x.png', 'image/png'],
      ['/assets/images/y.svg', 'image/svg+xml; charset=utf-8'],
      ['/file.unknownext', 'application/octet-stream']
    ]
    for (const [target, type] of cases) {
      const answer = await get(target)
      expect(answer.status, target).toBe(200)
      expect(answer.headers['content-type'], target).toBe(type)
      expect(answer.headers['x-content-type-options']).toBe('nosniff')
      expect(answer.headers['cache-control']).toBe('no-store')
    }
    expect(contentType('/x/page.HTML')).toBe('text/html; charset=utf-8')
    expect(contentType('/x/font.woff2')).toBe('font/woff2')
  })

  it('HEAD gives the headers only; other methods are refused', async () => {
    const head = await get('/quire.css', {method: 'HEAD'})
    expect(head.status).toBe(200)
    expect(head.headers['content-length']).toBe(String('body { color: red }\n'.length))
    expect(head.body).toBe('')
    const post = await get('/', {method: 'POST'})
    expect(post.status).toBe(405)
    expect(post.headers.allow).toBe('GET, HEAD')
  })
})

describe('preview server: path safety', () => {
  const escapes = [
    '/../secret/secret.txt',
    '/../../../../../../etc/passwd',
    '/%2e%2e/secret/secret.txt',
    '/%2E%2E/secret/secret.txt',
    '/.%2e/secret/secret.txt',
    '/..%2fsecret%2fsecret.txt',
    '/..%2Fsecret/secret.txt',
    '/%2e%2e%2fsecret%2fsecret.txt',
    '/..%5csecret%5csecret.txt',
    '/assets/../../secret/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret/secret.txt',
    '/..',
    '/../outside.html',
    '/%2e%2e/outside'
  ]

  it.each(escapes)('refuses %s with 403', async (target) => {
    const answer = await get(target)
    expect(answer.status).toBe(403)
    expect(answer.body).not.toContain(secret)
  })

  it('never serves a file outside the folder through a symbolic link', async () => {
    for (const target of ['/link.txt', '/linked-folder/secret.txt', '/linked-folder/', '/linked-folder/index.html']) {
      const answer = await get(target)
      expect(answer.status, target).toBe(403)
      expect(answer.body).not.toContain(secret)
    }
  })

  it('refuses NUL bytes and broken escapes with 400, dot files with 404', async () => {
    expect((await get('/note%00.html')).status).toBe(400)
    expect((await get('/%E0%A4%A')).status).toBe(400)
    const hidden = await get('/.hidden')
    expect(hidden.status).toBe(404)
    expect(hidden.body).not.toContain(secret)
  })

  it('answers only to local host names when bound to loopback (DNS rebinding)', async () => {
    expect((await get('/', {host: 'evil.example:80'})).status).toBe(403)
    expect((await get('/', {host: `localhost:${server.port}`})).status).toBe(200)
    expect((await get('/', {host: `127.0.0.1:${server.port}`})).status).toBe(200)
  })

  it('decodes each segment once: encoded separators never split a segment', () => {
    expect(requestSegments('/a%20b/c.html?q=../x')).toEqual({segments: ['a b', 'c.html'], folder: false})
    expect(requestSegments('/a/./b/')).toEqual({segments: ['a', 'b'], folder: true})
    expect(requestSegments('/a%2fb')).toEqual({status: 403})
    expect(requestSegments('/%252e%252e/x')).toEqual({segments: ['%2e%2e', 'x'], folder: false})
    expect(requestSegments('http://elsewhere/x')).toEqual({status: 400})
  })
})
