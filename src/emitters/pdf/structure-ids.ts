/**
 * Stable ids in the tagged PDF's structure tree. Chromium names the
 * structure element of a table header cell after the cell's DOM node id
 * (`node00000335`), and table cells point at their headers by that name.
 * DOM node ids come from a counter the renderer process shares between tabs,
 * so a handout printed while another tab lays out a page (a note with math
 * waits for KaTeX's fonts) gets other numbers from one build to the next.
 * The ids mean nothing outside the file: they are renumbered in the order
 * of the structure tree, and the id tree rebuilt from them.
 */
import {PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument, type PDFObject} from 'pdf-lib'

const nodeName = (index: number): string => `node${String(index).padStart(8, '0')}`

/** Renames every structure id, in tree order (`name(1)`, `name(2)`, …), and writes the id tree anew. */
export function renumberStructureIds(pdf: PDFDocument, name: (index: number) => string = nodeName): void {
  const root = pdf.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  if (!root) return
  const named: Array<{element: PDFDict; ref: PDFRef; id: string}> = []
  const seen = new Set<PDFDict>()
  const walk = (kid: PDFObject | undefined, ref: PDFRef | undefined): void => {
    if (kid instanceof PDFRef) return walk(pdf.context.lookup(kid), kid)
    if (kid instanceof PDFArray) {
      for (let index = 0; index < kid.size(); index++) walk(kid.get(index), undefined)
      return
    }
    if (!(kid instanceof PDFDict) || seen.has(kid)) return
    seen.add(kid)
    const id = textOf(kid.get(PDFName.of('ID')))
    if (id !== undefined && ref) named.push({element: kid, ref, id})
    walk(kid.get(PDFName.of('K')), undefined)
  }
  walk(root.get(PDFName.of('K')), undefined)
  if (named.length === 0 && !root.has(PDFName.of('IDTree'))) return

  const renamed = new Map<string, string>()
  for (const {id} of named) if (!renamed.has(id)) renamed.set(id, name(renamed.size + 1))
  const names: PDFObject[] = []
  for (const {element, ref, id} of named) {
    const newName = renamed.get(id)!
    element.set(PDFName.of('ID'), PDFString.of(newName))
    names.push(PDFString.of(newName), ref)
  }
  for (const element of seen) renameHeaders(element, renamed)
  // The old tree's nodes hold the old names: gone, or they would still be in the bytes.
  deleteTree(pdf, root.get(PDFName.of('IDTree')))
  // One leaf for the whole tree: in key order, since keys were numbered in tree order.
  root.set(PDFName.of('IDTree'), pdf.context.register(pdf.context.obj({Names: pdf.context.obj(names)})))
}

/** Removes a name or number tree's node and every node under it from the file. */
export function deleteTree(pdf: PDFDocument, node: PDFObject | undefined): void {
  const dict = node instanceof PDFRef ? pdf.context.lookup(node) : node
  if (dict instanceof PDFDict) {
    const kids = dict.get(PDFName.of('Kids'))
    if (kids instanceof PDFArray) for (const kid of kids.asArray()) deleteTree(pdf, kid)
  }
  if (node instanceof PDFRef) pdf.context.delete(node)
}

/** `/Headers [(node…)]` in a cell's attributes (one dictionary, or an array of them). */
function renameHeaders(element: PDFDict, renamed: ReadonlyMap<string, string>): void {
  const attributes = element.get(PDFName.of('A'))
  const list = attributes instanceof PDFArray ? attributes.asArray() : [attributes]
  for (const item of list) {
    const dict = item instanceof PDFRef ? element.context.lookup(item) : item
    if (!(dict instanceof PDFDict)) continue
    const headers = dict.get(PDFName.of('Headers'))
    if (!(headers instanceof PDFArray)) continue
    for (let index = 0; index < headers.size(); index++) {
      const name = renamed.get(textOf(headers.get(index)) ?? '')
      if (name !== undefined) headers.set(index, PDFString.of(name))
    }
  }
}

function textOf(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText()
  return undefined
}
