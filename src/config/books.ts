/**
 * A book: several notes gathered into one PDF and one EPUB. The same shape
 * is read from the config's top-level `books` (both formats) and from
 * `pdf.books` and `epub.books` (that format only). Its notes are a list of
 * files, or every note with a tag, or every note of a folder; which ones,
 * and in which order, is `src/emitters/books.ts`.
 */
import {z} from 'zod'

const text = z.string().trim().min(1)

export const bookSchema = z
  .strictObject({
    /** Book title (required). */
    title: text,
    /** Notes in reading order, as content-relative paths (`talks/a.md`). */
    files: z.array(text).min(1).optional(),
    /** Or every note with this tag (front matter or inline `#tag`; `course` also takes `course/week-1`), in site order. */
    tag: text.optional(),
    /** Or every note under this folder of the content folder (`talks/`), sub-folders included, in site order. */
    folder: text.optional(),
    /** Output name without extension (`pdf/<slug>.pdf`, `epub/<slug>.epub`); default: the title, slugified. */
    slug: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, dots, dashes and underscores only')
      .optional(),
    subtitle: text.optional(),
    /** Authors; default: every author of the notes, in order of appearance. */
    author: z.union([text, z.array(text).min(1)]).optional(),
    /** The book's date (ISO 8601, `2022-10-04`); default: its newest note's. */
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'expected an ISO 8601 date such as `2022-10-04`')
      .optional(),
    /** Language; default: the first note's. */
    lang: text.optional(),
    /** Description; default: `site.description`, else the first note's description. */
    description: text.optional(),
    /** Stable identifier (EPUB `dc:identifier`); default: derived from the notes' content. */
    identifier: text.optional(),
    /** Rights line; default: none. */
    rights: text.optional(),
    /** Cover image, a content-relative path; default: the first cover among the notes, else a generated cover. */
    cover: text.optional()
  })
  .superRefine((book, context) => {
    const given = (['files', 'tag', 'folder'] as const).filter((key) => book[key] !== undefined)
    if (given.length !== 1) {
      context.addIssue({
        code: 'custom',
        path: given.length === 0 ? ['files'] : [given[1]!],
        message: given.length === 0 ? 'a book needs its notes: `files` (a list), `tag` or `folder`' : `give one of \`files\`, \`tag\` and \`folder\`, not ${given.map((key) => `\`${key}\``).join(' and ')}`
      })
    }
  })

export type BookDefinition = z.output<typeof bookSchema>

export const booksSchema = z.array(bookSchema)
