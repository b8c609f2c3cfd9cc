/**
 * scripts/setup.mjs, the `prepare` step: finds or installs a browser, and
 * installs the Debian packages the tests need (as root, with apt-get). Run
 * with `--dry-run` only: a test must never install anything.
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {browserCommands, systemBrowserPaths} from '../../src/browser/chromium.js'
import {repoRoot, tempDir} from '../helpers/build.js'
import {needs} from '../helpers/tools.js'

const script = path.join(repoRoot, 'scripts', 'setup.mjs')

function setup(env: NodeJS.ProcessEnv, args: string[] = ['--dry-run']) {
  return spawnSync(process.execPath, [script, ...args], {encoding: 'utf8', env: {PATH: process.env.PATH, HOME: process.env.HOME, ...env}, timeout: 30_000})
}

/** A PATH with node and apt-get only: every test tool is missing (the browser and files are found by their paths). */
async function barePath(): Promise<{path: string; aptGet: boolean}> {
  const bin = await tempDir('quire-setup-bin-')
  fs.symlinkSync(process.execPath, path.join(bin, 'node'))
  const aptGet = (process.env.PATH ?? '').split(path.delimiter).map((folder) => path.join(folder, 'apt-get')).find((file) => fs.existsSync(file))
  if (aptGet) fs.symlinkSync(aptGet, path.join(bin, 'apt-get'))
  return {path: bin, aptGet: aptGet !== undefined}
}

describe('setup.mjs', () => {
  it('looks for the browser in the same places as the emitter', () => {
    const text = fs.readFileSync(script, 'utf8')
    const list = (name: string) => JSON.parse(text.match(new RegExp(`const ${name} = (\\[[^\\]]*\\])`))![1]!.replace(/'/g, '"').replace(/,\s*\]/, ']')) as string[]
    expect(list('systemBrowserPaths')).toEqual(systemBrowserPaths)
    expect(list('browserCommands')).toEqual(browserCommands)
  })

  it('does nothing but say so when told to skip, and exits 0', () => {
    const result = setup({QUIRE_SKIP_SETUP: '1'}, [])
    expect(result.status).toBe(0)
    expect(result.stdout).toBe('quire: QUIRE_SKIP_SETUP is set: not looking for a browser or the test tools.\n')
    const neither = setup({QUIRE_SKIP_BROWSER_SETUP: '1', QUIRE_SKIP_TOOLS_SETUP: '1'}, [])
    expect(neither.status).toBe(0)
    expect(neither.stdout).toBe(
      'quire: QUIRE_SKIP_BROWSER_SETUP is set: not looking for a browser (the pdf format needs one).\n' +
        'quire: QUIRE_SKIP_TOOLS_SETUP is set: not looking for the test tools (tests that need one are skipped).\n'
    )
  })

  it('uses the browser that is already there, and says the test tools are all there', needs('chromium', 'pdfinfo', 'pdftotext', 'pdffonts', 'pdftoppm', 'qpdf', 'epubcheck', 'pandoc', 'pgrep'), () => {
    const result = setup({})
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/^quire: PDF output will use the browser at \S.*\nquire: the tools the tests use are all there\.\n$/)
  })

  it('prefers PUPPETEER_EXECUTABLE_PATH', () => {
    const result = setup({PUPPETEER_EXECUTABLE_PATH: process.execPath, QUIRE_SKIP_TOOLS_SETUP: '1'})
    expect(result.status).toBe(0)
    expect(result.stdout).toContain(`quire: PDF output will use the browser at ${process.execPath} (PUPPETEER_EXECUTABLE_PATH).\n`)
  })

  it('names each missing test tool, its package, and the one command that installs them all', async () => {
    const bare = await barePath()
    const result = setup({PATH: bare.path, PUPPETEER_EXECUTABLE_PATH: process.execPath})
    expect(result.status).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toBe(`quire: PDF output will use the browser at ${process.execPath} (PUPPETEER_EXECUTABLE_PATH).`)
    // (The emoji font is a file: listed first if this machine lacks it.)
    expect(lines[1]).toMatch(/^quire: missing: (fonts-noto-color-emoji \(.*\), )?poppler-utils \(the tests read PDFs back: pdfinfo, pdftotext, pdffonts, pdftoppm\), qpdf \(.*: qpdf\), epubcheck \(.*java\), pandoc \(.*: pandoc\), procps \(.*: pgrep\)\.$/)
    const debian = fs.existsSync('/etc/os-release') && /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(fs.readFileSync('/etc/os-release', 'utf8'))
    // As root on Debian, what `npm install` would run; elsewhere, what to run.
    if (process.getuid?.() === 0 && debian && bare.aptGet) {
      expect(lines[2]).toMatch(/^quire: would run `apt-get install -y (fonts-noto-color-emoji )?poppler-utils qpdf epubcheck pandoc procps`\.$/)
    } else {
      expect(lines[2]).toMatch(debian ? /^quire: to install: `sudo apt-get install -y (fonts-noto-color-emoji )?poppler-utils qpdf epubcheck pandoc procps`/ : /with your system's package manager/)
    }
  })
})
