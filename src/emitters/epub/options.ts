/**
 * Options of the `epub` emitter (the `epub` key of the config file).
 * Every option has a default, so `epub: {}` or no key at all is valid.
 */
import {z} from 'zod'
import {outputSlug} from '../../notes.js'
import {parseOptions} from '../options.js'

const book = z.strictObject({
  /** Book title (required). */
  title: z.string().trim().min(1),
  /** Notes in reading order, as content-relative paths (`talks/a.md`). */
  files: z.array(z.string().trim().min(1)).min(1),
  /** Output name without extension: `out/epub/<slug>.epub`; default: the title, slugified. */
  slug: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, dots, dashes and underscores only')
    .optional(),
  /** Authors; default: every author of the notes, in order of appearance. */
  author: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
  /** Language; default: the first note's. */
  lang: z.string().min(1).optional(),
  /** Description; default: `site.description`, else the first note's description. */
  description: z.string().min(1).optional(),
  /** Stable identifier (any string; a URN is best); default: derived from the notes' content. */
  identifier: z.string().min(1).optional(),
  /** Rights line; default: none. */
  rights: z.string().min(1).optional(),
  /** Cover image, a content-relative path; default: a generated title page. */
  cover: z.string().min(1).optional()
})

export const epubOptionsSchema = z.strictObject({
  /** One EPUB per note (`out/epub/<slug>.epub`). */
  perNote: z.boolean().default(true),
  /** Books that gather several notes, one chapter per note. */
  books: z.array(book).default([]),
  /** Remote images: `skip` replaces them by their alt text with a warning. Fetching is not supported. */
  remoteImages: z.enum(['skip'], {error: "only 'skip' is supported: remote images are never fetched"}).default('skip'),
  /** Extra stylesheet (path relative to the working directory / config file), appended to quire's. */
  css: z.string().min(1).optional(),
  /** Rights line for every EPUB unless a note sets front matter `rights`; default: none. */
  rights: z.string().min(1).optional(),
  /** Title of the table of contents page. */
  tocTitle: z.string().min(1).default('Contents')
})

export type EpubOptions = z.output<typeof epubOptionsSchema>
export type BookOptions = z.output<typeof book>

export function parseEpubOptions(input: unknown): EpubOptions {
  const options = parseOptions(epubOptionsSchema, input)
  const slugs = new Set<string>()
  for (const entry of options.books) {
    const slug = entry.slug ?? bookSlug(entry.title)
    if (slugs.has(slug)) throw new Error(`\`books\`: two books write \`epub/${slug}.epub\`; give one a different \`slug\``)
    slugs.add(slug)
  }
  return options
}

/** File name of a book without extension: its title as an output slug (as note names are made). */
export function bookSlug(title: string): string {
  return outputSlug(title) || 'book'
}
