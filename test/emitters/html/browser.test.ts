/**
 * The site in a real browser: `test/fixtures/site-nav` built, served on
 * localhost by a plain static server, driven in headless Chromium. A reader
 * follows a sidebar link, a next link and a backlink; the sidebar folds
 * behind the menu button at 390 px; pages work without JavaScript; and
 * axe-core finds no serious or critical accessibility problem.
 */
import {createRequire} from 'node:module'
import path from 'node:path'
import type {Browser, Page} from 'puppeteer'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildFixture, fixturesDir} from '../../helpers/build.js'
import {launchBrowser, serveFolder, type StaticServer} from '../../helpers/browser.js'
import {needs} from '../../helpers/tools.js'

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

describe('the site in Chromium', needs('chromium'), () => {
  let server: StaticServer
  let browser: Browser
  let page: Page
  beforeAll(async () => {
    const site = await buildFixture(path.join(fixturesDir, 'site-nav'), ['html'])
    server = await serveFolder(path.join(site.out, 'html'))
    browser = await launchBrowser()
    page = await browser.newPage()
    await page.setViewport({width: 1280, height: 900})
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const open = async (file: string) => {
    await page.goto(new URL(file, server.url).href, {waitUntil: 'load'})
  }
  const current = () => new URL(page.url()).pathname.slice(1)

  it('shows the sidebar with the current note marked, and follows a sidebar link', async () => {
    await open('welcome.html')
    await page.waitForSelector('#quire-sidebar a[aria-current="page"]')
    expect(await page.$eval('#quire-sidebar a[aria-current="page"]', (link) => link.textContent)).toBe('Welcome to the course')
    await Promise.all([page.waitForNavigation(), page.click('#quire-sidebar a[href="lectures-lecture-2.html"]')])
    expect(current()).toBe('lectures-lecture-2.html')
    expect(await page.$eval('#quire-sidebar a[aria-current="page"]', (link) => link.textContent)).toBe('Lecture 2: matrices')
  })

  it('follows the next link, then a backlink', async () => {
    await open('lectures-lecture-1.html')
    await Promise.all([page.waitForNavigation(), page.click('.pager a[rel="next"]')])
    expect(current()).toBe('lectures-lecture-2.html')
    await open('lectures-lecture-1.html')
    await Promise.all([page.waitForNavigation(), page.click('.backlinks a[href="lectures-labs-lab-1.html"]')])
    expect(current()).toBe('lectures-labs-lab-1.html')
    expect(await page.$eval('h1', (heading) => heading.textContent)).toBe('Lab 1: numpy')
  })

  it('links the sidebar right from a tag page two folders down', async () => {
    await open('tags/course/week-1.html')
    await page.waitForSelector('#quire-sidebar a')
    await Promise.all([page.waitForNavigation(), page.click('#quire-sidebar a[href$="lectures-lecture-1.html"]')])
    expect(current()).toBe('lectures-lecture-1.html')
  })

  it('folds the sidebar behind the menu button at 390 px', async () => {
    await page.setViewport({width: 390, height: 844})
    try {
      await open('lectures-lecture-2.html')
      await page.waitForSelector('#quire-sidebar a')
      const visible = () => page.$eval('#quire-sidebar', (nav) => getComputedStyle(nav).display !== 'none' && nav.getBoundingClientRect().height > 0)
      expect(await visible()).toBe(false)
      expect(await page.$eval('.sidebar-toggle', (button) => (button as HTMLButtonElement).hidden)).toBe(false)
      await page.click('.sidebar-toggle')
      expect(await visible()).toBe(true)
      expect(await page.$eval('.sidebar-toggle', (button) => button.getAttribute('aria-expanded'))).toBe('true')
      // The current note has the focus, inside the open sidebar.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-current'))).toBe('page')
      await page.keyboard.press('Escape')
      expect(await visible()).toBe(false)
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('sidebar-toggle')
    } finally {
      await page.setViewport({width: 1280, height: 900})
    }
  })

  it('reads without JavaScript: the text, and the sidebar in a frame', async () => {
    const plain = await browser.newPage()
    try {
      await plain.setJavaScriptEnabled(false)
      await plain.goto(new URL('lectures-lecture-2.html', server.url).href, {waitUntil: 'load'})
      expect(await plain.$eval('main h1', (heading) => heading.textContent)).toBe('Lecture 2: matrices')
      const frame = await plain.$eval('#quire-sidebar iframe', (element) => ({src: element.getAttribute('src'), height: element.getBoundingClientRect().height}))
      expect(frame.src).toBe('sidebar.html')
      expect(frame.height).toBeGreaterThan(200)
      const sidebar = plain.frames().find((candidate) => candidate.url().endsWith('/sidebar.html'))!
      expect(await sidebar.$$eval('a', (links) => links.map((link) => link.textContent))).toContain('Week 10 notes')
      expect(await plain.$eval('.sidebar-toggle', (button) => (button as HTMLButtonElement).hidden)).toBe(true)
    } finally {
      await plain.close()
    }
  })

  it('has no serious or critical accessibility violations (axe-core) on the index, a note, a tag page and the tag index', async () => {
    for (const file of ['index.html', 'lectures-lecture-2.html', 'tags/course.html', 'tags/index.html']) {
      await open(file)
      await page.waitForSelector('#quire-sidebar a')
      await page.addScriptTag({path: axeSource})
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as {axe: {run(context: Document, options: object): Promise<{violations: Array<{id: string; impact: string; nodes: Array<{target: string[]}>}>}>}}).axe
        const result = await axe.run(document, {resultTypes: ['violations']})
        return result.violations.map((violation) => ({id: violation.id, impact: violation.impact, nodes: violation.nodes.map((node) => node.target.join(' '))}))
      })
      expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical'), file).toEqual([])
    }
  })
})
