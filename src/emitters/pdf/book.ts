/**
 * A PDF book: several notes in one PDF, with a cover, contents that give
 * the real page number of each note and of its top-level headings, page
 * numbers that run on across the notes, each note's title as the running
 * header of its pages, bookmarks book → note → headings, and links between
 * its notes that stay inside the PDF.
 *
 * Chromium cannot print a page number it has not laid out yet, so a book
 * is printed in two parts and put together with pdf-lib:
 *
 * 1. the **body** (`book-html.ts`), every note after the other, in one
 *    print: its page counter is the book's page numbers (1, 2, …), and
 *    where Chromium put each note and heading is read from its bookmarks;
 *    with `duplex`, a note that would start on a left-hand page gets a
 *    blank page before it, which takes a second print of the body when
 *    any note needs one (the blank pages move nothing else);
 * 2. the **front matter**, the cover and the contents, printed with those
 *    numbers, and put before the body with its pages, links and tagged
 *    structure (`merge.ts`). Its pages are numbered i, ii, … (the PDF's
 *    page labels say so, and viewers show the printed numbers); with
 *    `duplex` it is made an even number of pages.
 *
 * The body is one print whatever the number of notes, so the page numbers
 * are exact by construction, and the contents' length never moves them.
 */
import {createHash} from 'node:crypto'
import {PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument} from 'pdf-lib'
import type {Element} from 'hast'
import {bookAuthors, bookCover, bookDate, type BookDefinition, type BookProblem} from '../books.js'
import type {QuireDocument} from '../../model.js'
import {contentsEntries, flatten} from '../../pipeline/outline.js'
import {pageUrl} from '../../pipeline/pages.js'
import type {Remote} from '../types.js'
import {chromiumTargets, headingEntries, targetPage, writeOutline, type BookmarkTarget, type OutlineEntry} from './bookmarks.js'
import {bookBody, bookFront, frontLinkBase, idPrefixOf} from './book-html.js'
import {loadPrinted, savePdf, type FinishOptions} from './finish.js'
import type {PrintStyles} from './html.js'
import {prependPages} from './merge.js'
import type {PdfOptions} from './options.js'
import type {Printer} from './printer.js'
import {qrFigure} from './qr.js'

export interface BookContext {
  readonly options: PdfOptions
  readonly styles: PrintStyles
  /** The folder of the user's stylesheet (its files may be loaded). */
  readonly folder?: string | undefined
  readonly siteUrl?: string | undefined
  /** The content folder (a book's `cover` is relative to it). */
  readonly content: string
  readonly imageUrl?: ((file: string) => string) | undefined
  readonly printer: Remote<Printer>
  readonly finishing: FinishOptions
  /** Where the book's messages go. */
  readonly problems: BookProblem[]
}

/** Prints the book; returns the PDF's bytes. */
export async function printBook(book: BookDefinition, docs: readonly QuireDocument[], context: BookContext): Promise<Uint8Array> {
  const {options, styles, printer, problems} = context
  const name = `${book.slug ?? 'book'}-${createHash('sha256').update(book.title).digest('hex').slice(0, 8)}`
  const qrs: Array<Element | undefined> = []
  for (const doc of docs) qrs.push(options.qr && context.siteUrl ? await qrFigure(pageUrl(context.siteUrl, doc.slug)) : undefined)

  const printBody = async (blankBefore: ReadonlySet<number>) => {
    const body = bookBody(book, docs, options, styles, {siteUrl: context.siteUrl, imageUrl: context.imageUrl, qrs, blankBefore})
    // Its own name each time: a second print is a new page, never the first one reloaded.
    const printed = await printer.print({name: `${name}.body${blankBefore.size > 0 ? '-duplex' : ''}`, html: body.html, files: body.files, folder: context.folder})
    reportBlocked(printed.blocked, docs, book, problems)
    const pdf = await loadPrinted(printed.pdf)
    return {body, pdf, targets: chromiumTargets(pdf, body.headings)}
  }
  let {body, pdf, targets} = await printBody(new Set())
  const indexOf = (pdfDocument: PDFDocument) => new Map(pdfDocument.getPages().map((page, index) => [page.ref.toString(), index]))
  if (options.duplex) {
    // A note opens on a right-hand page: an odd page number, the front matter being an even number of pages.
    const pages = indexOf(pdf)
    const blanks = new Set<number>()
    let shift = 0
    body.anchors.forEach((anchor, index) => {
      const start = pages.get(targetPage(targets.get(anchor))?.toString() ?? '')
      if (start !== undefined && (start + shift) % 2 === 1) {
        blanks.add(index)
        shift++
      }
    })
    if (blanks.size > 0) ({body, pdf, targets} = await printBody(blanks))
  }

  const bodyPages = indexOf(pdf)
  const pageOf = (anchor: string): number | undefined => {
    const index = bodyPages.get(targetPage(targets.get(anchor))?.toString() ?? '')
    return index === undefined ? undefined : index + 1
  }
  const authors = bookAuthors(book, docs)
  const date = bookDate(book, docs)
  const lang = book.lang ?? docs[0]?.meta.lang ?? 'en'
  const cover = bookCover('pdf', book, docs, context.content, problems)
  const front = bookFront(book, docs, options, styles, {authors, date, lang, cover: cover?.asset, imageUrl: context.imageUrl, pageOf})
  const printedFront = await printer.print({name: `${name}.front`, html: front.html, files: front.files, folder: context.folder})
  const frontPdf = await loadPrinted(printedFront.pdf)
  if (options.duplex && frontPdf.getPageCount() % 2 === 1) {
    const {width, height} = frontPdf.getPage(0).getSize()
    frontPdf.addPage([width, height])
  }
  const frontCount = frontPdf.getPageCount()
  const frontPages = prependPages(pdf, frontPdf)
  linkContents(pdf, frontPages.map((page) => page.ref), targets)
  pdf.catalog.set(
    PDFName.of('PageLabels'),
    pdf.context.obj({Nums: [PDFNumber.of(0), pdf.context.obj({S: 'r'}), PDFNumber.of(frontCount), pdf.context.obj({S: 'D'})]})
  )

  // Bookmarks: the book (its cover), each note, its headings.
  const notes: OutlineEntry[] = docs.map((doc) => {
    const headings = contentsEntries(doc.headings)
    const missing = flatten(headings).filter((heading) => !targets.has(idPrefixOf(doc) + heading.id)).length
    if (missing > 0) problems.push({reason: `pdf book “${book.title}”: ${missing} heading(s) of the outline got no bookmark (not laid out)`, ruleId: 'pdf-outline', severity: 'warning', note: doc.relativePath})
    return {title: doc.meta.title, target: targets.get(doc.slug), children: headingEntries(headings, targets, idPrefixOf(doc))}
  })
  const coverTarget: BookmarkTarget = {key: 'Dest', value: pdf.context.obj([frontPages[0]!.ref, 'Fit'])}
  writeOutline(pdf, [{title: book.title, target: coverTarget, children: notes}])

  const hash = createHash('sha256').update(JSON.stringify(book)).update('\0')
  for (const doc of docs) hash.update(doc.hash).update('\0')
  const description = book.description
  const tags = [...new Set(docs.flatMap((doc) => doc.meta.tags))]
  return savePdf(pdf, {title: book.title, authors, description, tags, lang, date, hash: hash.digest('hex')}, context.finishing)
}

/** The contents' links (addresses under `frontLinkBase`) become links to where their heading was printed. */
function linkContents(pdf: PDFDocument, pages: readonly PDFRef[], targets: ReadonlyMap<string, BookmarkTarget>): void {
  for (const ref of pages) {
    const page = pdf.context.lookup(ref, PDFDict)
    const annots = page.lookupMaybe(PDFName.of('Annots'), PDFArray)
    for (const annot of annots?.asArray() ?? []) {
      const dict = pdf.context.lookupMaybe(annot, PDFDict)
      const action = dict?.lookupMaybe(PDFName.of('A'), PDFDict)
      const value = action?.lookup(PDFName.of('URI'))
      const uri = value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined
      if (!dict || uri === undefined || !uri.startsWith(`${frontLinkBase}#`)) continue
      let anchor = uri.slice(frontLinkBase.length + 1)
      try {
        anchor = decodeURIComponent(anchor)
      } catch {}
      const target = targets.get(anchor)
      dict.delete(PDFName.of('A'))
      if (target) dict.set(PDFName.of(target.key), target.value)
    }
  }
}

function reportBlocked(blocked: readonly string[], docs: readonly QuireDocument[], book: BookDefinition, problems: BookProblem[]): void {
  const remote = new Set(docs.flatMap((doc) => doc.assets.filter((asset) => asset.remote).map((asset) => asset.url)))
  for (const url of blocked) {
    if (remote.has(url)) continue
    problems.push({reason: `pdf book “${book.title}”: blocked a request the page made to ${url.length > 120 ? url.slice(0, 117) + '…' : url}`, ruleId: 'pdf-blocked-request', severity: 'warning'})
  }
}
