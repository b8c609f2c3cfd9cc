/**
 * The site's pictures in docs/images/: the index, a note and search
 * results, at 1280 and 390 px, from a build of test/fixtures/site-nav.
 * Run after `npm run build`: `node scripts/screenshots.mjs`.
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-shots-'))
const built = spawnSync(process.execPath, [path.join(root, 'dist', 'cli', 'bin.js'), 'build', path.join(root, 'test', 'fixtures', 'site-nav'), '-o', out, '-f', 'html', '-q', '--no-cache'], {stdio: 'inherit'})
if (built.status !== 0 && built.status !== 1) process.exit(built.status ?? 2)

const site = path.join(out, 'html')
const types = {'.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png', '.woff2': 'font/woff2'}
const server = http.createServer((request, response) => {
  let pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname)
  if (pathname.endsWith('/')) pathname += 'index.html'
  fs.readFile(path.join(site, path.normalize(pathname)), (error, body) => {
    if (error) return void response.writeHead(404).end()
    response.writeHead(200, {'content-type': types[path.extname(pathname)] ?? 'application/octet-stream'}).end(body)
  })
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${server.address().port}/`

const {findBrowser, launchFlags} = await import(path.join(root, 'dist', 'browser', 'chromium.js'))
const puppeteer = (await import('puppeteer')).default
const {executablePath} = await findBrowser({})
const browser = await puppeteer.launch({executablePath, headless: true, args: launchFlags().map((flag) => (flag.startsWith('--host-resolver-rules') ? `${flag} , EXCLUDE 127.0.0.1` : flag))})
const page = await browser.newPage()
const images = path.join(root, 'docs', 'images')
fs.mkdirSync(images, {recursive: true})
for (const width of [1280, 390]) {
  await page.setViewport({width, height: width === 390 ? 844 : 800})
  for (const [name, file] of [['index', 'index.html'], ['note', 'lectures-lecture-2.html']]) {
    await page.goto(base + file, {waitUntil: 'networkidle0'})
    await page.screenshot({path: path.join(images, `site-${name}-${width}.png`)})
  }
  await page.goto(base + 'lectures-lecture-2.html', {waitUntil: 'networkidle0'})
  await page.focus('input[type="search"]')
  await page.keyboard.type('dot product')
  await page.waitForSelector('[role="option"]')
  await new Promise((resolve) => setTimeout(resolve, 200))
  await page.screenshot({path: path.join(images, `site-search-${width}.png`)})
}
await browser.close()
server.close()
fs.rmSync(out, {recursive: true, force: true})
console.log(`Screenshots in ${path.relative(process.cwd(), images) || '.'}`)
