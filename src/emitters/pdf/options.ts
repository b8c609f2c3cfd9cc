/**
 * Options of the `pdf` format (config key `pdf`), validated with zod.
 * Every option has a default; see docs/pdf.md.
 */
import os from 'node:os'
import {z} from 'zod'
import {bookSchema} from '../../config/books.js'
import {booksOf, type BookProblem} from '../books.js'
import {parseOptions} from '../options.js'

/** A CSS length Chromium accepts for page margins. */
const length = z
  .string()
  .regex(/^(0|\d+(\.\d+)?(mm|cm|in|px|pt))$/, 'expected a CSS length such as `20mm`, `0.75in`, `54pt` or `0`')

const margin = z
  .object({
    top: length.default('20mm'),
    right: length.default('18mm'),
    bottom: length.default('20mm'),
    left: length.default('18mm')
  })
  .strict()

export const defaultConcurrency = (): number => Math.max(1, Math.min(4, os.availableParallelism()))

export const pdfOptionsSchema = z
  .object({
    /** Paper size. */
    format: z.enum(['A4', 'Letter', 'A5', 'Legal']).default('A4'),
    margin: margin.default({top: '20mm', right: '18mm', bottom: '20mm', left: '18mm'}),
    /** Running header: `true` = the note title, `false` = none, a string = a template (`{title}`, `{author}`, `{date}`). */
    header: z.union([z.boolean(), z.string()]).default(true),
    /** Footer: `true` = `{page} / {pages}`, `false` = none, a string = a template (also `{page}`, `{pages}`). */
    footer: z.union([z.boolean(), z.string()]).default(true),
    /** A table of contents page after the title block. */
    toc: z.boolean().default(false),
    /** One handout per note (`pdf/<slug>.pdf`); `false` writes only books. */
    perNote: z.boolean().default(true),
    /** Books only as PDF (the config's top-level `books` are made in every format). */
    books: z.array(bookSchema).default([]),
    /** `page`: the note on the page; `handout`: beside ruled space for notes; `n-up`: `pagesPerSheet` pages on each sheet. */
    layout: z.enum(['page', 'handout', 'n-up']).default('page'),
    /** With `layout: 'n-up'`: 2 (side by side on a landscape sheet) or 4 (two by two on a portrait sheet). */
    pagesPerSheet: z.union([z.literal(2), z.literal(4)]).default(2),
    /** A QR code of the note's page on the site (with `site.url`), on the first page of each note. */
    qr: z.boolean().default(true),
    /** Printing on both sides: each note of a book starts on a right-hand (odd) page. */
    duplex: z.boolean().default(false),
    /** Heading of a book's contents page. */
    tocTitle: z.string().min(1).default('Contents'),
    /** Documents rendered at once on the one browser. */
    concurrency: z.number().int().min(1).max(64).optional(),
    /** Milliseconds one document may take to render before it fails. */
    timeout: z.number().int().min(1).default(60_000),
    /** A Chrome or Chromium binary; else PUPPETEER_EXECUTABLE_PATH, puppeteer's browser, system paths. */
    executablePath: z.string().min(1).optional(),
    /** Connect to a running browser (`ws://…`) instead of launching one. */
    browserWSEndpoint: z.string().regex(/^wss?:\/\//, 'expected a ws:// or wss:// URL').optional(),
    /** An extra stylesheet (path relative to the config file's folder), loaded after quire's print CSS. */
    css: z.string().min(1).optional()
  })
  .strict()


export interface PdfOptions extends Omit<z.output<typeof pdfOptionsSchema>, 'concurrency'> {
  readonly concurrency: number
}

/** Validates the user's `pdf` options and fills in defaults; throws naming the bad key. */
export function parsePdfOptions(input: unknown): PdfOptions {
  const options = parseOptions(pdfOptionsSchema, input)
  const problems: BookProblem[] = []
  booksOf('pdf', [], options.books, problems)
  if (problems.length > 0) throw new Error(`\`books\`: ${problems[0]!.reason}`)
  return {...options, concurrency: options.concurrency ?? defaultConcurrency()}
}
