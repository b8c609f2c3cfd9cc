/**
 * The `epub` emitter: an EPUB 3 per note (`epub/<slug>.epub`) and books
 * that gather several notes (`epub/<book-slug>.epub`), built with
 * epub-gen-memory from each note's hast. Valid for epubcheck, and
 * byte-identical from one build of the same input to the next.
 */
import {realpathSync} from 'node:fs'
import path from 'node:path'
import mime from 'mime'
import type {Asset, QuireDocument} from '../../model.js'
import {isInside, toPosix} from '../../paths.js'
import {defineEmitter, type EmitterContext} from '../types.js'
import {assembleEpub, type CoverSource} from './assemble.js'
import {splitNote} from './chapters.js'
import type {ImageProblem} from './images.js'
import {bookMetadata, noteMetadata} from './metadata.js'
import {bookEntry, noteEntries} from './nav.js'
import {bookSlug, parseEpubOptions, type BookOptions, type EpubOptions} from './options.js'
import {loadTemplates} from './templates.js'

export default defineEmitter<EpubOptions>({
  name: 'epub',
  description: 'EPUB 3 e-books: one per note, and books that gather several notes',
  writes: ['epub/<slug>.epub', 'epub/<book-slug>.epub'],
  options: parseEpubOptions,
  // A note's EPUB needs only that note; a book needs its chapters' full trees.
  workerSafe: (options) => options.books.length === 0,
  async start(context) {
    const {options, config} = context
    const templates = await loadTemplates(context.templatesDir, options.css, config.root)
    const problem = reporter(context)
    const shared = {templates, tocTitle: options.tocTitle, siteUrl: config.site.url, problem}
    const metadataContext = {sourceDateEpoch: context.sourceDateEpoch, rights: options.rights}

    return {
      async document(doc) {
        if (!options.perNote) return
        const note = splitNote(doc, {mode: 'sections', fileName: (index) => `chapter-${String(index + 1).padStart(2, '0')}.xhtml`})
        const bytes = await assembleEpub({
          ...shared,
          notes: [note],
          meta: noteMetadata(doc, metadataContext),
          nav: noteEntries(note),
          cover: noteCover(doc)
        })
        context.signal.throwIfAborted()
        await context.output.write(`epub/${doc.slug}.epub`, bytes, doc.relativePath)
      },
      async collection(collection) {
        for (const book of options.books) {
          context.signal.throwIfAborted()
          const docs = bookDocuments(book, collection.documents, context)
          if (docs.length === 0) continue
          const slug = book.slug ?? bookSlug(book.title)
          const files = chapterFiles(docs)
          const notes = docs.map((doc, index) => splitNote(doc, {mode: 'whole', fileName: () => files[index]!}))
          const authors = book.author === undefined ? undefined : typeof book.author === 'string' ? [book.author] : book.author
          const bytes = await assembleEpub({
            ...shared,
            notes,
            meta: bookMetadata({...book, authors}, docs, metadataContext, config.site.description),
            nav: notes.map(bookEntry),
            cover: bookCover(book, docs, config.content, context)
          })
          await context.output.write(`epub/${slug}.epub`, bytes, '*')
        }
      }
    }
  }
})

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

/** Positioned warnings, each reported once per build even when a note is in several EPUBs. */
function reporter(context: EmitterContext<EpubOptions>): ImageProblem {
  const seen = new Set<string>()
  return (doc, asset, reason, ruleId) => {
    const key = `${doc.path}\0${asset?.line ?? ''}:${asset?.column ?? ''}\0${ruleId}\0${reason}`
    if (seen.has(key)) return
    seen.add(key)
    context.report(doc, reason, {ruleId, severity: 'warning', line: asset?.line, column: asset?.column})
  }
}

function noteCover(doc: QuireDocument): CoverSource | undefined {
  const asset = doc.assets.find((candidate) => candidate.role === 'cover')
  return asset ? {doc, asset} : undefined
}

/** The notes a book lists, in its order; unknown files are reported and left out. */
function bookDocuments(book: BookOptions, documents: readonly QuireDocument[], context: EmitterContext<EpubOptions>): QuireDocument[] {
  const byPath = new Map(documents.map((doc) => [doc.relativePath, doc]))
  const found: QuireDocument[] = []
  for (const file of book.files) {
    const doc = byPath.get(toPosix(path.posix.normalize(file.replace(/\\/g, '/'))).replace(/^\.\//, ''))
    if (doc) {
      if (!found.includes(doc)) found.push(doc)
    } else {
      context.report(undefined, `epub book “${book.title}”: \`${file}\` is not a note of this build (paths are relative to the content folder)`, {ruleId: 'epub-book-file', severity: 'error'})
    }
  }
  return found
}

/** A book's cover: its `cover` option (a content-relative image), else the first note's cover. */
function bookCover(book: BookOptions, docs: readonly QuireDocument[], content: string, context: EmitterContext<EpubOptions>): CoverSource | undefined {
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
    context.report(undefined, `epub book “${book.title}”: \`cover\` must be inside the content folder`, {ruleId: 'epub-book-cover', severity: 'error'})
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
