/**
 * Options of the `epub` emitter (the `epub` key of the config file).
 * Every option has a default, so `epub: {}` or no key at all is valid.
 */
import {z} from 'zod'
import {bookSchema, type BookDefinition} from '../../config/books.js'
import {bookSlug as slugOf} from '../books.js'
import {parseOptions} from '../options.js'

export const epubOptionsSchema = z.strictObject({
  /** One EPUB per note (`out/epub/<slug>.epub`). */
  perNote: z.boolean().default(true),
  /** Books only as EPUB (the config's top-level `books` are made in every format), one chapter per note. */
  books: z.array(bookSchema).default([]),
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
export type BookOptions = BookDefinition

export function parseEpubOptions(input: unknown): EpubOptions {
  const options = parseOptions(epubOptionsSchema, input)
  const slugs = new Set<string>()
  for (const entry of options.books) {
    const slug = slugOf(entry)
    if (slugs.has(slug)) throw new Error(`\`books\`: two books write \`epub/${slug}.epub\`; give one a different \`slug\``)
    slugs.add(slug)
  }
  return options
}

/** File name of a book without extension: its title as an output slug (as note names are made). */
export function bookSlug(title: string): string {
  return slugOf({title})
}
