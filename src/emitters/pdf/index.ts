/**
 * The `pdf` format: a printable handout per note, `pdf/<slug>.pdf`, and a
 * book per definition (`books`, `pdf.books`: `book.ts`), `pdf/<slug>.pdf`,
 * printed by one headless Chromium (through puppeteer) from the notes' hast.
 */
import {readFileSync, statSync} from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import mime from 'mime'
import type {QuireDocument} from '../../model.js'
import {quireVersion} from '../../version.js'
import {katexAssets, withFontUrls} from '../katex-assets.js'
import {defineEmitter, isFormatUnavailable, type BaseContext, type NoteContext, type Remote} from '../types.js'
import {errorText} from '../../report.js'
import {findBrowser} from '../../browser/chromium.js'
import {pageUrl} from '../../pipeline/pages.js'
import {bookNotes, booksOf, bookSlug, type BookProblem} from '../books.js'
import {printBook} from './book.js'
import {printDocument, type PrintStyles} from './html.js'
import {parsePdfOptions, type PdfOptions} from './options.js'
import {finishPdf, type FinishOptions} from './finish.js'
import {openPrinter, type Printer} from './printer.js'
import {qrFigure} from './qr.js'

export default defineEmitter<PdfOptions, LoadedStyles>({
  name: 'pdf',
  description: 'A printable handout per note, and books of several notes (headless Chromium)',
  writes: ['pdf/<slug>.pdf', 'pdf/<book-slug>.pdf'],
  options: parsePdfOptions,
  // A new browser may print differently: its binary's size and date are part of each handout's cache key.
  version(options) {
    if (options.browserWSEndpoint !== undefined) return {remote: options.browserWSEndpoint}
    return browserIdentity(options)
  },
  resources: {printer: openPrinter},
  prepare: loadStyles,
  async note(doc, context) {
    const {options, shared: styles} = context
    if (!options.perNote) return
    const printer = context.resource<Printer>('printer')
    reportRemoteImages(context, doc)
    const siteUrl = context.config.site.url
    const print = printDocument(doc, options, printStyles(styles, options), {
      siteUrl,
      imageUrl: options.browserWSEndpoint !== undefined ? dataUrl : undefined,
      qr: options.qr && siteUrl ? await qrFigure(pageUrl(siteUrl, doc.slug)) : undefined
    })
    const printed = await printer.print({name: doc.slug, html: print.html, files: print.files, folder: styles.extraCssDir})
    reportBlocked(context, printed.blocked, doc.assets)
    const finished = await finishPdf(printed.pdf, doc, {
      ...(await finishing(context, printer, doc.stats.math > 0)),
      printedHeadings: print.headings
    })
    if (finished.missingBookmarks > 0) {
      // Chromium bookmarks only what it laid out (a heading hidden by the user's CSS is not).
      context.report(`pdf: ${finished.missingBookmarks} heading(s) of the outline got no bookmark (not laid out)`, {ruleId: 'pdf-outline', severity: 'info'})
    }
    context.write(`pdf/${doc.slug}.pdf`, finished.bytes)
    context.progress(`pdf ${doc.slug}.pdf`)
  },
  async collection(notes, context) {
    const problems: BookProblem[] = []
    const books = booksOf('pdf', context.config.books, context.options.books, problems)
    for (const book of books) {
      context.signal.throwIfAborted()
      const paths = bookNotes('pdf', book, notes, context.graph, problems)
      if (paths.length === 0) continue
      try {
        const docs: QuireDocument[] = []
        for (const relativePath of paths) docs.push(await context.load(relativePath))
        const printer = context.resource<Printer>('printer')
        const math = docs.some((doc) => doc.stats.math > 0)
        const bytes = await printBook(book, docs, {
          options: context.options,
          styles: printStyles(context.shared, context.options),
          folder: context.shared.extraCssDir,
          siteUrl: context.config.site.url,
          content: context.config.content,
          imageUrl: context.options.browserWSEndpoint !== undefined ? dataUrl : undefined,
          printer,
          problems,
          finishing: await finishing(context, printer, math)
        })
        context.write(`pdf/${bookSlug(book)}.pdf`, bytes)
        context.progress(`pdf ${bookSlug(book)}.pdf`)
      } catch (error) {
        // One book that cannot be printed (a timeout) leaves the others; no browser at all, or Ctrl-C, stops them.
        if (context.signal.aborted || isFormatUnavailable(error)) throw error
        problems.push({reason: `pdf book “${book.title}”: ${errorText(error)}`, ruleId: 'pdf-book-failed', severity: 'error'})
      }
    }
    for (const {reason, ruleId, severity, note} of problems) context.report(reason, {ruleId, severity, note})
  }
})

/** The print page's stylesheets: a remote browser cannot read our files, so everything is inlined there (fonts and images as data: URLs). */
function printStyles(styles: LoadedStyles, options: PdfOptions): PrintStyles {
  if (options.browserWSEndpoint !== undefined) return {css: styles.css, extraCss: styles.extraCss, mathCss: styles.math.remoteCss()}
  return {css: styles.css, extraCssUrl: styles.extraCssUrl, mathCss: styles.math.css, mathFiles: styles.math.files}
}

/** What the last step needs: the producer, and the salt of the /ID (what the bytes depend on besides the content: not paths or machine facts). */
async function finishing(context: BaseContext<PdfOptions> & {readonly shared: LoadedStyles}, printer: Remote<Printer>, math: boolean): Promise<FinishOptions> {
  const {options, shared: styles} = context
  const browser = await printer.version()
  const {format, margin, header, footer, toc, layout, pagesPerSheet, qr, duplex, tocTitle} = options
  return {
    sourceDateEpoch: context.sourceDateEpoch,
    producer: `quire ${quireVersion()} (${browser})`,
    salt: JSON.stringify({format, margin, header, footer, toc, layout, pagesPerSheet, qr, duplex, tocTitle, site: context.config.site.url, css: styles.css, extraCss: styles.extraCss, browser, ...(math ? {katex: styles.math.version} : {})}),
    layout: options
  }
}

/** Requests the page made that were blocked (remote images were reported already). */
function reportBlocked(context: NoteContext<PdfOptions, LoadedStyles>, blocked: readonly string[], assets: QuireDocument['assets']): void {
  const remoteImages = new Set(assets.filter((asset) => asset.remote).map((asset) => asset.url))
  for (const url of blocked) {
    if (remoteImages.has(url)) continue
    context.report(`pdf: blocked a request the page made to ${shorten(url)} (only the note's own files are loaded)`, {ruleId: 'pdf-blocked-request', severity: 'warning'})
  }
}

/** The browser binary that will print: its path, size and date (a new browser prints anew). */
async function browserIdentity(options: PdfOptions): Promise<unknown> {
  const {executablePath} = await findBrowser(options)
  const stat = statSync(executablePath)
  return {executablePath, size: stat.size, mtimeMs: stat.mtimeMs}
}

interface LoadedStyles extends PrintStyles {
  readonly extraCssDir?: string | undefined
  readonly math: MathStyles
}

/** KaTeX's stylesheet for notes with math: fonts as file URLs the page may load, or all inlined for a remote browser. */
interface MathStyles {
  readonly css: string
  readonly files: readonly string[]
  /** Only asked for by a remote browser (0.4 MB of fonts as data: URLs), then kept. */
  remoteCss(): string
  readonly version: string
}

async function loadStyles(context: BaseContext<PdfOptions>): Promise<LoadedStyles> {
  const folder = path.join(context.templatesDir, 'pdf')
  const css = (await Promise.all(['print.css', 'callouts.css', 'highlight.css'].map((name) => fs.readFile(path.join(folder, name), 'utf8')))).join('\n')
  const math = await mathStyles()
  if (!context.options.css) return {css, math}
  const file = path.resolve(context.config.root, context.options.css)
  let extraCss: string
  try {
    extraCss = await fs.readFile(file, 'utf8')
  } catch {
    throw new Error(`\`pdf.css\`: cannot read the stylesheet ${file}`)
  }
  return {css, extraCss, extraCssUrl: pathToFileURL(file).href, extraCssDir: path.dirname(file), math}
}

async function mathStyles(): Promise<MathStyles> {
  const katex = await katexAssets()
  let inlined: string | undefined
  return {
    css: withFontUrls(katex, (font) => pathToFileURL(font.file).href),
    files: katex.fonts.map((font) => font.file),
    remoteCss: () => (inlined ??= withFontUrls(katex, (font) => dataUrl(font.file))),
    version: katex.version
  }
}

/** Remote images are never fetched: say so, where they are. */
function reportRemoteImages(context: NoteContext<PdfOptions, LoadedStyles>, doc: QuireDocument): void {
  for (const asset of doc.assets) {
    if (!asset.remote || asset.role !== 'image') continue
    context.report(`pdf: remote image not included (quire does not fetch remote files): ${shorten(asset.url)}`, {
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
