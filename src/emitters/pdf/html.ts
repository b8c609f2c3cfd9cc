/**
 * The print document for one note: the note's hast (never re-parsed
 * Markdown) in a page with a title block, an optional table of contents,
 * quire's print CSS and the page rules (header, footer, layout:
 * `page-css.ts`). A book's pages are made of the same parts
 * (`book-html.ts`).
 */
import {pathToFileURL} from 'node:url'
import type {Element, ElementContent, Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {toString} from 'hast-util-to-string'
import {h} from 'hastscript'
import {visit} from 'unist-util-visit'
import type {Heading, QuireDocument} from '../../model.js'
import type {PdfOptions} from './options.js'
import {wrapCodeLines} from './code-lines.js'
import {handoutPageCss, pageFitCss, type RunningText} from './page-css.js'
import {assetPrefix} from '../../pipeline/plugins/remark-assets.js'
import {formatDate} from '../intl.js'
import {isPageRelative} from '../../pipeline/urls.js'
import {publishedHref} from '../published-links.js'
import {contentsEntries, flatten} from '../../pipeline/outline.js'
import type {PrintedHeading} from './bookmarks.js'

export interface PrintStyles {
  /** quire's print CSS (templates/pdf/*.css), inlined. */
  readonly css: string
  /** The user's extra stylesheet as a file URL, loaded last. */
  readonly extraCssUrl?: string | undefined
  /** Or its text, inlined last (for a remote browser, which cannot read our files). */
  readonly extraCss?: string | undefined
  /** KaTeX's stylesheet, its fonts at URLs this browser can load: inlined first for a note with math. */
  readonly mathCss?: string | undefined
  /** The font files that stylesheet loads (none when its fonts are data: URLs). */
  readonly mathFiles?: readonly string[] | undefined
}

export interface PrintSettings {
  /** The HTML site's base URL: links to other notes point there; without it they become plain text. */
  readonly siteUrl?: string | undefined
  /** URL for a local image file (default: its file:// URL; a remote browser needs data: URLs). */
  readonly imageUrl?: ((file: string) => string) | undefined
  /** The QR code figure for the title block (`qr.ts`), when the note has a page on the site and `pdf.qr` is on. */
  readonly qr?: Element | undefined
}

/** How a note's tree is put in a book: its ids prefixed, its headings under its title, links to the book's notes inside the PDF. */
export interface BookPlacement {
  /** `<slug>--`: every id of the note gets it, and so do its fragment links. */
  readonly idPrefix: string
  /** The anchor (`#…`) a link to a note of the book (its slug and fragment) goes to, or undefined for a note outside the book. */
  readonly anchorOf: (slug: string, fragment: string | undefined) => string | undefined
}

export interface PrintDocument {
  readonly html: string
  /** Every heading of the page in document order, as Chromium bookmarks them. */
  readonly headings: readonly PrintedHeading[]
  /** Absolute paths of the local files the page may load (its images, KaTeX's fonts). */
  readonly files: readonly string[]
}

/** `#fragment` of an href, decoded (`undefined` without one). */
function fragmentOf(href: string): string | undefined {
  const at = href.indexOf('#')
  if (at === -1) return undefined
  try {
    return decodeURIComponent(href.slice(at + 1))
  } catch {
    return href.slice(at + 1)
  }
}

/**
 * The note body ready for print: local images as file URLs, remote ones as
 * their alt text, note links made absolute or plain (or, in a book, links
 * inside the PDF), every `<details>` (a foldable callout, a raw HTML one)
 * open: paper cannot be unfolded, and the print page runs no script. Code
 * in a language is split into lines that wrap (`code-lines.ts`). Each
 * top-level `<h1>` is marked to start a page.
 */
export function printBody(doc: QuireDocument, settings: PrintSettings, book?: BookPlacement): {tree: Root; files: string[]} {
  const tree = structuredClone(doc.hast) as Root
  const local = new Map<string, string>()
  for (const asset of doc.assets) {
    if (!asset.remote && asset.path && asset.relativePath) local.set(asset.relativePath, asset.path)
  }
  const files = new Set<string>()
  let shallowest = 6
  for (const node of tree.children) {
    if (node.type === 'element' && node.tagName === 'h1') node.properties.className = [...classesOf(node), 'quire-section-start']
    const level = node.type === 'element' ? /^h([1-6])$/.exec(node.tagName)?.[1] : undefined
    if (level) shallowest = Math.min(shallowest, Number(level))
  }
  // In a book the note's title is the <h1>: its shallowest headings become <h2>s, the others follow.
  const shift = 2 - shallowest
  visit(tree, 'element', (node, index, parent) => {
    // An inline SVG (a diagram) refers to its own ids: it is left as drawn.
    if (node.tagName === 'svg') return 'skip'
    if (node.tagName === 'details') node.properties.open = true
    if (book) placeInBook(node, book, shift)
    if (node.tagName === 'img') {
      const src = String(node.properties.src ?? '')
      if (src.startsWith(assetPrefix)) {
        let relative = src.slice(assetPrefix.length)
        try {
          relative = decodeURIComponent(relative)
        } catch {}
        const file = local.get(relative)
        if (file) {
          node.properties.src = settings.imageUrl ? settings.imageUrl(file) : pathToFileURL(file).href
          files.add(file)
          return
        }
      }
      // Remote (or unknown) images are never fetched: print the alt text instead.
      if (parent && index !== undefined) {
        const alt = String(node.properties.alt ?? '')
        const placeholder: Element = h('span.quire-missing-image', {title: src}, alt ? `[${alt}]` : '[image]')
        parent.children.splice(index, 1, placeholder)
      }
      return
    }
    if (node.tagName === 'a' && typeof node.properties.href === 'string' && isPageRelative(node.properties.href)) {
      const note = node.properties.dataNote
      const inside = book && typeof note === 'string' ? book.anchorOf(note, fragmentOf(node.properties.href)) : undefined
      if (inside !== undefined) {
        node.properties.href = inside
        return
      }
      // Left relative, a link would point into the temporary folder the page was printed from.
      const published = publishedHref(node, settings.siteUrl)
      if (published) node.properties.href = published
      else delete node.properties.href
    }
  })
  wrapCodeLines(tree)
  return {tree, files: [...files]}
}

function classesOf(node: Element): string[] {
  return Array.isArray(node.properties.className) ? node.properties.className.map(String) : []
}

/** A book's ids are the note's with its prefix; its headings move by `shift` levels (the note's title is the `<h1>`). */
function placeInBook(node: Element, book: BookPlacement, shift: number): void {
  const {properties} = node
  if (typeof properties.id === 'string') properties.id = book.idPrefix + properties.id
  if (typeof properties.href === 'string' && properties.href.startsWith('#')) {
    const fragment = fragmentOf(properties.href) ?? ''
    properties.href = `#${encodeURIComponent(book.idPrefix + fragment)}`
  }
  if (Array.isArray(properties.ariaDescribedBy)) properties.ariaDescribedBy = properties.ariaDescribedBy.map((id) => book.idPrefix + String(id))
  else if (typeof properties.ariaDescribedBy === 'string') properties.ariaDescribedBy = [book.idPrefix + properties.ariaDescribedBy]
  const level = /^h([1-6])$/.exec(node.tagName)?.[1]
  if (level) node.tagName = `h${Math.max(2, Math.min(6, Number(level) + shift))}`
}

/**
 * The page's `<h1>`–`<h6>` in order (as Chromium bookmarks them), but for
 * the visually hidden ones (the footnotes' label), which it does not lay
 * out. Only a heading at the top level of the body whose id is in the
 * note's heading tree is part of the outline; one in a quote, a callout,
 * an embed or raw HTML is not.
 */
export function printedHeadings(tree: Root, headings: readonly Heading[], idPrefix = ''): PrintedHeading[] {
  const outline = new Set(flatten(headings).map((heading) => idPrefix + heading.id))
  const found: PrintedHeading[] = []
  visit(tree, 'element', (node, _index, parent) => {
    if (node.tagName === 'svg') return 'skip'
    if (!/^h[1-6]$/.test(node.tagName) || classesOf(node).includes('sr-only')) return
    const id = node.properties.id
    const inOutline = parent === tree && typeof id === 'string' && outline.has(id)
    found.push({text: toString(node), outlineId: inOutline ? id : undefined})
  })
  return found
}

function tocList(headings: readonly Heading[]): Element {
  return h(
    'ol',
    headings.map((heading) =>
      h('li', [h('a', {href: `#${heading.id}`}, heading.text), ...(heading.children.length > 0 ? [tocList(heading.children)] : [])])
    )
  )
}

/**
 * A note's title block: title, subtitle, byline, description, and the QR
 * code of its page. In a handout the title is a paragraph (the outline is
 * the note's own heading tree, the title the document's Title); in a book
 * it is the chapter's `<h1>`, with the note's anchor.
 */
export function titleBlock(doc: Pick<QuireDocument, 'meta'>, settings: Pick<PrintSettings, 'qr'>, anchor?: string): Element {
  const {meta} = doc
  const byline: ElementContent[] = []
  if (meta.authors.length > 0) byline.push(h('span.quire-author', meta.authors.join(', ')))
  if (meta.date) {
    if (byline.length > 0) byline.push({type: 'text', value: ' · '})
    byline.push(h('time', {dateTime: meta.date}, formatDate(meta.date, meta.lang)))
  }
  return h('header.quire-title-block', [
    ...(settings.qr ? [settings.qr] : []),
    anchor === undefined ? h('p.quire-title', meta.title) : h('h1.quire-title', {id: anchor}, meta.title),
    ...(meta.subtitle ? [h('p.quire-subtitle', meta.subtitle)] : []),
    ...(byline.length > 0 ? [h('p.quire-byline', byline)] : []),
    ...(meta.description ? [h('p.quire-description', meta.description)] : [])
  ])
}

/** The `<head>` of a print page: its metadata, and the stylesheets in order (KaTeX's, quire's, the page rules, the user's). */
export function printHead(meta: {title: string; authors: readonly string[]; description?: string | undefined}, styles: PrintStyles, pageCss: string, math: boolean): ElementContent[] {
  return [
    h('meta', {charSet: 'utf-8'}),
    h('title', meta.title),
    ...(meta.authors.length > 0 ? [h('meta', {name: 'author', content: meta.authors.join(', ')})] : []),
    ...(meta.description ? [h('meta', {name: 'description', content: meta.description})] : []),
    ...(math ? [h('style', styles.mathCss)] : []),
    h('style', styles.css),
    h('style', pageCss),
    ...(styles.extraCssUrl ? [h('link', {rel: 'stylesheet', href: styles.extraCssUrl})] : []),
    ...(styles.extraCss ? [h('style', styles.extraCss)] : [])
  ]
}

/** What the header and footer may show of a note. */
export function runningText(doc: Pick<QuireDocument, 'meta'>): RunningText {
  return {title: doc.meta.title, authors: doc.meta.authors, date: doc.meta.date, lang: doc.meta.lang}
}

/** The whole print page of a handout as HTML. */
export function printDocument(doc: QuireDocument, options: PdfOptions, styles: PrintStyles, settings: PrintSettings = {}): PrintDocument {
  const {tree, files} = printBody(doc, settings)
  const body: ElementContent[] = [titleBlock(doc, settings)]
  const contents = contentsEntries(doc.headings)
  if (options.toc && contents.length > 0) {
    body.push(h('nav.quire-toc', {ariaLabel: 'Contents'}, [h('p.quire-toc-title', 'Contents'), tocList(contents)]))
  }
  body.push(h('main.quire-body', tree.children as ElementContent[]))
  const math = doc.stats.math > 0 && styles.mathCss !== undefined
  const pageCss = `${handoutPageCss(options, runningText(doc))}\n${pageFitCss(options)}`
  const root: Root = {
    type: 'root',
    children: [{type: 'doctype'}, h('html', {lang: doc.meta.lang, className: [`quire-layout-${options.layout}`]}, [h('head', printHead(doc.meta, styles, pageCss, math)), h('body', body)])]
  }
  return {html: toHtml(root), headings: printedHeadings(tree, contents), files: math ? [...files, ...(styles.mathFiles ?? [])] : files}
}
