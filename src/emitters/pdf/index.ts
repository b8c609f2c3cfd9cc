/**
 * The `pdf` format: a printable handout per note, `pdf/<slug>.pdf`, printed
 * by one headless Chromium (through puppeteer) from the note's hast.
 */
import {readFileSync, statSync} from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import mime from 'mime'
import type {QuireDocument} from '../../model.js'
import {quireVersion} from '../../version.js'
import {katexAssets, withFontUrls} from '../katex-assets.js'
import {defineEmitter, type BaseContext, type NoteContext} from '../types.js'
import {findBrowser} from '../../browser/chromium.js'
import {headerFooter, printDocument, type PrintStyles} from './html.js'
import {parsePdfOptions, type PdfOptions} from './options.js'
import {finishPdf} from './finish.js'
import {openPrinter, type Printer} from './printer.js'

export default defineEmitter<PdfOptions, LoadedStyles>({
  name: 'pdf',
  description: 'A printable handout per note (headless Chromium)',
  writes: ['pdf/<slug>.pdf'],
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
    const printer = context.resource<Printer>('printer')
    reportRemoteImages(context, doc)
    const remote = options.browserWSEndpoint !== undefined
    // A remote browser cannot read our files: stylesheet inlined, images and fonts as data: URLs.
    const math = remote ? {mathCss: styles.math.remoteCss()} : {mathCss: styles.math.css, mathFiles: styles.math.files}
    const print = printDocument(doc, options, remote ? {css: styles.css, extraCss: styles.extraCss, ...math} : {css: styles.css, extraCssUrl: styles.extraCssUrl, ...math}, {
      siteUrl: context.config.site.url,
      imageUrl: remote ? dataUrl : undefined
    })
    const printed = await printer.print({name: doc.slug, html: print.html, files: print.files, folder: styles.extraCssDir, header: headerFooter(doc, options)})
    const remoteImages = new Set(doc.assets.filter((asset) => asset.remote).map((asset) => asset.url))
    for (const url of printed.blocked) {
      if (remoteImages.has(url)) continue
      context.report(`pdf: blocked a request the page made to ${shorten(url)} (only the note's own files are loaded)`, {ruleId: 'pdf-blocked-request', severity: 'warning'})
    }
    const browser = await printer.version()
    const {format, margin, header, footer, toc} = options
    const finished = await finishPdf(printed.pdf, doc, {
      sourceDateEpoch: context.sourceDateEpoch,
      printedHeadings: print.headings,
      producer: `quire ${quireVersion()} (${browser})`,
      // What the bytes depend on besides the note: part of the PDF /ID (not paths or machine facts).
      salt: JSON.stringify({format, margin, header, footer, toc, css: styles.css, extraCss: styles.extraCss, browser, ...(doc.stats.math > 0 ? {katex: styles.math.version} : {})})
    })
    if (finished.missingBookmarks > 0) {
      // Chromium bookmarks only what it laid out (a heading hidden by the user's CSS is not).
      context.report(`pdf: ${finished.missingBookmarks} heading(s) of the outline got no bookmark (not laid out)`, {ruleId: 'pdf-outline', severity: 'info'})
    }
    context.write(`pdf/${doc.slug}.pdf`, finished.bytes)
    context.progress(`pdf ${doc.slug}.pdf`)
  }
})

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
