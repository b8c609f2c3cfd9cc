/**
 * After Chromium: bookmark titles exactly as the headings read, the
 * document's metadata, and (with SOURCE_DATE_EPOCH) fixed dates, /ID and
 * structure ids so two builds give the same bytes. Chromium's tagged structure
 * (StructTreeRoot, MarkInfo) and /Lang are kept as they are, but for the
 * names of its ids (structure-ids.ts).
 */
import {createHash} from 'node:crypto'
import {ParseSpeeds, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFObject} from 'pdf-lib'
import type {Nodes, Root} from 'mdast'
import type {Heading, QuireDocument} from '../../model.js'
import {flatten} from '../../pipeline/outline.js'
import {renumberStructureIds} from './structure-ids.js'

export interface FinishOptions {
  /** Seconds since the epoch (SOURCE_DATE_EPOCH), for both dates. */
  readonly sourceDateEpoch?: number | undefined
  /** The /Producer string. */
  readonly producer: string
  /** Anything else the bytes depend on (options, browser version): part of the /ID. */
  readonly salt?: string | undefined
}

const squeeze = (text: string): string => text.replace(/\s+/g, '')

/** Text of a PDF string object, or undefined. */
function textOf(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText()
  return undefined
}

/** Outline items in reading order (depth first). */
function outlineItems(pdf: PDFDocument): PDFDict[] {
  const outlines = pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  const items: PDFDict[] = []
  const seen = new Set<PDFDict>()
  const walk = (first: PDFDict | undefined) => {
    for (let item = first; item && !seen.has(item); item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      seen.add(item)
      items.push(item)
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict))
    }
  }
  walk(outlines?.lookupMaybe(PDFName.of('First'), PDFDict))
  return items
}

/**
 * Rewrites bookmark titles from the note's headings. Chromium drops the
 * space where a heading wraps ("(immutabledata structures)"), so match each
 * bookmark to the next heading whose text is the same without whitespace.
 * Chromium leaves math out of a title (`Proof of ` for `Proof of $\S1$`):
 * `printed` gives, by heading id, the text a heading shows without its
 * math, which matches too. Returns how many titles did not match a heading.
 */
export function fixOutlineTitles(pdf: PDFDocument, headings: readonly Heading[], printed: ReadonlyMap<string, string> = new Map()): number {
  const flat = flatten(headings)
  const keys = flat.map((heading) => [squeeze(heading.text), squeeze(printed.get(heading.id) ?? heading.text)])
  let next = 0
  let unmatched = 0
  for (const item of outlineItems(pdf)) {
    const title = textOf(item.get(PDFName.of('Title'))) ?? ''
    const key = squeeze(title)
    let found = -1
    for (let index = next; index < flat.length; index++) {
      if (keys[index]!.includes(key)) {
        found = index
        break
      }
    }
    if (found === -1) {
      unmatched++
      continue
    }
    item.set(PDFName.of('Title'), PDFHexString.fromText(flat[found]!.text))
    next = found + 1
  }
  return unmatched
}

/** Text of each heading (by id) without its math, as Chromium titles its bookmark. */
function textWithoutMath(tree: Root): Map<string, string> {
  const texts = new Map<string, string>()
  const text = (node: Nodes): string => {
    if (node.type === 'inlineMath') return ''
    if (node.type === 'image') return node.alt ?? ''
    if ('children' in node) return node.children.map((child) => text(child as Nodes)).join('')
    return 'value' in node && typeof node.value === 'string' ? node.value : ''
  }
  for (const node of tree.children) {
    const id = node.type === 'heading' ? (node.data?.hProperties as {id?: unknown} | undefined)?.id : undefined
    if (typeof id === 'string' && node.type === 'heading' && someMath(node)) texts.set(id, text(node))
  }
  return texts
}

function someMath(node: Nodes): boolean {
  return node.type === 'inlineMath' || ('children' in node && node.children.some((child) => someMath(child as Nodes)))
}

export interface FinishResult {
  readonly bytes: Uint8Array
  /** Bookmarks whose title matched no heading (left as Chromium wrote them). */
  readonly unmatchedBookmarks: number
}

/** Applies titles, metadata, dates and /ID; returns the new bytes. */
export async function finishPdf(bytes: Uint8Array, doc: QuireDocument, options: FinishOptions): Promise<FinishResult> {
  // updateMetadata: false, or pdf-lib stamps its own producer and "now".
  const pdf = await PDFDocument.load(bytes, {updateMetadata: false, parseSpeed: ParseSpeeds.Fastest})
  const unmatchedBookmarks = fixOutlineTitles(pdf, doc.headings, textWithoutMath(doc.mdast))
  renumberStructureIds(pdf)
  const {meta} = doc
  pdf.setTitle(meta.title, {showInWindowTitleBar: true})
  if (meta.authors.length > 0) pdf.setAuthor(meta.authors.join(', '))
  if (meta.description) pdf.setSubject(meta.description)
  // pdf-lib's setKeywords joins with spaces, which breaks tags that contain one.
  if (meta.tags.length > 0) pdf.setKeywords([meta.tags.join(', ')])
  pdf.setCreator('quire')
  pdf.setProducer(options.producer)
  if (!pdf.catalog.get(PDFName.of('Lang'))) pdf.setLanguage(meta.lang)

  // Dates: SOURCE_DATE_EPOCH, else the note's date, never "now".
  const date = options.sourceDateEpoch !== undefined ? new Date(options.sourceDateEpoch * 1000) : meta.date ? new Date(meta.date.length === 10 ? `${meta.date}T00:00:00Z` : meta.date) : undefined
  if (date && !Number.isNaN(date.getTime())) {
    pdf.setCreationDate(date)
    pdf.setModificationDate(date)
  } else {
    // setTitle above made sure the trailer has an /Info dictionary.
    const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict)
    info.delete(PDFName.of('CreationDate'))
    info.delete(PDFName.of('ModDate'))
  }

  const id = createHash('sha256').update(doc.hash).update('\0').update(options.salt ?? '').digest('hex').slice(0, 32).toUpperCase()
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(id), PDFHexString.of(id)])

  const saved = await pdf.save({useObjectStreams: true, updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY})
  return {bytes: saved, unmatchedBookmarks}
}
