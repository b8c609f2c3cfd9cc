/**
 * One print page → PDF bytes, in a tab of the build's browser: no
 * JavaScript, no network, only the page's own files. Preformatted text and
 * tables are fitted to the page before printing (`fit-preformatted.ts`,
 * `fit-tables.ts`). Tabs are reused from one page to the next (`TabPool`).
 */
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import type {Browser, HTTPRequest, Page, PaperFormat} from 'puppeteer'
import {fitPreformatted, layoutForPrint} from './fit-preformatted.js'
import {fitTables} from './fit-tables.js'
import type {PdfOptions} from './options.js'
import {printMargin, textBlockPx} from './page-css.js'
import {isInside} from '../../paths.js'

export interface RenderJob {
  /** The print HTML file to open (a file in the render folder)… */
  readonly htmlPath?: string | undefined
  /** …or the HTML itself, for a remote browser that cannot read our files (images as data: URLs). */
  readonly html?: string | undefined
  /** Folders whose files the page may load (render folder, the user's CSS folder). */
  readonly allowedFolders: readonly string[]
  /** Single files the page may load (the note's images). */
  readonly allowedFiles: readonly string[]
  /** Called for every request that was blocked (the URL). */
  readonly onBlocked?: ((url: string) => void) | undefined
}

export class RenderTimeoutError extends Error {
  override name = 'RenderTimeoutError'
}

export class RendererCrashError extends Error {
  override name = 'RendererCrashError'
}

/** True if the page may load this URL: local files we put there, and data: URLs. */
export function isAllowed(url: string, job: Pick<RenderJob, 'allowedFolders' | 'allowedFiles'>): boolean {
  if (url.startsWith('data:')) return true
  if (!url.startsWith('file:')) return false
  let file: string
  try {
    file = path.resolve(fileURLToPath(url))
  } catch {
    return false
  }
  return job.allowedFiles.some((allowed) => path.resolve(allowed) === file) || job.allowedFolders.some((folder) => isInside(folder, file))
}

type RenderOptions = Pick<PdfOptions, 'format' | 'margin' | 'timeout'> & Partial<Pick<PdfOptions, 'layout'>>

/**
 * Idle tabs of a browser, kept for the next page (a new tab costs a renderer
 * to start, about a tenth of a second): at most `size` per browser. A tab
 * that failed is never given back.
 */
export class TabPool {
  private readonly idle = new WeakMap<Browser, Page[]>()
  constructor(private readonly size: number) {}

  take(browser: Browser): Page | undefined {
    const tabs = this.idle.get(browser) ?? []
    for (let tab = tabs.pop(); tab; tab = tabs.pop()) if (!tab.isClosed()) return tab
    return undefined
  }

  /** Keeps the tab for later; false when it should be closed instead. */
  give(browser: Browser, tab: Page): boolean {
    let tabs = this.idle.get(browser)
    if (!tabs) this.idle.set(browser, (tabs = []))
    if (tabs.length >= this.size || !browser.connected || tab.isClosed()) return false
    tabs.push(tab)
    return true
  }
}

/** The job a tab is printing now: its request rules. */
const current = new WeakMap<Page, RenderJob>()

/** A new tab as every print needs it: no JavaScript, every request checked against the job's rules, laid out for print. */
async function prepareTab(page: Page, options: RenderOptions): Promise<void> {
  await page.setJavaScriptEnabled(false)
  await page.setRequestInterception(true)
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return
    const url = request.url()
    const job = current.get(page)
    if (job && isAllowed(url, job)) {
      void request.continue().catch(() => {})
    } else {
      job?.onBlocked?.(url)
      void request.abort('blockedbyclient').catch(() => {})
    }
  })
  // Print media and the text block's width before the page loads: it is laid out once, as it will print.
  await layoutForPrint(page, {format: options.format, margin: printMargin(options)})
}

/**
 * Renders within `timeout` ms, in a tab of `tabs` (or a new one). A tab that
 * fails is closed whatever happens, which also cancels a render still under
 * way; one that printed goes back to `tabs`. The header and footer are the
 * page's own margin boxes (`page-css.ts`), not Chromium's templates.
 */
export async function renderPdf(
  browser: Browser,
  job: RenderJob,
  options: RenderOptions,
  signal: AbortSignal,
  tabs?: TabPool
): Promise<Uint8Array> {
  signal.throwIfAborted()
  const reused = tabs?.take(browser)
  const page = reused ?? (await browser.newPage())
  current.set(page, job)
  let timer: NodeJS.Timeout | undefined
  let onAbort: (() => void) | undefined
  let onCrash: ((error: Error) => void) | undefined
  let printed = false
  try {
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RenderTimeoutError(`rendering took longer than ${options.timeout} ms (the \`pdf.timeout\` option)`)), options.timeout)
      onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('Aborted'))
      signal.addEventListener('abort', onAbort, {once: true})
      // A crashed tab never answers again (page.pdf would wait forever): fail now, so the caller can retry.
      onCrash = (error: Error) => reject(new RendererCrashError(`the browser tab crashed (${error.message})`))
      page.once('error', onCrash)
    })
    // Keep the loser of the race from becoming an unhandled rejection.
    stop.catch(() => {})
    const work = async (): Promise<Uint8Array> => {
      if (!reused) await prepareTab(page, options)
      if (job.htmlPath) await page.goto(pathToFileURL(job.htmlPath).href, {waitUntil: 'load', timeout: 0})
      else await page.setContent(job.html ?? '', {waitUntil: 'load', timeout: 0})
      const margin = printMargin(options)
      await fitPreformatted(page)
      await fitTables(page, {portrait: textBlockPx(options).width, landscape: textBlockPx(options, 'landscape').width})
      return page.pdf({
        format: options.format as PaperFormat,
        margin,
        printBackground: true,
        displayHeaderFooter: false,
        outline: true,
        tagged: true,
        timeout: 0
      })
    }
    const running = work()
    running.catch(() => {})
    const bytes = await Promise.race([running, stop])
    printed = true
    return bytes
  } finally {
    clearTimeout(timer)
    if (onAbort) signal.removeEventListener('abort', onAbort)
    if (onCrash) page.off('error', onCrash)
    current.delete(page)
    if (!printed || signal.aborted || !tabs?.give(browser, page)) {
      // A hung renderer must not hang the build: give the tab a few seconds to close.
      let closeTimer: NodeJS.Timeout | undefined
      await Promise.race([
        page.close().catch(() => {}),
        new Promise<void>((resolve) => {
          closeTimer = setTimeout(resolve, 5_000)
        })
      ])
      clearTimeout(closeTimer)
    }
  }
}

/**
 * Renders, and once more in a new tab if the first try failed for another
 * reason than a timeout or an abort (a crashed tab, a browser that died and
 * is restarted by `browser()`).
 */
export async function renderWithRetry(
  browser: () => Promise<Browser>,
  job: RenderJob,
  options: RenderOptions,
  signal: AbortSignal,
  tabs?: TabPool
): Promise<Uint8Array> {
  try {
    return await renderPdf(await browser(), job, options, signal, tabs)
  } catch (error) {
    if (signal.aborted || error instanceof RenderTimeoutError) throw error
    return renderPdf(await browser(), job, options, signal, tabs)
  }
}
