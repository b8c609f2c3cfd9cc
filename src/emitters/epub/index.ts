/**
 * The `epub` emitter: an EPUB 3 per note (`epub/<slug>.epub`) and books
 * that gather several notes (`epub/<book-slug>.epub`), built with
 * epub-gen-memory from each note's hast. Valid for epubcheck, and
 * byte-identical from one build of the same input to the next.
 */
import type {QuireDocument} from '../../model.js'
import {bookAuthors, bookCover, bookDate, bookNotes, booksOf, bookSlug, noteCover, type BookProblem} from '../books.js'
import {defineEmitter, type BaseContext, type CollectionContext} from '../types.js'
import {assembleEpub} from './assemble.js'
import {splitNote} from './chapters.js'
import type {ImageProblem} from './images.js'
import {bookMetadata, noteMetadata} from './metadata.js'
import {bookEntry, noteEntries} from './nav.js'
import {parseEpubOptions, type EpubOptions} from './options.js'
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
    const problems: BookProblem[] = []
    for (const book of booksOf('epub', config.books, options.books, problems)) {
      context.signal.throwIfAborted()
      const paths = bookNotes('epub', book, notes, context.graph, problems)
      if (paths.length === 0) continue
      const docs: QuireDocument[] = []
      for (const relativePath of paths) docs.push(await context.load(relativePath))
      const files = chapterFiles(docs)
      const chapters = docs.map((doc, index) => splitNote(doc, {mode: 'whole', fileName: () => files[index]!}))
      const bytes = await assembleEpub({
        ...assembly(context, problem),
        notes: chapters,
        meta: bookMetadata({...book, authors: bookAuthors(book, docs), date: bookDate(book, docs)}, docs, metadataContext(context), config.site.description),
        nav: chapters.map(bookEntry),
        cover: bookCover('epub', book, docs, config.content, problems)
      })
      context.write(`epub/${bookSlug(book)}.epub`, bytes)
    }
    for (const {reason, ruleId, severity, note} of problems) context.report(reason, {ruleId, severity, note})
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
