/**
 * The PDF's bookmarks are the note's outline, the same list as the HTML
 * table of contents and the EPUB nav.
 *
 * Chromium bookmarks every `<h1>`–`<h6>` of the page, nested by level:
 * headings in block quotes, callouts, embeds, list items and raw HTML
 * included, and titled with the text as it laid it out (spaces lost where a
 * heading wraps, math as glyphs). So each of its bookmarks is matched to the
 * heading it stands for, and the outline is then built anew from the note's
 * heading tree, each entry pointing where Chromium's bookmark for that
 * heading pointed. Chromium's own entries are removed.
 */
import {PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFObject} from 'pdf-lib'
import type {Heading} from '../../model.js'
import {flatten} from '../../pipeline/outline.js'

/** A heading of the print page, in document order: what Chromium bookmarks. */
export interface PrintedHeading {
  /** Its text as the page shows it. */
  readonly text: string
  /** Its id, when the heading is one of the note's outline. */
  readonly outlineId?: string | undefined
}

interface Bookmark {
  readonly ref: PDFRef
  readonly title: string
  /** Where it goes: its /Dest, else its /A action. */
  readonly target: {key: 'Dest' | 'A'; value: PDFObject} | undefined
}

const squeeze = (text: string): string => text.replace(/\s+/g, '')

function textOf(value: PDFObject | undefined): string {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : ''
}

/** Chromium's bookmarks in reading order (depth first). */
function bookmarksOf(pdf: PDFDocument): {root: PDFRef | undefined; bookmarks: Bookmark[]} {
  const rootRef = pdf.catalog.get(PDFName.of('Outlines'))
  const root = rootRef instanceof PDFRef ? pdf.context.lookupMaybe(rootRef, PDFDict) : undefined
  const bookmarks: Bookmark[] = []
  const seen = new Set<string>()
  const walk = (first: PDFObject | undefined) => {
    for (let ref = first; ref instanceof PDFRef && !seen.has(ref.toString()); ) {
      seen.add(ref.toString())
      const item = pdf.context.lookupMaybe(ref, PDFDict)
      if (!item) break
      const dest = item.get(PDFName.of('Dest'))
      const action = item.get(PDFName.of('A'))
      bookmarks.push({ref, title: textOf(item.get(PDFName.of('Title'))), target: dest ? {key: 'Dest', value: dest} : action ? {key: 'A', value: action} : undefined})
      walk(item.get(PDFName.of('First')))
      ref = item.get(PDFName.of('Next'))
    }
  }
  walk(root?.get(PDFName.of('First')))
  return {root: rootRef instanceof PDFRef ? rootRef : undefined, bookmarks}
}

/**
 * Which printed heading each bookmark stands for. One bookmark per heading,
 * in order, is what Chromium writes: then they pair by position. Otherwise
 * (a heading it did not lay out) each bookmark goes to the next heading
 * whose text, without whitespace, contains the bookmark's.
 */
function match(bookmarks: readonly Bookmark[], printed: readonly PrintedHeading[]): Array<PrintedHeading | undefined> {
  if (bookmarks.length === printed.length) return [...printed]
  const keys = printed.map((heading) => squeeze(heading.text))
  let next = 0
  return bookmarks.map((bookmark) => {
    const key = squeeze(bookmark.title)
    for (let index = next; index < printed.length; index++) {
      if (key !== '' && keys[index]!.includes(key)) {
        next = index + 1
        return printed[index]
      }
    }
    return undefined
  })
}

export interface OutlineResult {
  /** Headings of the outline that got no bookmark (Chromium did not lay them out). */
  readonly missing: number
}

/** Where a bookmark goes: a `/Dest` (Chromium's: `[page /XYZ x y zoom]`) or an `/A` action. */
export type BookmarkTarget = NonNullable<Bookmark['target']>

/**
 * Where Chromium's bookmark for each outline heading of the page points
 * (by the heading's id), Chromium's own bookmarks removed.
 */
export function chromiumTargets(pdf: PDFDocument, printed: readonly PrintedHeading[]): Map<string, BookmarkTarget> {
  const {root, bookmarks} = bookmarksOf(pdf)
  const targets = new Map<string, BookmarkTarget>()
  match(bookmarks, printed).forEach((heading, index) => {
    const target = bookmarks[index]!.target
    if (heading?.outlineId !== undefined && target && !targets.has(heading.outlineId)) targets.set(heading.outlineId, target)
  })
  const context = pdf.context
  for (const bookmark of bookmarks) context.delete(bookmark.ref)
  if (root) context.delete(root)
  pdf.catalog.delete(PDFName.of('Outlines'))
  return targets
}

/** The page a target lands on (its `/Dest` array's first entry), if it names one. */
export function targetPage(target: BookmarkTarget | undefined): PDFRef | undefined {
  const dest = target?.key === 'Dest' ? target.value : undefined
  const page = dest instanceof PDFArray ? dest.get(0) : undefined
  return page instanceof PDFRef ? page : undefined
}

/** One entry of an outline to write: its title, where it goes (none: its children take its place), its entries. */
export interface OutlineEntry {
  readonly title: string
  readonly target?: BookmarkTarget | undefined
  /** The page it points at (read back from a written outline). */
  readonly page?: PDFRef | undefined
  readonly children: readonly OutlineEntry[]
}

/** The heading tree as outline entries, each at its target; a heading without one gives its place to its children. */
export function headingEntries(headings: readonly Heading[], targets: ReadonlyMap<string, BookmarkTarget>, idPrefix = ''): OutlineEntry[] {
  return headings.map((heading) => ({title: heading.text || heading.id, target: targets.get(idPrefix + heading.id), children: headingEntries(heading.children, targets, idPrefix)}))
}

/** Replaces Chromium's bookmarks with the note's outline, titled with its headings' text. */
export function rebuildOutline(pdf: PDFDocument, headings: readonly Heading[], printed: readonly PrintedHeading[]): OutlineResult {
  const targets = chromiumTargets(pdf, printed)
  const missing = flatten(headings).filter((heading) => !targets.has(heading.id)).length
  writeOutline(pdf, headingEntries(headings, targets))
  return {missing}
}

/** The document's outline as entries (to move it to other pages). */
export function outlineEntries(pdf: PDFDocument): OutlineEntry[] {
  const root = pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  const seen = new Set<PDFDict>()
  const read = (first: PDFObject | undefined): OutlineEntry[] => {
    const entries: OutlineEntry[] = []
    for (let item = first instanceof PDFRef ? pdf.context.lookupMaybe(first, PDFDict) : undefined; item && !seen.has(item); ) {
      seen.add(item)
      const dest = item.get(PDFName.of('Dest'))
      const target: BookmarkTarget | undefined = dest ? {key: 'Dest', value: dest} : undefined
      entries.push({title: textOf(item.get(PDFName.of('Title'))), target, page: targetPage(target), children: read(item.get(PDFName.of('First')))})
      const next = item.get(PDFName.of('Next'))
      item = next instanceof PDFRef ? pdf.context.lookupMaybe(next, PDFDict) : undefined
    }
    return entries
  }
  return read(root?.get(PDFName.of('First')))
}

/** Writes `entries` as the document's outline (replacing none: call on a document without one), every entry open. */
export function writeOutline(pdf: PDFDocument, entries: readonly OutlineEntry[]): void {
  const context = pdf.context
  const outlinesRef = context.nextRef()
  const written = addChildren(pdf, outlinesRef, entries)
  if (written.refs.length === 0) return
  const outlines = context.obj({Type: 'Outlines'})
  outlines.set(PDFName.of('First'), written.refs[0]!)
  outlines.set(PDFName.of('Last'), written.refs.at(-1)!)
  outlines.set(PDFName.of('Count'), PDFNumber.of(written.open))
  context.assign(outlinesRef, outlines)
  pdf.catalog.set(PDFName.of('Outlines'), outlinesRef)
}

/**
 * Writes the entries under `parent`, all open; returns their refs and how
 * many entries they show (theirs and their children's). An entry without a
 * target has none: its children join the level above.
 */
function addChildren(pdf: PDFDocument, parent: PDFRef, entries: readonly OutlineEntry[]): {refs: PDFRef[]; open: number} {
  const context = pdf.context
  const refs: PDFRef[] = []
  const items: PDFDict[] = []
  let open = 0
  for (const entry of entries) {
    if (!entry.target) {
      const hoisted = addChildren(pdf, parent, entry.children)
      for (const ref of hoisted.refs) {
        refs.push(ref)
        items.push(context.lookup(ref, PDFDict))
      }
      open += hoisted.open
      continue
    }
    const ref = context.nextRef()
    const item = context.obj({})
    item.set(PDFName.of('Title'), PDFHexString.fromText(entry.title))
    item.set(PDFName.of('Parent'), parent)
    item.set(PDFName.of(entry.target.key), entry.target.value)
    const children = addChildren(pdf, ref, entry.children)
    if (children.refs.length > 0) {
      item.set(PDFName.of('First'), children.refs[0]!)
      item.set(PDFName.of('Last'), children.refs.at(-1)!)
      item.set(PDFName.of('Count'), PDFNumber.of(children.open))
    }
    context.assign(ref, item)
    refs.push(ref)
    items.push(item)
    open += 1 + children.open
  }
  items.forEach((item, index) => {
    // Hoisted entries were written under an entry that has none: they belong here.
    item.set(PDFName.of('Parent'), parent)
    if (index > 0) item.set(PDFName.of('Prev'), refs[index - 1]!)
    else item.delete(PDFName.of('Prev'))
    if (index < items.length - 1) item.set(PDFName.of('Next'), refs[index + 1]!)
    else item.delete(PDFName.of('Next'))
  })
  return {refs, open}
}
