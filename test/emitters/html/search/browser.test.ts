/**
 * Site search in a real headless Chromium, on the fixture site served on
 * localhost (a bare static server, and quire serve's), and opened from
 * file://: the keys, the results, where Enter lands, CJK and accents, the
 * box without JavaScript, and the message when the index cannot load.
 * Screenshots of the results at 1280 and 390 px go to
 * $QUIRE_SEARCH_SCREENSHOTS when it is set.
 */
import {createReadStream} from 'node:fs'
import fs from 'node:fs/promises'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Browser, Page} from 'puppeteer'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {openBrowser, type BrowserSession} from '../../../../src/browser/chromium.js'
import {startServer} from '../../../../src/serve/server.js'
import {evaluateSearchCore, readSearchCore} from '../../../../src/emitters/html/search/core.js'
import {buildFixture, fixturesDir, repoRoot, type FixtureBuild} from '../../../helpers/build.js'
import {needs} from '../../../helpers/tools.js'

const types: Record<string, string> = {'.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8'}

/** Any static server: files of `root`, nothing else. */
async function staticServer(root: string): Promise<{url: string; close(): Promise<void>}> {
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
    const file = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname)
    if (!file.startsWith(root + path.sep)) return void response.writeHead(403).end()
    const stream = createReadStream(file)
    stream.on('open', () => response.writeHead(200, {'Content-Type': types[path.extname(file)] ?? 'application/octet-stream'}))
    stream.on('error', () => response.writeHead(404).end())
    stream.pipe(response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    // The browser resolves no host name but localhost (launchFlags).
    url: `http://localhost:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

const content = path.join(fixturesDir, 'search')
let site: FixtureBuild
let served: {url: string; close(): Promise<void>}
let session: BrowserSession | undefined
let browser: Browser
const controller = new AbortController()

/** A page that can reach the test's servers and files, nothing else. */
async function newPage(width = 1280): Promise<Page> {
  const page = await browser.newPage()
  await page.setViewport({width, height: 800})
  await page.setRequestInterception(true)
  page.on('request', (request) => {
    const url = request.url()
    if (url.startsWith('http://localhost:') || url.startsWith('file:') || url.startsWith('data:')) void request.continue()
    else void request.abort()
  })
  return page
}

const input = '.quire-search-input'
const results = (page: Page) =>
  page.$$eval('.quire-search-result', (links) =>
    links.map((link) => ({
      href: link.getAttribute('href'),
      title: link.querySelector('.quire-search-title')?.textContent,
      heading: link.querySelector('.quire-search-heading')?.textContent ?? null,
      marks: [...link.querySelectorAll('.quire-search-excerpt mark')].map((mark) => mark.textContent)
    }))
  )
const state = (page: Page) =>
  page.$eval(input, (box) => ({
    focused: document.activeElement === box,
    expanded: box.getAttribute('aria-expanded'),
    active: box.getAttribute('aria-activedescendant'),
    panelHidden: (document.querySelector('.quire-search-panel') as HTMLElement).hidden,
    message: document.querySelector('.quire-search-message')?.textContent ?? ''
  }))

async function query(page: Page, text: string): Promise<void> {
  await page.focus(input)
  await page.$eval(input, (box) => ((box as HTMLInputElement).value = ''))
  await page.keyboard.type(text)
  await page.waitForFunction((selector) => {
    const panel = document.querySelector('.quire-search-panel') as HTMLElement
    const message = document.querySelector('.quire-search-message') as HTMLElement
    return !panel.hidden && (document.querySelector(`${selector} ~ .quire-search-panel .quire-search-result`) !== null || (!message.hidden && !message.textContent!.startsWith('Loading')))
  }, {}, input)
}

beforeAll(async () => {
  if (needs('chromium').skip) return
  site = await buildFixture(content, ['html'])
  served = await staticServer(path.join(site.out, 'html'))
  session = await openBrowser({}, controller.signal)
  browser = await session.browser()
})

afterAll(async () => {
  await session?.close()
  await served?.close()
})

describe('site search in Chromium', needs('chromium'), () => {
  it('loads the engine and the index only when the box gets focus', async () => {
    const page = await newPage()
    await page.goto(`${served.url}garden.html`)
    expect(await page.$eval('.quire-search', (box) => (box as HTMLElement).hidden)).toBe(false)
    const loaded = () =>
      page.evaluate(() => ['quireSearchEngine' in window, 'quireSearchIndex' in window, [...document.scripts].map((script) => script.getAttribute('src')).filter((src) => src?.startsWith('search'))])
    expect(await loaded()).toEqual([false, false, ['search.js']])
    await page.keyboard.press('/')
    await page.waitForFunction(() => 'quireSearchIndex' in window && 'quireSearchEngine' in window)
    expect(await loaded()).toEqual([true, true, ['search.js', 'search-engine.js', 'search-index.js']])
    await page.close()
  })

  it('focuses on / and Ctrl-K, shows title, heading and a highlighted excerpt, and lands on the heading with ArrowDown and Enter', async () => {
    const page = await newPage()
    await page.goto(`${served.url}streams.html`)
    await page.keyboard.press('/')
    expect((await state(page)).focused).toBe(true)
    await page.keyboard.type('compost')
    await page.waitForSelector('.quire-search-result')
    expect(await results(page)).toEqual([
      {href: 'garden.html#compost', title: 'Garden journal', heading: 'Compost', marks: []},
      {href: 'garden.html#soil', title: 'Garden journal', heading: 'Soil', marks: ['compost']}
    ])
    expect(await page.$eval('.quire-search-result .quire-search-heading mark', (mark) => mark.textContent)).toBe('Compost')
    // The count is announced once typing pauses.
    await page.waitForFunction(() => document.querySelector('.quire-search-status')!.textContent === '2 results')
    expect(await state(page)).toMatchObject({expanded: 'true', active: null, panelHidden: false})

    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    const second = await state(page)
    expect(second.active).toBe(await page.$eval('.quire-search-result:nth-child(2)', (link) => link.id))
    expect(await page.$$eval('[role="option"][aria-selected="true"]', (links) => links.map((link) => link.getAttribute('href')))).toEqual(['garden.html#soil'])
    await page.keyboard.press('ArrowUp')
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
    expect(page.url()).toBe(`${served.url}garden.html#compost`)
    expect(await page.evaluate(() => document.querySelector(':target')?.textContent?.trim())).toMatch(/^Compost/)

    // Ctrl-K from the page body.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.down('Control')
    await page.keyboard.press('k')
    await page.keyboard.up('Control')
    expect((await state(page)).focused).toBe(true)
    await page.close()
  })

  it('closes the results on Escape, and on leaving the box', async () => {
    const page = await newPage()
    await page.goto(`${served.url}garden.html`)
    await query(page, 'tomatoes')
    expect((await results(page)).map((result) => result.href)).toEqual(['garden.html#tomatoes'])
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Escape')
    expect(await state(page)).toMatchObject({focused: true, expanded: 'false', active: null, panelHidden: true})
    expect(await page.$eval(input, (box) => (box as HTMLInputElement).value)).toBe('tomatoes')
    await page.keyboard.press('ArrowDown')
    expect((await state(page)).panelHidden).toBe(false)
    await page.keyboard.press('Tab')
    expect((await state(page)).panelHidden).toBe(true)
    await page.close()
  })

  it('finds Chinese, Japanese and Korean text, and lands on a heading whose id is Chinese', async () => {
    const page = await newPage()
    await page.goto(`${served.url}index.html`)
    // 代数 is inside the dictionary word 线性代数.
    await query(page, '代数')
    const found = await results(page)
    expect(found.map((result) => result.title)).toEqual(['线性代数讲义', '线性代数讲义'])
    expect(found[0]!.marks).toEqual(['代数'])
    expect(await page.$eval('.quire-search-result', (link) => link.getAttribute('lang'))).toBe('zh')
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe('#向量空间')
    expect(await page.evaluate(() => document.querySelector(':target')?.textContent?.trim())).toMatch(/^向量空间/)

    await query(page, '固有値')
    expect((await results(page)).map((result) => [result.heading, result.marks])).toEqual([['其他语言的笔记', ['固有値']]])
    await query(page, '행렬식')
    expect((await results(page)).map((result) => [result.heading, result.marks])).toEqual([['其他语言的笔记', ['행렬식을']]])
    await page.close()
  })

  it('matches accented words without their accents, and says when nothing matches', async () => {
    const page = await newPage()
    await page.goto(`${served.url}garden.html`)
    await query(page, 'cafe')
    const cafe = await results(page)
    expect(cafe.every((result) => result.title === 'Café culture')).toBe(true)
    expect(cafe.flatMap((result) => result.marks)).toEqual(expect.arrayContaining(['Café', 'cafés']))
    await query(page, 'muller sao')
    expect(await results(page)).toEqual([])
    await query(page, 'muller')
    expect(await results(page)).toEqual([{href: 'cafe-culture.html#vienna', title: 'Café culture', heading: 'Vienna', marks: ['Müller', 'Müller']}])
    await query(page, 'Sao Paulo')
    expect((await results(page))[0]).toMatchObject({href: 'cafe-culture.html#s%C3%A3o-paulo', heading: 'São Paulo'})
    await query(page, 'zzyzx')
    expect(await state(page)).toMatchObject({expanded: 'false', message: 'No results for “zzyzx”'})
    await page.close()
  })

  it('has no box without JavaScript, and the page still reads', async () => {
    const page = await newPage()
    await page.setJavaScriptEnabled(false)
    await page.goto(`${served.url}garden.html`)
    expect(await page.$eval('.quire-search', (box) => getComputedStyle(box).display)).toBe('none')
    expect(await page.$eval('main', (main) => main.textContent)).toContain('What grew')
    await page.close()
  })

  it('works from quire serve', async () => {
    const server = await startServer({root: () => path.join(site.out, 'html'), port: 0, host: '127.0.0.1'})
    try {
      const page = await newPage()
      await page.goto(`${server.url.replace('127.0.0.1', 'localhost')}cafe-culture.html`)
      await query(page, 'pipeline')
      expect((await results(page)).map((result) => result.href)).toEqual(['streams.html#pipelines'])
      await page.close()
    } finally {
      await server.close()
    }
  })

  it('works from file://, and says so when the index cannot be loaded', async () => {
    const page = await newPage()
    await page.goto(pathToFileURL(path.join(site.out, 'html', 'garden.html')).href)
    await query(page, 'backpressure')
    expect((await results(page)).map((result) => result.href)).toEqual(['streams.html#readable-streams'])
    await page.close()

    // A site whose index is gone (a partial copy): the box says what is wrong instead of staying empty.
    const broken = path.join(site.out, 'broken')
    await fs.cp(path.join(site.out, 'html'), broken, {recursive: true})
    await fs.rm(path.join(broken, 'search-index.js'))
    const offline = await newPage()
    await offline.goto(pathToFileURL(path.join(broken, 'garden.html')).href)
    await query(offline, 'compost')
    const {message, expanded} = await state(offline)
    expect(expanded).toBe('false')
    expect(message).toMatch(/^Search is unavailable: search-engine\.js or search-index\.js could not be loaded\. .*serve the folder/)
    await offline.close()
  })

  it('cuts text into the terms a query requires as Node does when it writes the index', async () => {
    const source = await readSearchCore(path.join(repoRoot, 'templates'))
    const core = evaluateSearchCore(source)
    const texts = (await Promise.all((await fs.readdir(content)).map((name) => fs.readFile(path.join(content, name), 'utf8')))).flatMap((note) => note.split(/\n\n+/))
    const page = await newPage()
    await page.goto(`${served.url}index.html`)
    await page.addScriptTag({content: `${source}\nwindow.quireSearchCoreForTest = quireSearchCore`})
    const inBrowser = await page.evaluate((list) => {
      const browserCore = (window as unknown as {quireSearchCoreForTest: {queryTerms(text: string): {required: string[]}}}).quireSearchCoreForTest
      return list.map((text) => browserCore.queryTerms(text).required)
    }, texts)
    expect(inBrowser).toEqual(texts.map((text) => core.queryTerms(text).required))
    await page.close()
  })

  it('has no serious or critical accessibility violations with the results open (axe-core), light and dark', async () => {
    const {source} = (await import('axe-core')).default
    for (const scheme of ['light', 'dark']) {
      const page = await newPage()
      await page.emulateMediaFeatures([{name: 'prefers-color-scheme', value: scheme}])
      await page.goto(`${served.url}garden.html`)
      await query(page, 'soil')
      await page.keyboard.press('ArrowDown')
      await page.evaluate(source)
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as {axe: {run(context: Document): Promise<{violations: Array<{id: string; impact: string | null; nodes: unknown[]}>}>}}).axe
        const {violations} = await axe.run(document)
        return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.impact} ${violation.id} (${violation.nodes.length})`)
      })
      expect(violations, scheme).toEqual([])
      await page.close()
    }
  })

  it('shows the results at 1280 and 390 px', async () => {
    const folder = process.env.QUIRE_SEARCH_SCREENSHOTS
    for (const width of [1280, 390]) {
      const page = await newPage(width)
      await page.goto(`${served.url}garden.html`)
      await query(page, 'soil')
      await page.keyboard.press('ArrowDown')
      const panel = await page.$eval('.quire-search-panel', (element) => {
        const box = element.getBoundingClientRect()
        return {left: box.left, right: box.right, width: box.width}
      })
      // Inside the viewport, and not a sliver.
      expect(panel.left).toBeGreaterThanOrEqual(0)
      expect(panel.right).toBeLessThanOrEqual(width)
      expect(panel.width).toBeGreaterThan(Math.min(300, width - 40))
      if (folder) {
        await fs.mkdir(folder, {recursive: true})
        await page.screenshot({path: path.join(folder, `search-${width}.png`) as `${string}.png`})
      }
      await page.close()
    }
  })
})
