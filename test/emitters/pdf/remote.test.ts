/** `pdf.browserWSEndpoint`: print with a browser quire did not start, and leave it running. */
import {spawn, type ChildProcess} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {findBrowser, launchFlags} from '../../../src/browser/chromium.js'
import {buildFixture, fixturesDir, tempDir, type FixtureBuild} from '../../helpers/build.js'
import {pageTexts, pdfinfo} from './tools.js'
import {needs} from '../../helpers/tools.js'

describe('pdf: remote browser', needs('chromium', 'pdfinfo', 'pdftotext'), () => {
  let browser: ChildProcess
  let profile: string
  let endpoint: string
  let built: FixtureBuild

  beforeAll(async () => {
    const {executablePath} = await findBrowser({})
    profile = await tempDir('quire-pdf-remote-')
    browser = spawn(executablePath, [...launchFlags(), '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {stdio: ['ignore', 'ignore', 'pipe']})
    endpoint = await new Promise<string>((resolve, reject) => {
      let text = ''
      browser.stderr!.on('data', (chunk: Buffer) => {
        text += chunk.toString()
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(text)
        if (match) resolve(match[1]!)
      })
      browser.once('exit', () => reject(new Error(`browser exited: ${text}`)))
    })
    built = await buildFixture(path.join(fixturesDir, 'pdf', 'handout'), ['pdf'], {config: {pdf: {browserWSEndpoint: endpoint}}})
  })

  afterAll(async () => {
    browser?.kill('SIGKILL')
    await fs.rm(profile, {recursive: true, force: true, maxRetries: 5})
  })

  it('prints through the endpoint, with images inlined', async () => {
    expect(built.result.errors).toBe(0)
    const file = path.join(built.out, 'pdf', 'handout.pdf')
    expect(pdfinfo(file).Tagged).toBe('yes')
    expect(pageTexts(file).join('\n')).toContain('Last words.')
    const pdf = (await built.readBytes('pdf/handout.pdf')).toString('latin1')
    expect(pdf).toMatch(/\/Subtype \/Image/)
  })

  it('leaves the remote browser running', () => {
    expect(browser.exitCode).toBeNull()
    expect(browser.signalCode).toBeNull()
  })
})
