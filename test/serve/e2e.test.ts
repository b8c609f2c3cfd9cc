/**
 * `quire serve` with a real headless Chromium: the page updates itself after
 * the note is edited on disk, with no reload or navigation from the test.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type {Browser} from 'puppeteer'
import {afterAll, describe, expect, it} from 'vitest'
import {tempDir} from '../helpers/build.js'
import {startCli, stopAll} from '../helpers/long-running.js'
import {needs} from '../helpers/tools.js'
import {findBrowser} from '../../src/browser/chromium.js'


const note = (heading: string) => `---\ntitle: Live note\n---\n\nIntro.\n\n## ${heading}\n\nText.\n`

let browser: Browser | undefined
let profile: string | undefined

afterAll(async () => {
  await browser?.close()
  await stopAll()
  if (profile) await fs.rm(profile, {recursive: true, force: true})
})

describe('quire serve in a browser', needs('chromium'), () => {
  it('reloads the open page when the note changes on disk', async () => {
    const cwd = await tempDir('quire-serve-e2e-')
    const content = path.join(cwd, 'content')
    const out = path.join(cwd, 'site')
    await fs.mkdir(content)
    await fs.writeFile(path.join(content, 'note.md'), note('First heading'))

    const serve = startCli(['serve', content, '--out', out, '--port', '0', '--format', 'html'], {cwd})
    const [, url] = await serve.waitFor(/Serving site\/html at (http:\/\/127\.0\.0\.1:\d+\/)/)
    await serve.waitFor(/1 note built, 0 errors/)
    expect(url).not.toMatch(/:0\/$/)

    const puppeteer = (await import('puppeteer')).default
    profile = await tempDir('quire-chromium-')
    const {executablePath} = await findBrowser({})
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      userDataDir: profile,
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1'
      ]
    })
    const page = await browser.newPage()
    const warnings: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'warn') warnings.push(message.text())
    })
    await page.goto(new URL('note', url!).href, {waitUntil: 'load'})
    const headings = () => page.$$eval('main h2:not(.toc-title)', (elements) => elements.map((element) => element.firstChild?.textContent?.trim()))
    expect(await headings()).toEqual(['First heading'])
    // Wait until the page listens, so the edit cannot happen before it subscribed.
    await page.waitForFunction(() => (window as unknown as {__quireLiveReload?: EventSource}).__quireLiveReload?.readyState === 1, {timeout: 15_000})

    let from = serve.mark()
    await fs.writeFile(path.join(content, 'note.md'), note('Changed heading'))
    await page.waitForFunction(() => document.querySelector('main h2:not(.toc-title)')?.firstChild?.textContent?.trim() === 'Changed heading', {timeout: 15_000})
    await serve.waitFor(/content\/note\.md changed, rebuilding/, {from})

    // The script lives only in what the server sends, never in out/.
    const written = await fs.readFile(path.join(out, 'html', 'note.html'), 'utf8')
    expect(written).toContain('Changed heading')
    expect(written).not.toContain('data-quire-live-reload')
    expect(await page.$('script[data-quire-live-reload]')).not.toBeNull()

    // A broken note: its diagnostics reach the browser console, the page keeps its last good version.
    from = serve.mark()
    await fs.writeFile(path.join(content, 'note.md'), '---\ntitle: "oops\n---\n\n## Broken\n')
    await serve.waitFor(/0 notes built, 1 failed/, {from})
    await expect.poll(() => warnings.some((line) => line.includes('front-matter-yaml')), {timeout: 15_000}).toBe(true)
    expect(await headings()).toEqual(['Changed heading'])

    from = serve.mark()
    expect(await serve.stop('SIGINT')).toBe(0)
    expect(serve.output().slice(from)).toContain('quire: stopped')
  })
})
