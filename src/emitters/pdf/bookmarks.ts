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
import {PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFObject} from 'pdf-lib'
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

/** Replaces Chromium's bookmarks with the note's outline, titled with its headings' text. */
export function rebuildOutline(pdf: PDFDocument, headings: readonly Heading[], printed: readonly PrintedHeading[]): OutlineResult {
  const {root, bookmarks} = bookmarksOf(pdf)
  const targets = new Map<string, NonNullable<Bookmark['target']>>()
  match(bookmarks, printed).forEach((heading, index) => {
    const target = bookmarks[index]!.target
    if (heading?.outlineId !== undefined && target && !targets.has(heading.outlineId)) targets.set(heading.outlineId, target)
  })

  const context = pdf.context
  for (const bookmark of bookmarks) context.delete(bookmark.ref)
  if (root) context.delete(root)
  pdf.catalog.delete(PDFName.of('Outlines'))

  const missing = flatten(headings).filter((heading) => !targets.has(heading.id)).length
  const outlinesRef = context.nextRef()
  const count = addChildren(pdf, outlinesRef, headings, targets)
  if (count.refs.length === 0) return {missing}
  const outlines = context.obj({Type: 'Outlines'})
  outlines.set(PDFName.of('First'), count.refs[0]!)
  outlines.set(PDFName.of('Last'), count.refs.at(-1)!)
  outlines.set(PDFName.of('Count'), PDFNumber.of(count.open))
  context.assign(outlinesRef, outlines)
  pdf.catalog.set(PDFName.of('Outlines'), outlinesRef)
  return {missing}
}

/**
 * Writes the entries for `headings` under `parent`, all open; returns their
 * refs and how many entries they show (theirs and their children's). A
 * heading without a bookmark has no entry: its children join the level above.
 */
function addChildren(pdf: PDFDocument, parent: PDFRef, headings: readonly Heading[], targets: ReadonlyMap<string, NonNullable<Bookmark['target']>>): {refs: PDFRef[]; open: number} {
  const context = pdf.context
  const refs: PDFRef[] = []
  const items: PDFDict[] = []
  let open = 0
  for (const heading of headings) {
    const target = targets.get(heading.id)
    if (!target) {
      const hoisted = addChildren(pdf, parent, heading.children, targets)
      for (const ref of hoisted.refs) {
        refs.push(ref)
        items.push(context.lookup(ref, PDFDict))
      }
      open += hoisted.open
      continue
    }
    const ref = context.nextRef()
    const item = context.obj({})
    item.set(PDFName.of('Title'), PDFHexString.fromText(heading.text || heading.id))
    item.set(PDFName.of('Parent'), parent)
    item.set(PDFName.of(target.key), target.value)
    const children = addChildren(pdf, ref, heading.children, targets)
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
    // Hoisted entries were written under a heading that has none: they belong here.
    item.set(PDFName.of('Parent'), parent)
    if (index > 0) item.set(PDFName.of('Prev'), refs[index - 1]!)
    else item.delete(PDFName.of('Prev'))
    if (index < items.length - 1) item.set(PDFName.of('Next'), refs[index + 1]!)
    else item.delete(PDFName.of('Next'))
  })
  return {refs, open}
}
