/**
 * Finding, launching and closing a headless Chromium: the one the PDF
 * format prints with, and the one that renders diagrams. Never downloads a
 * browser; the launched browser reaches no network.
 */
import {accessSync, constants, mkdtempSync, rmSync, statSync} from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {Browser} from 'puppeteer'
import {errorText} from '../report.js'

export interface BrowserOptions {
  /** A Chrome/Chromium binary to use instead of looking for one. */
  readonly executablePath?: string | undefined
}

/** Where Chrome and Chromium usually live, most specific first (keep in sync with scripts/setup.mjs). */
export const systemBrowserPaths: readonly string[] = [
  // Debian and Ubuntu: the real binary (`/usr/bin/chromium` is a noisy shell wrapper).
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

/** Names looked up on PATH after the fixed paths. */
export const browserCommands: readonly string[] = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome']

export const installHint =
  'Install one: on Debian or Ubuntu `sudo apt-get install chromium`; elsewhere install Google Chrome, or run `npx puppeteer browsers install chrome`. ' +
  'Or point quire at a browser with PUPPETEER_EXECUTABLE_PATH or the `pdf.executablePath` option, or at a running one with `pdf.browserWSEndpoint`.'

export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError'
}

export interface FoundBrowser {
  readonly executablePath: string
  /** Which rule found it: `option`, `env`, `puppeteer`, `system`. */
  readonly source: 'option' | 'env' | 'puppeteer' | 'system'
}

/** Whether `file` is a regular file this process may run. */
export function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function onPath(command: string, searchPath: string): string | undefined {
  for (const folder of searchPath.split(path.delimiter)) {
    if (!folder) continue
    const file = path.join(folder, command)
    if (isExecutable(file)) return file
  }
  return undefined
}

/**
 * `pdf.executablePath`, then PUPPETEER_EXECUTABLE_PATH, then puppeteer's
 * configured browser (only if it is really installed), then the usual system
 * paths. An explicit path that does not exist is an error, not a fallback.
 */
export async function findBrowser(
  options: BrowserOptions,
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = systemBrowserPaths
): Promise<FoundBrowser> {
  if (options.executablePath) {
    if (isExecutable(options.executablePath)) return {executablePath: options.executablePath, source: 'option'}
    throw new BrowserNotFoundError(`\`pdf.executablePath\` is not an executable file: ${options.executablePath}. Point it at a Chrome or Chromium binary, or remove it to let quire look for one.`)
  }
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH
  if (fromEnv) {
    if (isExecutable(fromEnv)) return {executablePath: fromEnv, source: 'env'}
    throw new BrowserNotFoundError(`PUPPETEER_EXECUTABLE_PATH is not an executable file: ${fromEnv}. Point it at a Chrome or Chromium binary, or unset it to let quire look for one.`)
  }
  try {
    const puppeteer = (await import('puppeteer')).default
    const configured = puppeteer.executablePath()
    if (configured && isExecutable(configured)) return {executablePath: configured, source: 'puppeteer'}
  } catch {
    // No browser configured or downloaded for puppeteer: keep looking.
  }
  for (const candidate of candidates) {
    if (isExecutable(candidate)) return {executablePath: candidate, source: 'system'}
  }
  for (const command of browserCommands) {
    const found = onPath(command, env.PATH ?? '')
    if (found) return {executablePath: found, source: 'system'}
  }
  throw new BrowserNotFoundError(`No Chrome or Chromium found for the pdf format. ${installHint}`)
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0

/** Flags for a browser that prints local files and nothing else. */
export function launchFlags(): string[] {
  return [
    ...(isRoot() ? ['--no-sandbox'] : []),
    '--headless',
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-dev-shm-usage',
    '--disable-features=Translate,MediaRouter,OptimizationHints',
    // Even with the flags above Chromium looks up Google hosts: resolve nothing.
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost'
  ]
}

/** The browser of one build. */
export interface BrowserSession {
  /** The connected browser; relaunched once if a launched one died. */
  browser(): Promise<Browser>
  readonly version: string
  /** Close gracefully, kill if that hangs, remove the profile. Safe to call twice. */
  close(): Promise<void>
}

async function launch(executablePath: string, root: string): Promise<Browser> {
  const puppeteer = (await import('puppeteer')).default
  return puppeteer.launch({
    executablePath,
    // Chromium's own temporary files (its singleton socket) go into our folder too, so a killed browser leaves nothing.
    env: {...process.env, TMPDIR: root},
    headless: true,
    pipe: true,
    userDataDir: path.join(root, 'profile'),
    // Puppeteer's own defaults plus ours; no signal handlers: the build aborts through its AbortSignal.
    args: launchFlags().filter((flag) => flag !== '--headless'),
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // Keep the browser off stdout; a crash shows up as a failed render.
    dumpio: false,
    timeout: 30_000
  })
}

function killTree(browser: Browser | undefined): void {
  const child = browser?.process()
  if (!child?.pid || child.exitCode !== null) return
  try {
    // Puppeteer starts the browser in its own process group: kill the whole group.
    process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL')
  } catch {
    try {
      child.kill('SIGKILL')
    } catch {}
  }
}

/** Launches the found browser (or connects to `browserWSEndpoint`) and returns the session. */
function hasExited(browser: Browser): boolean {
  const child = browser.process()
  return child !== null && (child.exitCode !== null || child.signalCode !== null)
}

export async function openBrowser(options: BrowserOptions & {readonly browserWSEndpoint?: string | undefined}, signal: AbortSignal): Promise<BrowserSession> {
  signal.throwIfAborted()
  if (options.browserWSEndpoint) {
    const puppeteer = (await import('puppeteer')).default
    const endpoint = options.browserWSEndpoint
    let browser: Browser
    try {
      browser = await puppeteer.connect({browserWSEndpoint: endpoint})
    } catch (error) {
      throw new Error(`Cannot connect to the browser at \`pdf.browserWSEndpoint\` ${endpoint}: ${errorText(error)}`)
    }
    const version = await browser.version()
    let closed = false
    return {
      version,
      browser: async () => {
        if (!browser.connected) throw new Error(`Lost the connection to the browser at ${endpoint}`)
        return browser
      },
      // Not ours to close: only disconnect.
      close: async () => {
        if (closed) return
        closed = true
        await browser.disconnect().catch(() => {})
      }
    }
  }

  const found = await findBrowser(options)
  const root = mkdtempSync(path.join(os.tmpdir(), 'quire-chromium-'))
  let current: Browser | undefined
  // At most one relaunch per build, shared by every tab that finds the browser gone.
  let relaunch: Promise<Browser> | undefined
  let closed = false
  const onExit = () => {
    killTree(current)
    try {
      rmSync(root, {recursive: true, force: true})
    } catch {}
  }
  process.on('exit', onExit)

  const close = async () => {
    if (closed) return
    closed = true
    // A restart under way would otherwise leave its browser running.
    if (relaunch) await relaunch.catch(() => {})
    const browser = current
    if (browser) {
      let timer: NodeJS.Timeout | undefined
      const hung = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 5_000)
      })
      await Promise.race([browser.close().catch(() => {}), hung])
      clearTimeout(timer)
      killTree(browser)
    }
    process.off('exit', onExit)
    // Chromium may still be flushing its profile for a moment.
    await fs.rm(root, {recursive: true, force: true, maxRetries: 5, retryDelay: 100}).catch(() => {})
  }

  try {
    current = await launch(found.executablePath, root)
  } catch (error) {
    await close()
    throw new Error(`Cannot start the browser ${found.executablePath}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (see "Troubleshooting" in docs/pdf.md)`)
  }
  const version = await current.version()
  const onAbort = () => {
    killTree(current)
  }
  signal.addEventListener('abort', onAbort, {once: true})

  return {
    version,
    browser: async () => {
      signal.throwIfAborted()
      if (closed) throw new Error('The browser was closed')
      // A browser whose process has exited is gone, even before its connection notices.
      if (current?.connected && !hasExited(current)) return current
      if (!relaunch) {
        killTree(current)
        relaunch = launch(found.executablePath, root).then((browser) => (current = browser))
      }
      const browser = await relaunch
      if (!browser.connected) throw new Error('The browser crashed again after a restart')
      return browser
    },
    close: async () => {
      signal.removeEventListener('abort', onAbort)
      await close()
    }
  }
}

