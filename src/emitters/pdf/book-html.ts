/**
 * The two print pages of a PDF book (see `book.ts`):
 *
 * - the **body**: every note on a new page, each its own named page
 *   (`quire-note-<index>`, so the running header is that note's title),
 *   opening with its title block, its title the chapter's `<h1>` with the
 *   note's anchor (its slug). The note's ids get a prefix (`<slug>--`), its
 *   headings move under it (the shallowest become `<h2>`s), and a link to another note of the book goes
 *   to that note's anchor or heading inside the PDF (slugs never hold `--`,
 *   so no two anchors meet);
 * - the **front matter**: the cover (an image, or the title, subtitle,
 *   authors and date) and the contents, each note and its top-level
 *   headings with the page number where they were printed in the body.
 *   Its links are addresses under `https://quire.invalid/` that `book.ts`
 *   turns into links to the body's pages.
 */
import {pathToFileURL} from 'node:url'
import type {Element, ElementContent, Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import {visit} from 'unist-util-visit'
import type {BookDefinition} from '../books.js'
import type {Asset, Heading, QuireDocument} from '../../model.js'
import {contentsEntries} from '../../pipeline/outline.js'
import {formatDate} from '../intl.js'
import type {PrintedHeading} from './bookmarks.js'
import {printBody, printedHeadings, printHead, runningText, titleBlock, type PrintDocument, type PrintSettings, type PrintStyles} from './html.js'
import type {PdfOptions} from './options.js'
import {bookPageCss, pageFitCss, textBlockPx} from './page-css.js'

/** Where a link of the front matter points: the anchor after `#` (turned into a link inside the PDF). */
export const frontLinkBase = 'https://quire.invalid/book'

/** The prefix of a note's ids in a book. */
export const idPrefixOf = (doc: Pick<QuireDocument, 'slug'>): string => `${doc.slug}--`

/** Every id of a note's tree: where a link into it may land. */
function idsOf(doc: QuireDocument): Set<string> {
  const ids = new Set<string>()
  visit(doc.hast, 'element', (node) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id)
  })
  return ids
}

export interface BodySettings extends Omit<PrintSettings, 'qr'> {
  /** The QR figure of each note (by index), when it has one. */
  readonly qrs: ReadonlyArray<Element | undefined>
  /** Notes (by index) that get a blank page before them, so that they start on a right-hand page. */
  readonly blankBefore: ReadonlySet<number>
}

export interface BookBody extends PrintDocument {
  /** Each note's anchor (the id of its title), in order. */
  readonly anchors: readonly string[]
}

/** The body of the book: its notes, one after the other. */
export function bookBody(book: BookDefinition, docs: readonly QuireDocument[], options: PdfOptions, styles: PrintStyles, settings: BodySettings): BookBody {
  const bySlug = new Map(docs.map((doc) => [doc.slug, idsOf(doc)]))
  const anchorOf = (slug: string, fragment: string | undefined): string | undefined => {
    const ids = bySlug.get(slug)
    if (!ids) return undefined
    return fragment && ids.has(fragment) ? `#${encodeURIComponent(slug + '--' + fragment)}` : `#${encodeURIComponent(slug)}`
  }
  const sections: ElementContent[] = []
  const headings: PrintedHeading[] = []
  const files = new Set<string>()
  docs.forEach((doc, index) => {
    const idPrefix = idPrefixOf(doc)
    const {tree, files: own} = printBody(doc, settings, {idPrefix, anchorOf})
    for (const file of own) files.add(file)
    if (settings.blankBefore.has(index)) sections.push(h('div.quire-blank', {ariaHidden: 'true'}))
    headings.push({text: doc.meta.title, outlineId: doc.slug}, ...printedHeadings(tree, contentsEntries(doc.headings), idPrefix))
    sections.push(
      h('section.quire-note', {lang: doc.meta.lang, style: `page: quire-note-${index}`}, [
        titleBlock(doc, {qr: settings.qrs[index]}, doc.slug),
        h('div.quire-body', tree.children as ElementContent[])
      ])
    )
  })
  const math = docs.some((doc) => doc.stats.math > 0) && styles.mathCss !== undefined
  const pageCss = `${bookPageCss(options, docs.map(runningText))}\n${pageFitCss(options)}`
  const meta = {title: book.title, authors: [], description: book.description}
  const root: Root = {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: book.lang ?? docs[0]?.meta.lang ?? 'en', className: [`quire-layout-${options.layout}`, 'quire-book']}, [h('head', printHead(meta, styles, pageCss, math)), h('body', sections)])
    ]
  }
  return {html: toHtml(root), headings, files: math ? [...files, ...(styles.mathFiles ?? [])] : [...files], anchors: docs.map((doc) => doc.slug)}
}

export interface FrontSettings {
  readonly authors: readonly string[]
  readonly date?: string | undefined
  readonly lang: string
  /** The cover image, when there is one. */
  readonly cover?: Asset | undefined
  readonly imageUrl?: ((file: string) => string) | undefined
  /** The body page number (counted from 1) where an anchor was printed. */
  readonly pageOf: (anchor: string) => number | undefined
}

function contentsEntry(title: string, anchor: string, page: number | undefined, children: Element[]): Element {
  return h('li', [
    h('a', {href: `${frontLinkBase}#${encodeURIComponent(anchor)}`}, [
      h('span.quire-entry', title),
      h('span.quire-leader', {ariaHidden: 'true'}),
      h('span.quire-page-number', page === undefined ? '' : String(page))
    ]),
    ...(children.length > 0 ? [h('ol', children)] : [])
  ])
}

/** The cover and the contents. */
export function bookFront(book: BookDefinition, docs: readonly QuireDocument[], options: PdfOptions, styles: PrintStyles, settings: FrontSettings): PrintDocument {
  const files: string[] = []
  let cover: Element
  if (settings.cover?.path) {
    files.push(settings.cover.path)
    const src = settings.imageUrl ? settings.imageUrl(settings.cover.path) : pathToFileURL(settings.cover.path).href
    cover = h('div.quire-cover-image', [h('img', {src, alt: `Cover: ${book.title}`})])
  } else {
    const byline = settings.authors.join(', ')
    cover = h('div.quire-cover', [
      h('h1.quire-cover-title', book.title),
      ...(book.subtitle ? [h('p.quire-cover-subtitle', book.subtitle)] : []),
      ...(byline ? [h('p.quire-cover-authors', byline)] : []),
      ...(settings.date ? [h('p.quire-cover-date', formatDate(settings.date, settings.lang))] : [])
    ])
  }
  const entries = docs.map((doc) => {
    const prefix = idPrefixOf(doc)
    const sections = contentsEntries(doc.headings).map((heading: Heading) => contentsEntry(heading.text, prefix + heading.id, settings.pageOf(prefix + heading.id), []))
    return contentsEntry(doc.meta.title, doc.slug, settings.pageOf(doc.slug), sections)
  })
  const contents = h('nav.quire-contents', {ariaLabel: options.tocTitle}, [h('h2.quire-contents-title', options.tocTitle), h('ol', entries)])
  const block = textBlockPx(options)
  // The cover fills its page, and no more (a taller one would spill onto a second page).
  const pageCss = `@page { }\n${pageFitCss(options)}\n.quire-cover, .quire-cover-image { height: ${Math.floor(block.height - 4)}px; overflow: hidden; }\n.quire-cover-image img { max-height: ${Math.floor(block.height - 8)}px; }`
  const meta = {title: book.title, authors: settings.authors, description: book.description}
  const root: Root = {
    type: 'root',
    children: [{type: 'doctype'}, h('html', {lang: settings.lang, className: [`quire-layout-${options.layout}`, 'quire-book']}, [h('head', printHead(meta, styles, pageCss, false)), h('body', [cover, contents])])]
  }
  return {html: toHtml(root), headings: [], files}
}
