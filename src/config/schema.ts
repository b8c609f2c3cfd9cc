/**
 * The config file's shape. Unknown keys are errors (a typo must not be
 * ignored silently); each format's own options are checked by that format.
 */
import {z} from 'zod'
import {booksSchema} from './books.js'
import {faviconTypes, maxWorkers} from './types.js'

const pluginModule = z.union([
  z.string().min(1),
  z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', 'expected a plugin function or module name')
])
const pluginEntry = z.union([pluginModule, z.tuple([pluginModule]).rest(z.unknown())])
const pluginList = z.array(pluginEntry)

const faviconExtensions = Object.keys(faviconTypes)
const favicon = z
  .string({error: 'expected a path to a .ico, .png, .svg or .webp file inside the content folder'})
  .trim()
  .min(1, 'expected a path to a .ico, .png, .svg or .webp file inside the content folder')
  .refine((value) => !/^[a-z][a-z0-9+.-]*:/i.test(value) || /^[a-z]:[\\/]/i.test(value), {error: (issue) => `expected a path inside the content folder, not a URL: ${JSON.stringify(issue.input)}`})
  .refine((value) => faviconExtensions.includes(extension(value)), {error: (issue) => `expected a .ico, .png, .svg or .webp file, got ${JSON.stringify(issue.input)}`})

function extension(file: string): string {
  return /\.[^./\\]+$/.exec(file)?.[0].toLowerCase() ?? ''
}

export const configSchema = z.strictObject({
  content: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  formats: z.array(z.string().min(1)).min(1).optional(),
  site: z
    .strictObject({
      url: z.url({protocol: /^https?$/}).optional(),
      title: z.string().min(1).optional(),
      description: z.string().optional(),
      lang: z.string().min(1).optional(),
      /** The site's icon, a path inside the content folder. */
      favicon: favicon.optional()
    })
    .optional(),
  markdown: z
    .strictObject({
      remarkPluginsBefore: pluginList.optional(),
      remarkPlugins: pluginList.optional(),
      rehypePluginsBefore: pluginList.optional(),
      rehypePlugins: pluginList.optional(),
      trustedHtml: z.boolean().optional()
    })
    .optional(),
  /** Books for every format that makes them (pdf, epub): see books.ts. */
  books: booksSchema.optional(),
  emitters: z
    .record(
      z.string().regex(/^[a-z][a-z0-9-]*$/, 'format names are lower-case letters, digits and dashes'),
      z.union([z.string().min(1), z.custom<object>((value) => typeof value === 'object' && value !== null, 'expected a module name or an emitter object')])
    )
    .optional(),
  maxNoteBytes: z.number().int().positive().optional(),
  /** Cache folder for incremental builds (default `.quire-cache`), or false to disable. */
  cache: z.union([z.literal(false), z.string().min(1)]).optional(),
  /** Worker threads for html, json and thread (default: the number of cores; 1 = main thread only). */
  workers: z.number().int().min(1).max(maxWorkers).optional()
})

export type ConfigFile = z.input<typeof configSchema>

/** Format a zod issue path as a dotted key: `site.url`, `markdown.remarkPlugins[0]`. */
export function keyPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '')
}
