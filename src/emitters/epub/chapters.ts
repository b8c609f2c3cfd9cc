/**
 * Split a note's hast into chapter documents. A single-note EPUB gets a
 * title chapter (title, subtitle, authors, preamble) and one chapter per
 * top-level section; a book gets one chapter per note. Footnote
 * definitions travel with the chapters that reference them, and links are
 * re-pointed at the file that now holds their target.
 */
import type {Element, ElementContent, Root} from 'hast'
import {toString} from 'hast-util-to-string'
import {visit, SKIP} from 'unist-util-visit'
import type {QuireDocument} from '../../model.js'
import {collectIds} from '../../pipeline/ids.js'
import {publishedHref} from '../published-links.js'
import {isPageRelative} from '../../pipeline/urls.js'

export interface ChapterDraft {
  /** File name inside the EPUB (`chapter-02.xhtml`). */
  readonly file: string
  /** The chapter's title: its heading, or the note title for the title chapter. */
  readonly title: string
  /** The note it comes from. */
  readonly doc: QuireDocument
  /** Body content; mutable (a clone of the note's hast). */
  readonly children: ElementContent[]
}

/** Chapters of one note, and which file holds each id. */
export interface NoteChapters {
  readonly doc: QuireDocument
  readonly chapters: ChapterDraft[]
  readonly fileOfId: Map<string, string>
}

export interface SplitOptions {
  /** `sections`: title chapter + one per top-level section; `whole`: one chapter for the note. */
  readonly mode: 'sections' | 'whole'
  /** File name of the chapter at `index` (0 = the title chapter in `sections` mode). */
  readonly fileName: (index: number) => string
}

interface Footnote {
  readonly number: number
  readonly item: Element
}

export function splitNote(doc: QuireDocument, options: SplitOptions): NoteChapters {
  const tree = structuredClone(doc.hast) as Root
  const footnotes = takeFootnotes(tree)
  const body = tree.children.filter((node): node is ElementContent => node.type !== 'doctype')
  const chapters: ChapterDraft[] = []

  if (options.mode === 'whole') {
    chapters.push({file: options.fileName(0), title: doc.meta.title, doc, children: [...titleBlock(doc), ...body]})
  } else {
    const starts = new Map(doc.sections.filter((section) => section.id !== undefined).map((section) => [section.id!, section.title]))
    let current: ChapterDraft = {file: options.fileName(0), title: doc.meta.title, doc, children: titleBlock(doc)}
    chapters.push(current)
    for (const node of body) {
      const id = node.type === 'element' && /^h[1-6]$/.test(node.tagName) ? node.properties.id : undefined
      if (typeof id === 'string' && starts.has(id)) {
        current = {file: options.fileName(chapters.length), title: starts.get(id) ?? toString(node), doc, children: []}
        chapters.push(current)
      }
      current.children.push(node)
    }
  }

  for (const chapter of chapters) appendFootnotes(chapter, footnotes)
  const fileOfId = new Map<string, string>()
  for (const chapter of chapters) {
    for (const id of collectIds({type: 'root', children: chapter.children})) if (!fileOfId.has(id)) fileOfId.set(id, chapter.file)
  }
  return {doc, chapters, fileOfId}
}

/** The lifted title (never in the body), subtitle and authors, as the start of the first chapter. */
function titleBlock(doc: QuireDocument): ElementContent[] {
  const block: ElementContent[] = [{type: 'element', tagName: 'h1', properties: {className: ['title']}, children: [{type: 'text', value: doc.meta.title}]}]
  if (doc.meta.subtitle) block.push(paragraph('subtitle', doc.meta.subtitle))
  if (doc.meta.authors.length > 0) block.push(paragraph('authors', doc.meta.authors.join(', ')))
  return block
}

function paragraph(className: string, text: string): Element {
  return {type: 'element', tagName: 'p', properties: {className: [className]}, children: [{type: 'text', value: text}]}
}

/** Remove the GFM footnotes section; its items by id, numbered as the reader saw them. */
function takeFootnotes(tree: Root): Map<string, Footnote> {
  const found = new Map<string, Footnote>()
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'section' || node.properties.dataFootnotes === undefined || !parent || index === undefined) return undefined
    let number = 0
    visit(node, 'element', (item) => {
      if (item.tagName === 'li' && typeof item.properties.id === 'string') found.set(item.properties.id, {number: ++number, item})
    })
    parent.children.splice(index, 1)
    return [SKIP, index]
  })
  return found
}

/** Give a chapter the definitions of the footnotes it references, in their original numbering. */
function appendFootnotes(chapter: ChapterDraft, footnotes: ReadonlyMap<string, Footnote>): void {
  if (footnotes.size === 0) return
  const wanted = new Set<string>()
  const root: Root = {type: 'root', children: chapter.children}
  // A definition may reference another footnote: follow until nothing new appears.
  let scan: Root = root
  for (;;) {
    const before = wanted.size
    visit(scan, 'element', (node) => {
      if (node.tagName !== 'a' || node.properties.dataFootnoteRef === undefined) return
      const href = node.properties.href
      if (typeof href === 'string' && href.startsWith('#') && footnotes.has(decodeFragment(href))) wanted.add(decodeFragment(href))
    })
    if (wanted.size === before) break
    scan = {type: 'root', children: [...wanted].map((id) => footnotes.get(id)!.item)}
  }
  if (wanted.size === 0) return
  const items = [...footnotes.entries()]
    .filter(([id]) => wanted.has(id))
    .map(([, footnote]) => {
      const item = structuredClone(footnote.item)
      item.properties.value = String(footnote.number)
      return item
    })
  const label: Element = {type: 'element', tagName: 'h2', properties: {id: 'footnote-label', className: ['footnotes-label']}, children: [{type: 'text', value: 'Footnotes'}]}
  const section: Element = {
    type: 'element',
    tagName: 'section',
    properties: {className: ['footnotes'], role: 'doc-endnotes'},
    children: [label, {type: 'element', tagName: 'ol', properties: {}, children: items}]
  }
  chapter.children.push(section)
}

export function decodeFragment(href: string): string {
  const fragment = href.slice(href.indexOf('#') + 1)
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment
  }
}

export interface LinkTargets {
  /** Chapters of every note in this EPUB, by slug. */
  readonly notes: ReadonlyMap<string, NoteChapters>
  /** `site.url` without trailing slash, for links to notes outside this EPUB. */
  readonly siteUrl?: string | undefined
}

/**
 * Re-point links in a chapter: fragments that now live in another chapter
 * file get that file; links to other notes go to their chapter in this
 * EPUB, else to the published site, else become plain text; so do relative
 * links to other files. Fragments that exist nowhere become plain text (a
 * dangling link is an epubcheck error).
 */
export function rewriteLinks(chapter: ChapterDraft, targets: LinkTargets): void {
  const own = targets.notes.get(chapter.doc.slug)
  const here = collectIds({type: 'root', children: chapter.children})
  const unwrap: Array<{parent: {children: ElementContent[]}; node: Element}> = []
  const visitChildren = (parent: {children: ElementContent[]}) => {
    for (const node of parent.children) {
      if (node.type !== 'element') continue
      if (node.tagName === 'a' && typeof node.properties.href === 'string') {
        const href = resolveHref(node, node.properties.href, chapter, here, own, targets)
        if (href === undefined) unwrap.push({parent, node})
        else node.properties.href = href
      }
      visitChildren(node)
    }
  }
  visitChildren(chapter)
  for (const {parent, node} of unwrap) {
    const index = parent.children.indexOf(node)
    const span: Element = {type: 'element', tagName: 'span', properties: {className: ['link-text']}, children: node.children}
    if (typeof node.properties.id === 'string') span.properties.id = node.properties.id
    if (index >= 0) parent.children[index] = span
  }
}

function resolveHref(
  node: Element,
  href: string,
  chapter: ChapterDraft,
  here: ReadonlySet<string>,
  own: NoteChapters | undefined,
  targets: LinkTargets
): string | undefined {
  const note = node.properties.dataNote
  if (typeof note === 'string' && note !== chapter.doc.slug) {
    const fragment = href.includes('#') ? decodeFragment(href) : undefined
    const target = targets.notes.get(note)
    if (target) {
      const file = (fragment && target.fileOfId.get(fragment)) ?? target.chapters[0]!.file
      return fragment && target.fileOfId.has(fragment) ? `${file}#${encodeURIComponent(fragment)}` : file
    }
    return publishedHref(node, targets.siteUrl)
  }
  if (href.startsWith('#') || (typeof note === 'string' && note === chapter.doc.slug)) {
    const fragment = decodeFragment(href)
    if (fragment === '') return own?.chapters[0]!.file
    if (here.has(fragment)) return `#${encodeURIComponent(fragment)}`
    const file = own?.fileOfId.get(fragment)
    return file ? `${file}#${encodeURIComponent(fragment)}` : undefined
  }
  // A relative link to a file of the site (not a note): it is not in the EPUB.
  if (isPageRelative(href)) return publishedHref(node, targets.siteUrl)
  return href
}
