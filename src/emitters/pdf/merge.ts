/**
 * Puts the pages of one tagged PDF (a book's front matter) before those of
 * another (its body) and keeps both tagged: the pages, their annotations
 * and the structure elements that mark their content are copied over (one
 * copier, so an element's page is the copied page), the front's structure
 * goes at the head of the body's `Document` element, and the parent tree
 * (which element each marked piece of content belongs to) is merged with
 * the front's keys moved past the body's.
 */
import {PDFArray, PDFDict, PDFName, PDFNumber, PDFObjectCopier, PDFPage, PDFPageLeaf, PDFRef, type PDFDocument, type PDFObject} from 'pdf-lib'
import {deleteTree, renumberStructureIds} from './structure-ids.js'

/** Copies every page of `source` to the start of `target`; returns the copied pages. */
export function prependPages(target: PDFDocument, source: PDFDocument): PDFPage[] {
  // Names of the front's structure ids must not meet the body's before they are all renumbered.
  renumberStructureIds(source, (index) => `front${index}`)
  const copier = PDFObjectCopier.for(source.context, target.context)
  const sourceRoot = source.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  // The front's top elements will have the body's root or Document as parent: do not copy the front's root along.
  const topKids = sourceRoot ? kidsOf(source, sourceRoot.get(PDFName.of('K'))) : []
  for (const kid of topKids) kid.dict?.delete(PDFName.of('P'))

  const pages = source.getPages().map((page, index) => {
    const ref = copier.copy(page.ref) as PDFRef
    const leaf = target.context.lookup(ref)
    if (!(leaf instanceof PDFPageLeaf)) throw new Error('pdf: a page of the front matter could not be copied')
    const copied = PDFPage.of(leaf, ref, target)
    target.insertPage(index, copied)
    return copied
  })

  const targetRoot = target.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  if (!sourceRoot || !targetRoot) return pages
  const offset = numberOf(targetRoot.get(PDFName.of('ParentTreeNextKey'))) ?? nextKey(target, targetRoot)
  // Content of the copied pages points into the parent tree by key: move the keys past the body's.
  for (const page of pages) {
    const key = numberOf(page.node.get(PDFName.of('StructParents')))
    if (key !== undefined) page.node.set(PDFName.of('StructParents'), PDFNumber.of(key + offset))
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)
    for (const annot of annots?.asArray() ?? []) {
      const dict = target.context.lookupMaybe(annot, PDFDict)
      const parent = numberOf(dict?.get(PDFName.of('StructParent')))
      if (dict && parent !== undefined) dict.set(PDFName.of('StructParent'), PDFNumber.of(parent + offset))
    }
  }
  const merged = [...numberTree(target, targetRoot.get(PDFName.of('ParentTree')))]
  for (const [key, value] of numberTree(source, sourceRoot.get(PDFName.of('ParentTree')))) merged.push([key + offset, copier.copy(value)])
  merged.sort((a, b) => a[0] - b[0])
  deleteTree(target, targetRoot.get(PDFName.of('ParentTree')))
  targetRoot.set(PDFName.of('ParentTree'), target.context.register(target.context.obj({Nums: target.context.obj(merged.flatMap(([key, value]) => [PDFNumber.of(key), value]))})))
  const sourceNext = numberOf(sourceRoot.get(PDFName.of('ParentTreeNextKey'))) ?? nextKey(source, sourceRoot)
  targetRoot.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(offset + sourceNext))

  for (const key of ['RoleMap', 'ClassMap']) {
    const from = sourceRoot.lookupMaybe(PDFName.of(key), PDFDict)
    if (!from) continue
    let into = targetRoot.lookupMaybe(PDFName.of(key), PDFDict)
    if (!into) targetRoot.set(PDFName.of(key), (into = target.context.obj({})))
    for (const [name, value] of from.entries()) if (!into.has(name)) into.set(name, copier.copy(value))
  }

  const copiedKids = topKids.map((kid) => copier.copy(kid.object))
  const targetKids = kidsOf(target, targetRoot.get(PDFName.of('K')))
  const documentElement = targetKids.length === 1 ? targetKids[0]! : undefined
  // Structure elements only: no marked content (a number, an /MCR or /OBJR dictionary) that would belong to the Document itself.
  const onlyElements = (kids: ReturnType<typeof kidsOf>) =>
    kids.every((kid) => kid.dict !== undefined && [undefined, 'StructElem'].includes(kid.dict.lookupMaybe(PDFName.of('Type'), PDFName)?.decodeText()))
  const frontKids = topKids.length === 1 ? kidsOf(source, topKids[0]!.dict?.get(PDFName.of('K'))) : []
  if (documentElement?.dict && documentElement.object instanceof PDFRef && topKids.length === 1 && onlyElements(frontKids)) {
    // One Document each: the front's elements open the body's Document.
    const copiedDocument = target.context.lookup(copiedKids[0]!, PDFDict)
    const inner = kidsOf(target, copiedDocument.get(PDFName.of('K')))
    for (const kid of inner) kid.dict!.set(PDFName.of('P'), documentElement.object)
    const existing = kidsOf(target, documentElement.dict.get(PDFName.of('K')))
    documentElement.dict.set(PDFName.of('K'), target.context.obj([...inner.map((kid) => kid.object), ...existing.map((kid) => kid.object)]))
    if (copiedKids[0] instanceof PDFRef) target.context.delete(copiedKids[0])
  } else {
    const rootRef = target.catalog.get(PDFName.of('StructTreeRoot'))
    for (const kid of copiedKids) {
      const dict = target.context.lookupMaybe(kid, PDFDict)
      if (dict && rootRef instanceof PDFRef) dict.set(PDFName.of('P'), rootRef)
    }
    targetRoot.set(PDFName.of('K'), target.context.obj([...copiedKids, ...targetKids.map((kid) => kid.object)]))
  }
  return pages
}

interface Kid {
  /** As written in the parent's /K: a reference, a dictionary or a marked-content id. */
  readonly object: PDFObject
  readonly dict?: PDFDict | undefined
}

/** The entries of a /K (one object, or an array of them). */
function kidsOf(pdf: PDFDocument, k: PDFObject | undefined): Kid[] {
  if (k === undefined) return []
  const list = k instanceof PDFArray ? k.asArray() : [k]
  return list.map((object) => ({object, dict: pdf.context.lookupMaybe(object, PDFDict)}))
}

function numberOf(value: PDFObject | undefined): number | undefined {
  return value instanceof PDFNumber ? value.asNumber() : undefined
}

/** The pairs of a number tree, in order. */
function* numberTree(pdf: PDFDocument, node: PDFObject | undefined): Generator<[number, PDFObject]> {
  const dict = pdf.context.lookupMaybe(node, PDFDict)
  if (!dict) return
  const nums = dict.lookupMaybe(PDFName.of('Nums'), PDFArray)
  if (nums) {
    for (let index = 0; index + 1 < nums.size(); index += 2) {
      const key = numberOf(nums.get(index))
      if (key !== undefined) yield [key, nums.get(index + 1)]
    }
  }
  const kids = dict.lookupMaybe(PDFName.of('Kids'), PDFArray)
  for (const kid of kids?.asArray() ?? []) yield* numberTree(pdf, kid)
}

function nextKey(pdf: PDFDocument, root: PDFDict): number {
  let next = 0
  for (const [key] of numberTree(pdf, root.get(PDFName.of('ParentTree')))) next = Math.max(next, key + 1)
  return next
}
