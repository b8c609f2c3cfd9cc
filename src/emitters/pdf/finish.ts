/**
 * After Chromium: the document's metadata, and (with SOURCE_DATE_EPOCH)
 * fixed dates, /ID and structure ids so two builds give the same bytes;
 * for the `n-up` layout, the pages put on sheets (`n-up.ts`). A handout's
 * outline is the note's (`bookmarks.ts`); a book's is made by `book.ts`.
 * Chromium's tagged structure (StructTreeRoot, MarkInfo) and /Lang are kept
 * as they are, but for the names of its ids (structure-ids.ts).
 */
import {createHash} from 'node:crypto'
import {ParseSpeeds, PDFDict, PDFDocument, PDFHexString, PDFName} from 'pdf-lib'
import type {QuireDocument} from '../../model.js'
import {contentsEntries} from '../../pipeline/outline.js'
import {rebuildOutline, type PrintedHeading} from './bookmarks.js'
import {impose} from './n-up.js'
import type {PdfOptions} from './options.js'
import {renumberStructureIds} from './structure-ids.js'

export interface FinishOptions {
  /** Seconds since the epoch (SOURCE_DATE_EPOCH), for both dates. */
  readonly sourceDateEpoch?: number | undefined
  /** The /Producer string. */
  readonly producer: string
  /** Anything else the bytes depend on (options, browser version): part of the /ID. */
  readonly salt?: string | undefined
  /** `n-up`: the pages go on sheets of `pagesPerSheet`. */
  readonly layout?: Pick<PdfOptions, 'layout' | 'pagesPerSheet'> | undefined
}

export interface FinishResult {
  readonly bytes: Uint8Array
  /** Outline headings that got no bookmark. */
  readonly missingBookmarks: number
}

/** What the metadata says of a handout or a book. */
export interface DocumentInfo {
  readonly title: string
  readonly authors: readonly string[]
  readonly description?: string | undefined
  readonly tags: readonly string[]
  readonly lang: string
  readonly date?: string | undefined
  /** A hash of the content, for the /ID. */
  readonly hash: string
}

/** Chromium's PDF, for pdf-lib to change (`updateMetadata: false`, or pdf-lib stamps its own producer and "now"). */
export function loadPrinted(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, {updateMetadata: false, parseSpeed: ParseSpeeds.Fastest})
}

/** A handout: the note's outline as bookmarks, metadata, dates and /ID; returns the new bytes. */
export async function finishPdf(bytes: Uint8Array, doc: QuireDocument, options: FinishOptions & {readonly printedHeadings: readonly PrintedHeading[]}): Promise<FinishResult> {
  const pdf = await loadPrinted(bytes)
  const {missing: missingBookmarks} = rebuildOutline(pdf, contentsEntries(doc.headings), options.printedHeadings)
  const {meta} = doc
  const info = {title: meta.title, authors: meta.authors, description: meta.description, tags: meta.tags, lang: meta.lang, date: meta.date, hash: doc.hash}
  return {bytes: await savePdf(pdf, info, options), missingBookmarks}
}

/** Metadata, dates and /ID on the final document (sheets for `n-up`), then its bytes. */
export async function savePdf(printed: PDFDocument, info: DocumentInfo, options: FinishOptions): Promise<Uint8Array> {
  let pdf = printed
  if (options.layout?.layout === 'n-up') pdf = await impose(printed, options.layout.pagesPerSheet)
  else renumberStructureIds(pdf)
  pdf.setTitle(info.title, {showInWindowTitleBar: true})
  if (info.authors.length > 0) pdf.setAuthor(info.authors.join(', '))
  if (info.description) pdf.setSubject(info.description)
  // pdf-lib's setKeywords joins with spaces, which breaks tags that contain one.
  if (info.tags.length > 0) pdf.setKeywords([info.tags.join(', ')])
  pdf.setCreator('quire')
  pdf.setProducer(options.producer)
  if (!pdf.catalog.get(PDFName.of('Lang'))) pdf.setLanguage(info.lang)

  // Dates: SOURCE_DATE_EPOCH, else the note's date, never "now".
  const date = options.sourceDateEpoch !== undefined ? new Date(options.sourceDateEpoch * 1000) : info.date ? new Date(info.date.length === 10 ? `${info.date}T00:00:00Z` : info.date) : undefined
  if (date && !Number.isNaN(date.getTime())) {
    pdf.setCreationDate(date)
    pdf.setModificationDate(date)
  } else {
    // setTitle above made sure the trailer has an /Info dictionary.
    const dict = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict)
    dict.delete(PDFName.of('CreationDate'))
    dict.delete(PDFName.of('ModDate'))
  }

  const id = createHash('sha256').update(info.hash).update('\0').update(options.salt ?? '').digest('hex').slice(0, 32).toUpperCase()
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(id), PDFHexString.of(id)])

  return pdf.save({useObjectStreams: true, updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY})
}
