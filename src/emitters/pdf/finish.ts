/**
 * After Chromium: the note's outline as bookmarks (bookmarks.ts), the
 * document's metadata, and (with SOURCE_DATE_EPOCH) fixed dates, /ID and
 * structure ids so two builds give the same bytes. Chromium's tagged structure
 * (StructTreeRoot, MarkInfo) and /Lang are kept as they are, but for the
 * names of its ids (structure-ids.ts).
 */
import {createHash} from 'node:crypto'
import {ParseSpeeds, PDFDict, PDFDocument, PDFHexString, PDFName} from 'pdf-lib'
import type {QuireDocument} from '../../model.js'
import {contentsEntries} from '../../pipeline/outline.js'
import {rebuildOutline, type PrintedHeading} from './bookmarks.js'
import {renumberStructureIds} from './structure-ids.js'

export interface FinishOptions {
  /** Seconds since the epoch (SOURCE_DATE_EPOCH), for both dates. */
  readonly sourceDateEpoch?: number | undefined
  /** The /Producer string. */
  readonly producer: string
  /** Anything else the bytes depend on (options, browser version): part of the /ID. */
  readonly salt?: string | undefined
  /** The headings of the print page, in order (what Chromium bookmarked). */
  readonly printedHeadings: readonly PrintedHeading[]
}

export interface FinishResult {
  readonly bytes: Uint8Array
  /** Outline headings that got no bookmark. */
  readonly missingBookmarks: number
}

/** Applies titles, metadata, dates and /ID; returns the new bytes. */
export async function finishPdf(bytes: Uint8Array, doc: QuireDocument, options: FinishOptions): Promise<FinishResult> {
  // updateMetadata: false, or pdf-lib stamps its own producer and "now".
  const pdf = await PDFDocument.load(bytes, {updateMetadata: false, parseSpeed: ParseSpeeds.Fastest})
  const {missing: missingBookmarks} = rebuildOutline(pdf, contentsEntries(doc.headings), options.printedHeadings)
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
  return {bytes: saved, missingBookmarks}
}
