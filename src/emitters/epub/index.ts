/**
 * The `epub` emitter: an EPUB 3 per note (`epub/<slug>.epub`) and books
 * that gather several notes (`epub/<book-slug>.epub`), built with
 * epub-gen-memory from each note's hast. Valid for epubcheck, and
 * byte-identical from one build of the same input to the next.
 */
import {realpathSync} from 'node:fs'
import path from 'node:path'
import mime from 'mime'
import type {Asset, NoteSummary, QuireDocument} from '../../model.js'
import {isInside, toPosix} from '../../paths.js'
import {defineEmitter, type BaseContext, type CollectionContext} from '../types.js'
import {assembleEpub, type CoverSource} from './assemble.js'
import {splitNote} from './chapters.js'
import type {ImageProblem} from './images.js'
import {bookMetadata, noteMetadata} from './metadata.js'
import {bookEntry, noteEntries} from './nav.js'
import {bookSlug, parseEpubOptions, type BookOptions, type EpubOptions} from './options.js'
import {loadTemplates, type EpubTemplates} from './templates.js'

interface Shared {
  readonly templates: EpubTemplates
}

export default defineEmitter<EpubOptions, Shared>({
  name: 'epub',
  description: 'EPUB 3 e-books: one per note, and books that gather several notes',
  writes: ['epub/<slug>.epub', 'epub/<book-slug>.epub'],
  options: parseEpubOptions,
  async prepare({templatesDir, options, config}) {
    return {templates: await loadTemplates(templatesDir, options.css, config.root)}
  },
  async note(doc, context) {
    const {options} = context
    if (!options.perNote) return
    const note = splitNote(doc, {mode: 'sections', fileName: (index) => `chapter-${String(index + 1).padStart(2, '0')}.xhtml`})
    const bytes = await assembleEpub({
      ...assembly(context, (_doc, asset, reason, ruleId) => context.report(reason, {ruleId, severity: 'warning', line: asset?.line, column: asset?.column})),
      notes: [note],
      meta: noteMetadata(doc, metadataContext(context)),
      nav: noteEntries(note),
      cover: noteCover(doc)
    })
    context.signal.throwIfAborted()
    context.write(`epub/${doc.slug}.epub`, bytes)
  },
  async collection(notes, context) {
    const {options, config} = context
    const problem = bookReporter(context)
    for (const book of options.books) {
      context.signal.throwIfAborted()
      const docs = await bookDocuments(book, notes, context)
      if (docs.length === 0) continue
      const slug = book.slug ?? bookSlug(book.title)
      const files = chapterFiles(docs)
      const chapters = docs.map((doc, index) => splitNote(doc, {mode: 'whole', fileName: () => files[index]!}))
      const authors = book.author === undefined ? undefined : typeof book.author === 'string' ? [book.author] : book.author
      const bytes = await assembleEpub({
        ...assembly(context, problem),
        notes: chapters,
        meta: bookMetadata({...book, authors}, docs, metadataContext(context), config.site.description),
        nav: chapters.map(bookEntry),
        cover: bookCover(book, docs, config.content, context)
      })
      context.write(`epub/${slug}.epub`, bytes)
    }
  }
})

type EpubContext = BaseContext<EpubOptions> & {readonly shared: Shared}

function assembly(context: EpubContext, problem: ImageProblem) {
  return {templates: context.shared.templates, tocTitle: context.options.tocTitle, siteUrl: context.config.site.url, problem}
}

function metadataContext(context: EpubContext) {
  return {sourceDateEpoch: context.sourceDateEpoch, rights: context.options.rights}
}

/**
 * File names of a book's note chapters: `<slug>.xhtml`, limited to the
 * characters epub-gen-memory keeps (it would rename the file, not the links),
 * never the cover page's or the contents' name, never twice the same.
 */
function chapterFiles(docs: readonly QuireDocument[]): string[] {
  const used = new Set(['cover', 'toc'])
  return docs.map((doc, index) => {
    const base = doc.slug.replace(/[^-._A-Za-z0-9]/g, '') || 'note'
    let name = base
    for (let n = index + 1; used.has(name.toLowerCase()); n++) name = `${base}-${n}`
    used.add(name.toLowerCase())
    return `${name}.xhtml`
  })
}

/** Image warnings of a book's chapters, on their notes (the build keeps one of each). */
function bookReporter(context: CollectionContext<EpubOptions, Shared>): ImageProblem {
  return (doc, asset, reason, ruleId) => context.report(reason, {note: doc.relativePath, ruleId, severity: 'warning', line: asset?.line, column: asset?.column})
}

function noteCover(doc: QuireDocument): CoverSource | undefined {
  const asset = doc.assets.find((candidate) => candidate.role === 'cover')
  return asset ? {doc, asset} : undefined
}

/** The notes a book lists, in its order, loaded whole; files that are not notes of this build are reported and left out. */
async function bookDocuments(book: BookOptions, notes: readonly NoteSummary[], context: CollectionContext<EpubOptions, Shared>): Promise<QuireDocument[]> {
  const built = new Set(notes.map((note) => note.relativePath))
  const found: string[] = []
  for (const file of book.files) {
    const relativePath = toPosix(path.posix.normalize(file.replace(/\\/g, '/'))).replace(/^\.\//, '')
    if (built.has(relativePath)) {
      if (!found.includes(relativePath)) found.push(relativePath)
    } else {
      context.report(`epub book “${book.title}”: \`${file}\` is not a note of this build (paths are relative to the content folder)`, {ruleId: 'epub-book-file', severity: 'error'})
    }
  }
  const docs: QuireDocument[] = []
  for (const relativePath of found) docs.push(await context.load(relativePath))
  return docs
}

/** A book's cover: its `cover` option (a content-relative image), else the first note's cover. */
function bookCover(book: BookOptions, docs: readonly QuireDocument[], content: string, context: CollectionContext<EpubOptions, Shared>): CoverSource | undefined {
  if (book.cover === undefined) {
    for (const doc of docs) {
      const cover = noteCover(doc)
      if (cover) return cover
    }
    return undefined
  }
  const file = path.resolve(content, book.cover)
  // As for every image: a symlink inside the folder must not lead out of it.
  const real = realPathOf(file)
  if (!isInside(content, file) || (real !== undefined && !isInside(realPathOf(content) ?? content, real))) {
    context.report(`epub book “${book.title}”: \`cover\` must be inside the content folder`, {ruleId: 'epub-book-cover', severity: 'error'})
    return undefined
  }
  const mediaType = mime.getType(file) ?? undefined
  const asset: Asset = {url: book.cover, role: 'cover', remote: false, path: file, relativePath: toPosix(path.relative(content, file)), mediaType}
  return {doc: docs[0]!, asset}
}

function realPathOf(file: string): string | undefined {
  try {
    return realpathSync(file)
  } catch {
    return undefined
  }
}
