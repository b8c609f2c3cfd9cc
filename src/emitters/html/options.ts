/**
 * Options of the `html` format (the `html` key of the config file). Unknown
 * keys are errors, so a typo never goes unnoticed.
 */
import {z} from 'zod'
import {parseOptions} from '../options.js'

const htmlOptionsSchema = z.strictObject({
  /** Put a table of contents (`<nav class="toc">`) at the top of each page. */
  toc: z.boolean().default(true),
  /** How many levels of the heading outline the table of contents shows. */
  tocDepth: z.number().int().min(1).max(6).default(3),
  /**
   * A table of contents with more entries than this (as deep as `tocDepth`) shows the top level, each
   * entry's sub-entries in a folded `<details>` group; `false`: always shows every level unfolded.
   */
  tocCollapse: z.union([z.number().int().min(1), z.literal(false)]).default(30),
  /** Add a visible `#` link to every heading of a note, pointing at the heading itself. */
  headingAnchors: z.boolean().default(true),
  /** An extra stylesheet (path relative to the config file's folder), copied to `html/custom.css` and linked after quire's. */
  css: z.string().trim().min(1, 'expected a path to a .css file').optional(),
  /** Full-text search: a search box on every page, and the index it reads (`search*.js`). */
  search: z.boolean().default(true),
  /** Most entries in `feed.xml` and `feed.json` (the newest dated notes; feeds are written when `site.url` is set). */
  feedLimit: z.number().int().min(1).default(20)
})

export type HtmlOptions = z.output<typeof htmlOptionsSchema>

/** Validate and complete the options; the error names the offending key. */
export function parseHtmlOptions(input: unknown): HtmlOptions {
  return parseOptions(htmlOptionsSchema, input)
}
