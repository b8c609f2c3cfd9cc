/**
 * A failed, aborted or crashed render leaves no browser running, no
 * half-written PDF and no temporary files. Each test points TMPDIR at a
 * folder of its own, so the browser profile and print pages are easy to find.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import type {Target} from 'puppeteer'
import {BrowserNotFoundError, findBrowser, openBrowser} from '../../../src/browser/chromium.js'
import {RendererCrashError, renderPdf, renderWithRetry} from '../../../src/emitters/pdf/render.js'
import {defineEmitter} from '../../../src/emitters/types.js'
import {build} from '../../../src/publish.js'
import {buildFixture, messageLines, repoRoot, sampleContent} from '../../helpers/build.js'
import {processesMatching} from './tools.js'
import {needs} from '../../helpers/tools.js'

let base: string
let exitListeners: number
let tmp: string
let out: string
const savedTmp = process.env.TMPDIR

beforeEach(async () => {
  base = await fs.mkdtemp(path.join(os.tmpdir(), 'quire-pdf-cleanup-'))
  tmp = path.join(base, 'tmp')
  out = path.join(base, 'out')
  await fs.mkdir(tmp)
  process.env.TMPDIR = tmp
  exitListeners = process.listenerCount('exit')
})

afterEach(async () => {
  if (savedTmp === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = savedTmp
  await fs.rm(base, {recursive: true, force: true})
})

async function filesUnder(folder: string): Promise<string[]> {
  try {
    return (await fs.readdir(folder, {recursive: true})).map(String).sort()
  } catch {
    return []
  }
}

/** Nothing of the browser is left: no process using our temp folder, no profile, no print pages. */
async function expectNothingLeft(): Promise<void> {
  expect(processesMatching(tmp)).toEqual([])
  expect(await filesUnder(tmp)).toEqual([])
  // The process-exit safety nets are removed once the browser is closed.
  expect(process.listenerCount('exit')).toBe(exitListeners)
  expect((await filesUnder(out)).filter((file) => file.includes('.tmp-'))).toEqual([])
}

describe('pdf: cleanup', needs('chromium', 'pgrep'), () => {
  it('fails every note on a timeout, writes no PDF and leaves no browser behind', async () => {
    const built = await buildFixture(sampleContent, ['pdf'], {out, config: {pdf: {timeout: 1}}})
    expect(built.result.errors).toBe(3)
    const lines = messageLines(built.result, sampleContent)
    expect(lines.filter((line) => line.includes('rendering took longer than 1 ms') && line.endsWith('pdf-failed'))).toHaveLength(3)
    expect(built.result.written.filter((file) => file.startsWith('pdf/'))).toEqual([])
    expect((await filesUnder(out)).filter((file) => file.endsWith('.pdf'))).toEqual([])
    await expectNothingLeft()
  })

  it('stops the browser and removes temporary files when the build is aborted (Ctrl-C)', async () => {
    const controller = new AbortController()
    let running: string[] = []
    const promise = build({
      cwd: repoRoot,
      config: {pdf: {concurrency: 1}},
      content: sampleContent,
      out,
      formats: ['pdf'],
      quiet: true,
      signal: controller.signal,
      onProgress(line) {
        // After the first handout: the browser is up and busy with the next one.
        if (line.startsWith('pdf ') && !controller.signal.aborted) {
          running = processesMatching(tmp)
          controller.abort(new Error('Interrupted by SIGINT'))
        }
      }
    })
    await expect(promise).rejects.toThrow('Interrupted by SIGINT')
    expect(running.length).toBeGreaterThan(0)
    await expectNothingLeft()
  })

  it('prints every note when the browser crashes mid-build (restarted once), then cleans up', async () => {
    let killed: string[] = []
    const result = await build({
      cwd: repoRoot,
      config: {pdf: {concurrency: 1}},
      content: sampleContent,
      out,
      formats: ['pdf'],
      quiet: true,
      onProgress(line) {
        if (line.startsWith('pdf ') && killed.length === 0) {
          killed = processesMatching(tmp)
          for (const pid of killed) {
            try {
              process.kill(Number(pid), 'SIGKILL')
            } catch {}
          }
        }
      }
    })
    expect(killed.length).toBeGreaterThan(0)
    expect(result.errors).toBe(0)
    expect(result.written.filter((file) => file.startsWith('pdf/'))).toHaveLength(3)
    await expectNothingLeft()
  })

  it('fails fast when a tab crashes, and prints in a new tab on the one retry', async () => {
    const session = await openBrowser({}, new AbortController().signal)
    const page = path.join(tmp, 'page.html')
    await fs.writeFile(page, '<!doctype html><html lang="en"><title>t</title><h1>Crash me</h1><p>text</p></html>')
    const job = {htmlPath: page, allowedFolders: [tmp], allowedFiles: []}
    const options = {format: 'A4' as const, margin: {top: '1cm', right: '1cm', bottom: '1cm', left: '1cm'}, timeout: 30_000}
    const browser = await session.browser()
    let crashes = 0
    let crashLimit = 1
    // Crash the renderer of the next tab(s) as soon as it opens.
    const crashNext = async (target: Target) => {
      if (target.type() !== 'page' || crashes >= crashLimit) return
      crashes++
      const crashed = await target.page()
      const client = await crashed!.createCDPSession()
      client.send('Page.crash').catch(() => {})
    }
    browser.on('targetcreated', crashNext)
    try {
      const started = performance.now()
      await expect(renderPdf(browser, job, options, new AbortController().signal)).rejects.toBeInstanceOf(RendererCrashError)
      expect(performance.now() - started).toBeLessThan(20_000)
      crashLimit = 2
      const bytes = await renderWithRetry(() => session.browser(), job, options, new AbortController().signal)
      expect(crashes).toBe(2)
      expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe('%PDF-')
    } finally {
      browser.off('targetcreated', crashNext)
      await session.close()
      await fs.rm(page, {force: true})
    }
    await expectNothingLeft()
  })

  it('relaunches a browser that died and renders with it', async () => {
    const session = await openBrowser({}, new AbortController().signal)
    try {
      const first = await session.browser()
      const child = first.process()!
      const exited = new Promise((resolve) => child.once('exit', resolve))
      process.kill(-child.pid!, 'SIGKILL')
      await exited
      const second = await session.browser()
      expect(second).not.toBe(first)
      expect(second.connected).toBe(true)
      const page = await second.newPage()
      expect((await page.pdf()).length).toBeGreaterThan(500)
      await page.close()
    } finally {
      await session.close()
    }
    await expectNothingLeft()
  })

  it('fails the pdf format with one clear message when no browser is found; other formats still build', async () => {
    const wrote: string[] = []
    const probe = defineEmitter({
      name: 'probe',
      description: 'test probe',
      writes: ['probe.txt'],
      collection(_notes, context) {
        context.write('probe.txt', 'ok')
        wrote.push('probe.txt')
      }
    })
    const built = await buildFixture(sampleContent, ['pdf', 'probe'], {out, config: {emitters: {probe}, pdf: {executablePath: path.join(base, 'no-such-chrome')}}})
    expect(built.result.errors).toBe(1)
    expect(built.result.messages.map((message) => message.reason)).toEqual([
      expect.stringMatching(/^pdf: `pdf\.executablePath` is not an executable file: .*no-such-chrome\. Point it at a Chrome or Chromium binary/)
    ])
    expect(built.result.written).toEqual(['probe.txt'])
    expect(wrote).toHaveLength(1)
    await expectNothingLeft()
  })
})

describe('pdf: browser discovery', () => {
  it('prefers pdf.executablePath, then PUPPETEER_EXECUTABLE_PATH, then system paths', async () => {
    const fake = path.join(base, 'chrome')
    await fs.writeFile(fake, '#!/bin/sh\n', {mode: 0o755})
    const other = path.join(base, 'other-chrome')
    await fs.writeFile(other, '#!/bin/sh\n', {mode: 0o755})
    expect(await findBrowser({executablePath: fake}, {PUPPETEER_EXECUTABLE_PATH: other}, [])).toEqual({executablePath: fake, source: 'option'})
    expect(await findBrowser({}, {PUPPETEER_EXECUTABLE_PATH: other}, [fake])).toEqual({executablePath: other, source: 'env'})
    expect(await findBrowser({}, {PATH: ''}, [path.join(base, 'missing'), fake])).toEqual({executablePath: fake, source: 'system'})
    expect(await findBrowser({}, {PATH: base}, [])).toEqual({executablePath: fake, source: 'system'})
  })

  it('says how to install a browser when none is found', async () => {
    const search = findBrowser({}, {PATH: ''}, [])
    await expect(search).rejects.toBeInstanceOf(BrowserNotFoundError)
    await expect(search).rejects.toThrow(/No Chrome or Chromium found for the pdf format\. Install one: on Debian or Ubuntu `sudo apt-get install chromium`.*PUPPETEER_EXECUTABLE_PATH/)
  })

  it('refuses an executablePath or PUPPETEER_EXECUTABLE_PATH that is not executable instead of falling back', async () => {
    const plain = path.join(base, 'not-executable')
    await fs.writeFile(plain, '', {mode: 0o644})
    const fallback = path.join(base, 'chrome')
    await fs.writeFile(fallback, '#!/bin/sh\n', {mode: 0o755})
    await expect(findBrowser({executablePath: plain}, {}, [fallback])).rejects.toThrow('`pdf.executablePath` is not an executable file')
    await expect(findBrowser({}, {PUPPETEER_EXECUTABLE_PATH: plain}, [fallback])).rejects.toThrow(/^PUPPETEER_EXECUTABLE_PATH is not an executable file: .*not-executable\. Point it at/)
  })
})
