/**
 * The print document for one note: the note's hast (never re-parsed
 * Markdown) in a page with a title block, an optional table of contents and
 * quire's print CSS; plus the header and footer templates Chromium stamps
 * on every page.
 */
import {pathToFileURL} from 'node:url'
import type {Element, ElementContent, Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {toString} from 'hast-util-to-string'
import {h} from 'hastscript'
import {visit} from 'unist-util-visit'
import type {Heading, QuireDocument} from '../../model.js'
import type {PdfOptions} from './options.js'
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
}

export interface PrintDocument {
  readonly html: string
  /** Every heading of the page in document order, as Chromium bookmarks them. */
  readonly headings: readonly PrintedHeading[]
  /** Absolute paths of the local files the page may load (its images, KaTeX's fonts). */
  readonly files: readonly string[]
}

/**
 * The note body ready for print: local images as file URLs, remote ones as
 * their alt text, note links made absolute or plain, and every `<details>`
 * (a foldable callout, a raw HTML one) open: paper cannot be unfolded, and
 * the print page runs no script.
 */
function printBody(doc: QuireDocument, settings: PrintSettings): {tree: Root; files: string[]} {
  const tree = structuredClone(doc.hast) as Root
  const local = new Map<string, string>()
  for (const asset of doc.assets) {
    if (!asset.remote && asset.path && asset.relativePath) local.set(asset.relativePath, asset.path)
  }
  const files = new Set<string>()
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName === 'details') node.properties.open = true
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
      // Left relative, a link would point into the temporary folder the page was printed from.
      const published = publishedHref(node, settings.siteUrl)
      if (published) node.properties.href = published
      else delete node.properties.href
    }
  })
  return {tree, files: [...files]}
}

/**
 * The page's `<h1>`–`<h6>` in order. Only a heading at the top level of the
 * body whose id is in the note's heading tree is part of the outline; one
 * in a quote, a callout, an embed or raw HTML is not.
 */
function printedHeadings(tree: Root, headings: readonly Heading[]): PrintedHeading[] {
  const outline = new Set(flatten(headings).map((heading) => heading.id))
  const found: PrintedHeading[] = []
  visit(tree, 'element', (node, _index, parent) => {
    if (!/^h[1-6]$/.test(node.tagName)) return
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

function titleBlock(doc: QuireDocument): Element {
  const {meta} = doc
  const byline: ElementContent[] = []
  if (meta.authors.length > 0) byline.push(h('span.quire-author', meta.authors.join(', ')))
  if (meta.date) {
    if (byline.length > 0) byline.push({type: 'text', value: ' · '})
    byline.push(h('time', {dateTime: meta.date}, formatDate(meta.date, meta.lang)))
  }
  // Not an <h1>: the PDF outline is the note's own heading tree, and the title is the document's Title.
  return h('header.quire-title-block', [
    h('p.quire-title', meta.title),
    ...(meta.subtitle ? [h('p.quire-subtitle', meta.subtitle)] : []),
    ...(byline.length > 0 ? [h('p.quire-byline', byline)] : []),
    ...(meta.description ? [h('p.quire-description', meta.description)] : [])
  ])
}

/** The whole print page as HTML. */
export function printDocument(doc: QuireDocument, options: Pick<PdfOptions, 'toc'>, styles: PrintStyles, settings: PrintSettings = {}): PrintDocument {
  const {tree, files} = printBody(doc, settings)
  const body: ElementContent[] = [titleBlock(doc)]
  const contents = contentsEntries(doc.headings)
  if (options.toc && contents.length > 0) {
    body.push(h('nav.quire-toc', {ariaLabel: 'Contents'}, [h('p.quire-toc-title', 'Contents'), tocList(contents)]))
  }
  body.push(h('main.quire-body', tree.children as ElementContent[]))
  const math = doc.stats.math > 0 && styles.mathCss !== undefined
  const head: ElementContent[] = [
    h('meta', {charSet: 'utf-8'}),
    h('title', doc.meta.title),
    ...(doc.meta.authors.length > 0 ? [h('meta', {name: 'author', content: doc.meta.authors.join(', ')})] : []),
    ...(doc.meta.description ? [h('meta', {name: 'description', content: doc.meta.description})] : []),
    ...(math ? [h('style', styles.mathCss)] : []),
    h('style', styles.css),
    ...(styles.extraCssUrl ? [h('link', {rel: 'stylesheet', href: styles.extraCssUrl})] : []),
    ...(styles.extraCss ? [h('style', styles.extraCss)] : [])
  ]
  const root: Root = {
    type: 'root',
    children: [{type: 'doctype'}, h('html', {lang: doc.meta.lang}, [h('head', head), h('body', body)])]
  }
  return {html: toHtml(root), headings: printedHeadings(tree, contents), files: math ? [...files, ...(styles.mathFiles ?? [])] : files}
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[char]!)

/** Expands `{title}`, `{author}`, `{date}`, `{page}`, `{pages}` in a header or footer template (text is escaped). */
export function expandTemplate(template: string, doc: QuireDocument): string {
  const values: Record<string, string> = {
    title: escape(doc.meta.title),
    author: escape(doc.meta.authors.join(', ')),
    date: doc.meta.date ? escape(formatDate(doc.meta.date, doc.meta.lang)) : '',
    page: '<span class="pageNumber"></span>',
    pages: '<span class="totalPages"></span>'
  }
  return escape(template).replace(/\{(title|author|date|page|pages)\}/g, (_, key: string) => values[key]!)
}

/** Chromium's header and footer templates (they do not see the page's CSS: style inline). */
export function headerFooter(doc: QuireDocument, options: Pick<PdfOptions, 'header' | 'footer' | 'margin'>): {header: string; footer: string} | undefined {
  if (options.header === false && options.footer === false) return undefined
  const style = `font-family: system-ui, sans-serif; font-size: 8pt; color: #555; width: 100%; margin: 0 ${options.margin.right} 0 ${options.margin.left}; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;`
  const wrap = (content: string, align: string) => `<div style="${style} text-align: ${align};">${content}</div>`
  const header = options.header === false ? '' : expandTemplate(options.header === true ? '{title}' : options.header, doc)
  const footer = options.footer === false ? '' : expandTemplate(options.footer === true ? '{page} / {pages}' : options.footer, doc)
  return {header: header ? wrap(header, 'left') : '<span></span>', footer: footer ? wrap(footer, 'center') : '<span></span>'}
}
