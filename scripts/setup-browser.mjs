#!/usr/bin/env node
// quire's set-up step for PDF output (run by `prepare`, i.e. `npm install` in
// a checkout): make sure a Chrome or Chromium is there for the pdf format.
//
//   1. a browser is already there (PUPPETEER_EXECUTABLE_PATH, puppeteer's own, system): use it;
//   2. Debian or Ubuntu, as root, with apt-get: `apt-get install -y chromium`;
//   3. else, if the browser download host answers: `puppeteer browsers install chrome`.
//
// It says what it did, never downloads where there is no network, and always
// exits 0: a missing browser only disables the pdf format, never the install.
// QUIRE_SKIP_BROWSER_SETUP=1 skips it; `--dry-run` only says what it would do.
// Plain Node ESM on purpose: it runs before (and without) the TypeScript build.
import {spawnSync} from 'node:child_process'
import {accessSync, constants, readFileSync, statSync} from 'node:fs'
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

function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
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

function debianLike() {
  if (process.platform !== 'linux') return false
  try {
    const release = readFileSync('/etc/os-release', 'utf8')
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release)
  } catch {
    return false
  }
}

const hasCommand = (command) => spawnSync(command, ['--version'], {stdio: 'ignore'}).error === undefined

function run(command, args, timeoutMs) {
  say(`running: ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'},
    timeout: timeoutMs
  })
  return result.status === 0
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

async function main() {
  if (process.env.QUIRE_SKIP_BROWSER_SETUP) {
    say('QUIRE_SKIP_BROWSER_SETUP is set: not looking for a browser (the pdf format needs one).')
    return
  }
  const found = await findBrowser()
  if (found) {
    say(`PDF output will use the browser at ${found}.`)
    return
  }

  const root = typeof process.getuid === 'function' && process.getuid() === 0
  if (debianLike() && root && hasCommand('apt-get')) {
    if (dryRun) return say('no browser found; would run `apt-get install -y chromium`.')
    say('no Chrome or Chromium found; installing Debian\'s chromium with apt-get.')
    const installed =
      run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], 10 * 60_000) ||
      (run('apt-get', ['update', '-q'], 5 * 60_000) && run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], 10 * 60_000))
    const after = installed ? await findBrowser() : undefined
    if (after) return say(`installed chromium; PDF output will use ${after}.`)
    say('apt-get could not install chromium; trying puppeteer\'s browser instead.')
  }

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
  say(`browser set-up skipped: ${error instanceof Error ? error.message : String(error)}`)
}
process.exitCode = 0
