/**
 * Books, for every format that makes them (pdf, epub): which books a
 * format writes (the config's `books`, then its own `<format>.books`),
 * which notes each gathers and in which order, and its cover. One
 * definition gives the same notes in the same order to the PDF and the
 * EPUB.
 *
 * A book by `tag` or by `folder` takes its notes in site order (the order
 * of the site's sidebar and of its previous/next links: folder by folder,
 * then front matter `order`, then date, oldest first, then title); a book
 * by `files` takes them as listed.
 */
import {realpathSync} from 'node:fs'
import path from 'node:path'
import mime from 'mime'
import type {BookDefinition} from '../config/books.js'
import type {Asset, NoteGraph, NoteSummary, QuireDocument} from '../model.js'
import {outputSlug} from '../notes.js'
import {isInside, toPosix} from '../paths.js'

export type {BookDefinition} from '../config/books.js'

/** File name of a book without extension: its title as an output slug (as note names are made). */
export function bookSlug(book: Pick<BookDefinition, 'title' | 'slug'>): string {
  return book.slug ?? (outputSlug(book.title) || 'book')
}

export interface BookProblem {
  readonly reason: string
  readonly ruleId: string
  readonly severity: 'error' | 'warning'
  /** The note it is about, when there is one. */
  readonly note?: string | undefined
}

/**
 * The books a format writes: the config's `books`, then the format's own.
 * Two that would write the same file: the second is left out, with an error.
 */
export function booksOf(format: string, shared: readonly BookDefinition[], own: readonly BookDefinition[], problems: BookProblem[] = []): BookDefinition[] {
  const slugs = new Set<string>()
  const books: BookDefinition[] = []
  for (const book of [...shared, ...own]) {
    const slug = bookSlug(book)
    if (slugs.has(slug)) {
      problems.push({reason: `${format} book “${book.title}”: another book already writes \`${format}/${slug}.${format}\`; give one a different \`slug\``, ruleId: `${format}-book-slug`, severity: 'error'})
      continue
    }
    slugs.add(slug)
    books.push(book)
  }
  return books
}

/** A content-relative path as notes have it: POSIX separators, no `./`. */
function normalized(file: string): string {
  return toPosix(path.posix.normalize(file.replace(/\\/g, '/'))).replace(/^\.\//, '')
}

const tagKey = (tag: string): string => tag.normalize('NFC').toLowerCase().replace(/^#/, '')

/** Whether a note's tags hold `tag`, or a tag nested under it (`course` holds `course/week-1`). */
function hasTag(tags: readonly string[], tag: string): boolean {
  const wanted = tagKey(tag)
  return tags.some((candidate) => {
    const key = tagKey(candidate)
    return key === wanted || key.startsWith(`${wanted}/`)
  })
}

/**
 * The notes of a book (content-relative paths), in reading order, among
 * the notes this format built. A listed file that is not one of them is an
 * error (`<format>-book-file`); a tag or folder that selects no note is a
 * warning (`<format>-book-empty`).
 */
export function bookNotes(format: string, book: BookDefinition, notes: readonly NoteSummary[], graph: Pick<NoteGraph, 'inSiteOrder'>, problems: BookProblem[] = []): string[] {
  const built = new Set(notes.map((note) => note.relativePath))
  if (book.files) {
    const found: string[] = []
    for (const file of book.files) {
      const relativePath = normalized(file)
      if (built.has(relativePath)) {
        if (!found.includes(relativePath)) found.push(relativePath)
      } else {
        problems.push({reason: `${format} book “${book.title}”: \`${file}\` is not a note of this build (paths are relative to the content folder)`, ruleId: `${format}-book-file`, severity: 'error'})
      }
    }
    return found
  }
  const ordered = graph.inSiteOrder().filter((note) => built.has(note.relativePath))
  let found: string[]
  let what: string
  if (book.tag !== undefined) {
    found = ordered.filter((note) => hasTag(note.tags, book.tag!)).map((note) => note.relativePath)
    what = `tag \`${book.tag}\``
  } else {
    const folder = normalized(`${book.folder ?? ''}/`).replace(/^\/+|\/+$/g, '')
    const prefix = folder === '' || folder === '.' ? '' : `${folder}/`
    found = ordered.filter((note) => note.relativePath.startsWith(prefix)).map((note) => note.relativePath)
    what = `folder \`${book.folder}\``
  }
  if (found.length === 0) problems.push({reason: `${format} book “${book.title}”: no note of this build has the ${what}`, ruleId: `${format}-book-empty`, severity: 'warning'})
  return found
}

/** The book's authors: its `author`, else every author of its notes in order. */
export function bookAuthors(book: BookDefinition, docs: ReadonlyArray<Pick<QuireDocument, 'meta'>>): string[] {
  if (book.author !== undefined) return typeof book.author === 'string' ? [book.author] : [...book.author]
  return [...new Set(docs.flatMap((doc) => doc.meta.authors))]
}

/** The book's date: its `date`, else its newest note's (ISO strings of the same form compare as dates). */
export function bookDate(book: BookDefinition, docs: ReadonlyArray<Pick<QuireDocument, 'meta'>>): string | undefined {
  if (book.date !== undefined) return book.date
  return docs
    .map((doc) => doc.meta.date)
    .filter((date): date is string => date !== undefined)
    .sort((a, b) => Date.parse(a.length === 10 ? `${a}T00:00:00Z` : a) - Date.parse(b.length === 10 ? `${b}T00:00:00Z` : b))
    .at(-1)
}

export interface BookCover {
  /** The note the image is resolved for (its messages go there). */
  readonly doc: QuireDocument
  readonly asset: Asset
}

/** A note's own cover (front matter `cover`), resolved by the pipeline. */
export function noteCover(doc: QuireDocument): BookCover | undefined {
  const asset = doc.assets.find((candidate) => candidate.role === 'cover')
  return asset ? {doc, asset} : undefined
}

/**
 * A book's cover image: its `cover` (a content-relative image), else the
 * first note's cover that has one; undefined for a generated cover. A
 * `cover` outside the content folder is a problem (`<format>-book-cover`).
 */
export function bookCover(format: string, book: BookDefinition, docs: readonly QuireDocument[], content: string, problems: BookProblem[] = []): BookCover | undefined {
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
    problems.push({reason: `${format} book “${book.title}”: \`cover\` must be inside the content folder`, ruleId: `${format}-book-cover`, severity: 'error'})
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
