/**
 * The `n-up` layout: the printed pages reduced onto sheets of the same
 * paper, for printing (`pdf.pagesPerSheet`): 2 side by side on a landscape
 * sheet (A4 pages at A5 size on A4), or 4, two by two, on a portrait
 * sheet. Each page keeps its proportions, centred in its cell, with a thin
 * grey frame. The pages become form XObjects of the sheets (pdf-lib's
 * `embedPages`): their text stays text, but a sheet carries no links and no
 * tagged structure; the bookmarks point at the sheet that shows their page.
 */
import {PDFDocument, PDFRef, rgb} from 'pdf-lib'
import {outlineEntries, writeOutline, type OutlineEntry} from './bookmarks.js'

/** Space around and between the pages of a sheet, in points (6 mm). */
const gutter = (6 / 25.4) * 72

export async function impose(source: PDFDocument, perSheet: 2 | 4): Promise<PDFDocument> {
  const sheets = await PDFDocument.create({updateMetadata: false})
  const pages = source.getPages()
  if (pages.length === 0) return sheets
  const first = pages[0]!.getSize()
  const portrait = {width: Math.min(first.width, first.height), height: Math.max(first.width, first.height)}
  const [sheetWidth, sheetHeight] = perSheet === 2 ? [portrait.height, portrait.width] : [portrait.width, portrait.height]
  const columns = 2
  const rows = perSheet / columns
  const cellWidth = (sheetWidth - gutter * (columns + 1)) / columns
  const cellHeight = (sheetHeight - gutter * (rows + 1)) / rows
  const embedded = await sheets.embedPages(pages)
  const sheetOf: PDFRef[] = []
  for (let start = 0; start < embedded.length; start += perSheet) {
    const sheet = sheets.addPage([sheetWidth, sheetHeight])
    for (let slot = 0; slot < perSheet && start + slot < embedded.length; slot++) {
      const page = embedded[start + slot]!
      const scale = Math.min(cellWidth / page.width, cellHeight / page.height)
      const width = page.width * scale
      const height = page.height * scale
      const column = slot % columns
      const row = Math.floor(slot / columns)
      const x = gutter + column * (cellWidth + gutter) + (cellWidth - width) / 2
      const y = sheetHeight - gutter - (row + 1) * cellHeight - row * gutter + (cellHeight - height) / 2
      sheet.drawPage(page, {x, y, width, height})
      sheet.drawRectangle({x, y, width, height, borderColor: rgb(0.6, 0.6, 0.6), borderWidth: 0.5})
      sheetOf.push(sheet.ref)
    }
  }
  // The bookmarks, each at the sheet its page is on.
  const pageIndex = new Map(pages.map((page, index) => [page.ref.toString(), index]))
  const move = (entries: readonly OutlineEntry[]): OutlineEntry[] =>
    entries.map((entry) => {
      const index = entry.page === undefined ? undefined : pageIndex.get(entry.page.toString())
      const sheet = index === undefined ? undefined : sheetOf[index]
      return {title: entry.title, target: sheet ? {key: 'Dest' as const, value: sheets.context.obj([sheet, 'Fit'])} : undefined, children: move(entry.children)}
    })
  writeOutline(sheets, move(outlineEntries(source)))
  return sheets
}
