/**
 * Reading a printed PDF back with pdf-lib: its bookmarks with the page each
 * goes to, its links, its page labels; and decoding a QR code from a page
 * rendered by pdftoppm (jsQR on the pixels, through sharp).
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import jsQRModule from 'jsqr'
import {PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject} from 'pdf-lib'
import sharp from 'sharp'

// CommonJS: the function is the module itself (its types say `default`).
const jsQR = ((jsQRModule as unknown as {default?: unknown}).default ?? jsQRModule) as unknown as (data: Uint8ClampedArray, width: number, height: number) => {data: string} | null

export interface Bookmark {
  readonly title: string
  /** 1-based page it goes to. */
  readonly page: number | undefined
  readonly children: readonly Bookmark[]
}

const textOf = (value: PDFObject | undefined): string => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : '')

function pageOf(pdf: PDFDocument, dest: PDFObject | undefined): number | undefined {
  const named = pdf.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict)
  let value = dest instanceof PDFName && named ? named.get(dest) : dest
  if (value instanceof PDFRef) value = pdf.context.lookup(value)
  const page = value instanceof PDFArray ? value.get(0) : undefined
  if (!(page instanceof PDFRef)) return undefined
  const index = pdf.getPages().findIndex((candidate) => candidate.ref === page)
  return index === -1 ? undefined : index + 1
}

export async function bookmarks(bytes: Uint8Array): Promise<Bookmark[]> {
  const pdf = await PDFDocument.load(bytes, {updateMetadata: false})
  const read = (first: PDFDict | undefined): Bookmark[] => {
    const found: Bookmark[] = []
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      found.push({title: textOf(item.get(PDFName.of('Title'))), page: pageOf(pdf, item.get(PDFName.of('Dest'))), children: read(item.lookupMaybe(PDFName.of('First'), PDFDict))})
    }
    return found
  }
  return read(pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict))
}

export interface LinkAnnotation {
  /** 1-based page the link is on. */
  readonly on: number
  /** The page it goes to inside the document, or its URI. */
  readonly page?: number | undefined
  readonly uri?: string | undefined
}

export async function links(bytes: Uint8Array): Promise<LinkAnnotation[]> {
  const pdf = await PDFDocument.load(bytes, {updateMetadata: false})
  return pdf.getPages().flatMap((page, index) =>
    (page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []).map((ref) => {
      const annot = pdf.context.lookup(ref, PDFDict)
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict)
      const uri = action ? textOf(action.get(PDFName.of('URI'))) : undefined
      return {on: index + 1, page: pageOf(pdf, annot.get(PDFName.of('Dest'))), uri: uri || undefined}
    })
  )
}

/** The QR code on a page (1-based), decoded: the page rendered at 150 dpi, the pixels given to jsQR. */
export async function decodeQr(file: string, page: number): Promise<string | undefined> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'quire-qr-'))
  try {
    const prefix = path.join(folder, 'page')
    const result = spawnSync('pdftoppm', ['-r', '150', '-png', '-singlefile', '-f', String(page), '-l', String(page), file, prefix], {encoding: 'utf8'})
    if (result.status !== 0) throw new Error(`pdftoppm failed: ${result.stderr}`)
    const {data, info} = await sharp(`${prefix}.png`).ensureAlpha().raw().toBuffer({resolveWithObject: true})
    return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data
  } finally {
    await fs.rm(folder, {recursive: true, force: true})
  }
}
