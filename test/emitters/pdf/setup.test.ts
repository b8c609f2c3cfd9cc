/** scripts/setup-browser.mjs: the `prepare` step that finds or installs a browser. */
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {browserCommands, systemBrowserPaths} from '../../../src/browser/chromium.js'
import {repoRoot} from '../../helpers/build.js'
import {pdfToolsAvailable} from './tools.js'

const script = path.join(repoRoot, 'scripts', 'setup-browser.mjs')

function setup(env: NodeJS.ProcessEnv, args: string[] = []) {
  return spawnSync(process.execPath, [script, ...args], {encoding: 'utf8', env: {PATH: process.env.PATH, HOME: process.env.HOME, ...env}, timeout: 30_000})
}

describe('setup-browser.mjs', () => {
  it('looks in the same places as the emitter', () => {
    const text = readFileSync(script, 'utf8')
    const list = (name: string) => JSON.parse(text.match(new RegExp(`const ${name} = (\\[[^\\]]*\\])`))![1]!.replace(/'/g, '"').replace(/,\s*\]/, ']')) as string[]
    expect(list('systemBrowserPaths')).toEqual(systemBrowserPaths)
    expect(list('browserCommands')).toEqual(browserCommands)
  })

  it('does nothing but say so when told to skip, and exits 0', () => {
    const result = setup({QUIRE_SKIP_BROWSER_SETUP: '1'})
    expect(result.status).toBe(0)
    expect(result.stdout).toBe('quire: QUIRE_SKIP_BROWSER_SETUP is set: not looking for a browser (the pdf format needs one).\n')
  })

  it.skipIf(!pdfToolsAvailable)('uses the browser that is already there', () => {
    const result = setup({}, ['--dry-run'])
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/^quire: PDF output will use the browser at \S/)
  })

  it('prefers PUPPETEER_EXECUTABLE_PATH', () => {
    const result = setup({PUPPETEER_EXECUTABLE_PATH: process.execPath}, ['--dry-run'])
    expect(result.status).toBe(0)
    expect(result.stdout).toBe(`quire: PDF output will use the browser at ${process.execPath} (PUPPETEER_EXECUTABLE_PATH).\n`)
  })
})
