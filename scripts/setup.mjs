#!/usr/bin/env node
// quire's set-up step (run by `prepare`, i.e. `npm install` in a checkout):
// make sure what the pdf format and the test suite use is on the machine.
//
//   1. a browser for PDFs and diagrams: one already there (PUPPETEER_EXECUTABLE_PATH,
//      puppeteer's own, system) is used; else Debian's `chromium`; else, if the
//      download host answers, `puppeteer browsers install chrome`;
//   2. the Debian packages listed in setup-packages.json: the emoji font for PDFs, and
//      the tools the tests read outputs back with (poppler-utils, qpdf, epubcheck,
//      pandoc, procps). Only the missing ones, in one `apt-get install`.
//
// Packages are installed only on Debian or Ubuntu, as root, with apt-get; elsewhere
// it says what is missing and how to install it. It says what it did, never
// downloads where there is no network, and always exits 0: a missing browser only
// disables the pdf format, a missing tool only skips the tests that need it.
//
//   QUIRE_SKIP_SETUP=1           skips everything;
//   QUIRE_SKIP_BROWSER_SETUP=1   skips the browser and the emoji font;
//   QUIRE_SKIP_TOOLS_SETUP=1     skips the test tools;
//   --dry-run                    only says what it would do.
//
// Plain Node ESM on purpose: it runs before (and without) the TypeScript build.
import {spawnSync} from 'node:child_process'
import {accessSync, constants, existsSync, readFileSync, statSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import process from 'node:process'

// Keep in sync with src/browser/chromium.ts (a test checks).
const systemBrowserPaths = [
  '/usr/lib/chromium/chromium',
  '/usr/lib/chromium-browser/chromium-browser',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe'
]
const browserCommands = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome']

const dryRun = process.argv.includes('--dry-run')
const say = (line) => process.stdout.write(`quire: ${line}\n`)
const require = createRequire(import.meta.url)
const {packages} = JSON.parse(readFileSync(new URL('./setup-packages.json', import.meta.url), 'utf8'))

function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((folder) => folder && isExecutable(path.join(folder, command)))
}

async function findBrowser() {
  const fromEnv = process.env.PUPPETEER_EXECUTABLE_PATH
  if (fromEnv && isExecutable(fromEnv)) return `${fromEnv} (PUPPETEER_EXECUTABLE_PATH)`
  try {
    const puppeteer = (await import('puppeteer')).default
    const configured = puppeteer.executablePath()
    if (configured && isExecutable(configured)) return `${configured} (puppeteer's browser)`
  } catch {}
  for (const file of systemBrowserPaths) if (isExecutable(file)) return file
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const command of browserCommands) {
      const file = path.join(folder, command)
      if (folder && isExecutable(file)) return file
    }
  }
  return undefined
}

/** The tools of a package (not the browser) that are not there. */
function missingTools(entry) {
  return entry.provides.filter((tool) => (tool.command && !onPath(tool.command)) || (tool.file && !existsSync(tool.file))).map((tool) => tool.tool)
}

function debianLike() {
  if (process.platform !== 'linux') return false
  try {
    const release = readFileSync('/etc/os-release', 'utf8')
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release)
  } catch {
    return false
  }
}

function run(command, args, timeoutMs) {
  say(`running: ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'},
    timeout: timeoutMs
  })
  return result.status === 0
}

/** `apt-get install` the names; on failure (a fresh machine has no package lists yet) `apt-get update` and once more. */
function aptInstall(names) {
  const install = ['install', '-y', '-q', '--no-install-recommends', ...names]
  return run('apt-get', install, 20 * 60_000) || (run('apt-get', ['update', '-q'], 5 * 60_000) && run('apt-get', install, 20 * 60_000))
}

/** True if the download host answers at all within a few seconds (any HTTP status will do). */
async function canReach(url) {
  try {
    await fetch(url, {method: 'HEAD', signal: AbortSignal.timeout(5000)})
    return true
  } catch {
    return false
  }
}

const list = (names) => names.join(', ')

async function main() {
  if (process.env.QUIRE_SKIP_SETUP) {
    say('QUIRE_SKIP_SETUP is set: not looking for a browser or the test tools.')
    return
  }
  const skipBrowser = Boolean(process.env.QUIRE_SKIP_BROWSER_SETUP)
  const skipTools = Boolean(process.env.QUIRE_SKIP_TOOLS_SETUP)
  if (skipBrowser) say('QUIRE_SKIP_BROWSER_SETUP is set: not looking for a browser (the pdf format needs one).')
  if (skipTools) say('QUIRE_SKIP_TOOLS_SETUP is set: not looking for the test tools (tests that need one are skipped).')

  const browser = skipBrowser ? undefined : await findBrowser()
  if (browser) say(`PDF output will use the browser at ${browser}.`)
  /** The packages to install: each with why, and its tools that are missing. */
  const wanted = packages
    .filter((entry) => (entry.for === 'pdf' ? !skipBrowser : !skipTools))
    .map((entry) => ({...entry, missing: entry.package === 'chromium' ? (browser ? [] : ['chromium']) : missingTools(entry)}))
    .filter((entry) => entry.missing.length > 0)
  if (!skipTools && !wanted.some((entry) => entry.for === 'tests')) say('the tools the tests use are all there.')
  const names = wanted.map((entry) => entry.package)

  if (names.length > 0) {
    const root = typeof process.getuid === 'function' && process.getuid() === 0
    const why = list(wanted.map((entry) => `${entry.package} (${entry.why}: ${list(entry.missing)})`))
    if (debianLike() && root && onPath('apt-get')) {
      if (dryRun) {
        say(`missing: ${why}.`)
        say(`would run \`apt-get install -y ${names.join(' ')}\`.`)
        return
      }
      say(`installing with apt-get: ${why}.`)
      aptInstall(names)
      const after = await findBrowser()
      const installed = []
      const failed = []
      for (const entry of wanted) {
        const ok = entry.package === 'chromium' ? Boolean(after) : missingTools(entry).length === 0
        ;(ok ? installed : failed).push(entry.package)
      }
      if (installed.length > 0) say(`installed ${list(installed)}.`)
      if (after && !browser && !skipBrowser) say(`PDF output will use the browser at ${after}.`)
      if (failed.length > 0) say(`apt-get could not install ${list(failed)}; install ${failed.length === 1 ? 'it' : 'them'} later with \`apt-get install -y ${failed.join(' ')}\`.`)
      if (after || skipBrowser) return
      say('trying puppeteer\'s browser instead.')
    } else {
      say(`missing: ${why}.`)
      const tools = wanted.filter((entry) => entry.package !== 'chromium').map((entry) => entry.package)
      if (tools.length > 0) {
        say(
          debianLike()
            ? `to install: \`sudo apt-get install -y ${tools.join(' ')}\` (or run \`npm install\` as root).`
            : `install ${list(tools)} with your system's package manager (tests that need a missing tool are skipped).`
        )
      }
    }
  }
  if (browser || skipBrowser) return

  // puppeteer's own download, only if its download host resolves (no network: do not even try).
  if (!(await canReach('https://storage.googleapis.com/chrome-for-testing-public/'))) {
    say('no Chrome or Chromium found and no network to download one: the pdf format will not work until you install one')
    say('(Debian/Ubuntu: `sudo apt-get install chromium`; or Google Chrome; or `npx puppeteer browsers install chrome`; or set PUPPETEER_EXECUTABLE_PATH).')
    return
  }
  let cli
  try {
    const manifest = require.resolve('puppeteer/package.json')
    const bin = JSON.parse(readFileSync(manifest, 'utf8')).bin
    cli = path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin.puppeteer)
  } catch {
    say('puppeteer is not installed; cannot download a browser. Install Chrome or Chromium for the pdf format.')
    return
  }
  if (dryRun) return say('no browser found; would run `puppeteer browsers install chrome`.')
  say('no Chrome or Chromium found; downloading puppeteer\'s Chrome (this may take a minute).')
  if (run(process.execPath, [cli, 'browsers', 'install', 'chrome'], 10 * 60_000) && (await findBrowser())) {
    say(`installed Chrome for puppeteer; PDF output will use ${await findBrowser()}.`)
  } else {
    say('could not download Chrome: the pdf format will not work until you install Chrome or Chromium (other formats are fine).')
  }
}

try {
  await main()
} catch (error) {
  say(`set-up skipped: ${error instanceof Error ? error.message : String(error)}`)
}
process.exitCode = 0
