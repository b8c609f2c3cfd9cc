/**
 * The `pdf` format: a printable handout per note, `pdf/<slug>.pdf`, printed
 * by one headless Chromium (through puppeteer) from the note's hast.
 */
import {readFileSync, rmSync, statSync} from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import mime from 'mime'
import {pathToFileURL} from 'node:url'
import type {QuireDocument} from '../../model.js'
import {defineEmitter, FormatUnavailableError, type EmitterContext} from '../types.js'
import {findBrowser, openBrowser, type BrowserSession} from './browser.js'
import {headerFooter, printDocument, type PrintStyles} from './html.js'
import {parsePdfOptions, type PdfOptions} from './options.js'
import {finishPdf} from './outline.js'
import {renderWithRetry, type RenderJob} from './render.js'
import {errorText} from '../../report.js'
import {quireVersion} from '../../version.js'

export default defineEmitter<PdfOptions>({
  name: 'pdf',
  description: 'A printable handout per note (headless Chromium)',
  writes: ['pdf/<slug>.pdf'],
  options: parsePdfOptions,
  // A handout depends only on its note; the one browser keeps the format in the main thread.
  incremental: true,
  // A new browser may print differently: its binary's size and date are part of each handout's cache key.
  async cacheKey(options) {
    if (options.browserWSEndpoint !== undefined) return {remote: options.browserWSEndpoint}
    const {executablePath} = await findBrowser(options)
    const stat = statSync(executablePath)
    return {executablePath, size: stat.size, mtimeMs: stat.mtimeMs}
  },
  async start(context) {
    const {options} = context
    const styles = await loadStyles(context)
    const remote = options.browserWSEndpoint !== undefined
    // The browser opens on the first handout: a build whose handouts are all
    // current (the cache) starts none.
    let opening: Promise<Printer> | undefined
    const printer = () => (opening ??= openPrinter(context, styles))
    // Given every document (the full path): fail the format before any note, once.
    if (context.documents.length > 0) await printer()
    return {
      concurrency: options.concurrency,
      async document(doc) {
        const {session, renderDir, producer, salt} = await printer()
        reportRemoteImages(context, doc)
        const settings = {
          siteUrl: context.config.site.url,
          imageUrl: remote ? dataUrl : undefined
        }
        const print = printDocument(doc, options, remote ? {css: styles.css, extraCss: styles.extraCss} : styles, settings)
        const htmlPath = path.join(renderDir, `${doc.slug}.html`)
        if (!remote) await fs.writeFile(htmlPath, print.html)
        const blocked = new Set<string>()
        const job: RenderJob = {
          htmlPath: remote ? undefined : htmlPath,
          html: remote ? print.html : undefined,
          allowedFolders: [renderDir, ...(styles.extraCssDir ? [styles.extraCssDir] : [])],
          allowedFiles: print.files,
          header: headerFooter(doc, options),
          onBlocked: (url) => blocked.add(url)
        }
        try {
          const pdf = await renderWithRetry(() => session.browser(), job, options, context.signal)
          const remoteImages = new Set(doc.assets.filter((asset) => asset.remote).map((asset) => asset.url))
          for (const url of blocked) {
            if (remoteImages.has(url)) continue
            context.report(doc, `pdf: blocked a request the page made to ${shorten(url)} (only the note's own files are loaded)`, {ruleId: 'pdf-blocked-request', severity: 'warning'})
          }
          const finished = await finishPdf(pdf, doc, {sourceDateEpoch: context.sourceDateEpoch, producer, salt})
          if (finished.unmatchedBookmarks > 0) {
            context.report(doc, `pdf: ${finished.unmatchedBookmarks} bookmark(s) matched no heading and keep the browser's title`, {ruleId: 'pdf-outline', severity: 'info'})
          }
          context.signal.throwIfAborted()
          await context.output.write(`pdf/${doc.slug}.pdf`, finished.bytes, doc.relativePath)
          context.progress(`pdf ${doc.slug}.pdf`)
        } finally {
          if (!remote) await fs.rm(htmlPath, {force: true})
        }
      },
      async close() {
        // A browser that failed to open has cleaned up after itself.
        const opened = await opening?.catch(() => undefined)
        await opened?.close()
      }
    }
  }
})

interface Printer {
  readonly session: BrowserSession
  /** The print pages' temp folder: the only folder the tabs may read. */
  readonly renderDir: string
  readonly producer: string
  /** What the bytes depend on besides the note: part of the PDF /ID (not paths or machine facts). */
  readonly salt: string
  close(): Promise<void>
}

/** Launch (or connect to) the browser; a failure is the format's, not a note's. */
async function openPrinter(context: EmitterContext<PdfOptions>, styles: LoadedStyles): Promise<Printer> {
  const {options} = context
  const renderDir = await fs.mkdtemp(path.join(os.tmpdir(), 'quire-pdf-'))
  const removeRenderDir = () => rmSync(renderDir, {recursive: true, force: true})
  process.on('exit', removeRenderDir)
  let session: BrowserSession
  try {
    session = await openBrowser(options, context.signal)
  } catch (error) {
    process.off('exit', removeRenderDir)
    await fs.rm(renderDir, {recursive: true, force: true})
    if (context.signal.aborted) throw error
    throw new FormatUnavailableError(errorText(error), {cause: error})
  }
  const {format, margin, header, footer, toc} = options
  return {
    session,
    renderDir,
    producer: `quire ${quireVersion()} (${session.version})`,
    salt: JSON.stringify({format, margin, header, footer, toc, css: styles.css, extraCss: styles.extraCss, browser: session.version}),
    async close() {
      try {
        await session.close()
      } finally {
        process.off('exit', removeRenderDir)
        await fs.rm(renderDir, {recursive: true, force: true})
      }
    }
  }
}

interface LoadedStyles extends PrintStyles {
  readonly extraCssDir?: string | undefined
}

async function loadStyles(context: EmitterContext<PdfOptions>): Promise<LoadedStyles> {
  const folder = path.join(context.templatesDir, 'pdf')
  const css = (await Promise.all(['print.css', 'highlight.css'].map((name) => fs.readFile(path.join(folder, name), 'utf8')))).join('\n')
  if (!context.options.css) return {css}
  const file = path.resolve(context.config.root, context.options.css)
  let extraCss: string
  try {
    extraCss = await fs.readFile(file, 'utf8')
  } catch {
    throw new Error(`\`pdf.css\`: cannot read the stylesheet ${file}`)
  }
  return {css, extraCss, extraCssUrl: pathToFileURL(file).href, extraCssDir: path.dirname(file)}
}

/** Remote images are never fetched: say so, where they are. */
function reportRemoteImages(context: EmitterContext<PdfOptions>, doc: QuireDocument): void {
  for (const asset of doc.assets) {
    if (!asset.remote || asset.role !== 'image') continue
    context.report(doc, `pdf: remote image not included (quire does not fetch remote files): ${shorten(asset.url)}`, {
      ruleId: 'pdf-remote-image',
      severity: 'warning',
      line: asset.line,
      column: asset.column
    })
  }
}

function dataUrl(file: string): string {
  return `data:${mime.getType(file) ?? 'application/octet-stream'};base64,${readFileSync(file).toString('base64')}`
}

function shorten(url: string): string {
  return url.length > 120 ? url.slice(0, 117) + '…' : url
}
