/** The configuration after defaults, the config file and CLI flags are merged. */
import type {PluggableList} from 'unified'
import type {BookDefinition} from './books.js'

/** The most worker threads a build may use (`workers`, `--workers`). */
export const maxWorkers = 256

/** The kinds of file `site.favicon` may name, by extension, with the media type pages announce. */
export const faviconTypes = {'.ico': 'image/x-icon', '.png': 'image/png', '.svg': 'image/svg+xml', '.webp': 'image/webp'} as const

export interface SiteConfig {
  /** Public base URL of the HTML site (`https://notes.example`): links in threads, EPUB and PDF. */
  readonly url?: string | undefined
  /** Title of the collection (site index, EPUB book default). */
  readonly title: string
  readonly description?: string | undefined
  /** Language of the index page. */
  readonly lang: string
  /** The site's icon: a path inside the content folder (POSIX separators), one of `faviconTypes`. */
  readonly favicon?: string | undefined
}

export interface MarkdownConfig {
  readonly remarkPluginsBefore: PluggableList
  readonly remarkPlugins: PluggableList
  readonly rehypePluginsBefore: PluggableList
  readonly rehypePlugins: PluggableList
  readonly trustedHtml: boolean
}

export interface ResolvedConfig {
  /** Folder paths in the config are relative to (the config file's folder, else the working directory). */
  readonly root: string
  /** The config file that was loaded, if any. */
  readonly configFile?: string | undefined
  /** Absolute content folder. */
  readonly content: string
  /** Absolute output folder. */
  readonly out: string
  /** Formats to emit, in order. */
  readonly formats: readonly string[]
  readonly site: SiteConfig
  readonly markdown: MarkdownConfig
  /** Books every format that makes books writes (`books` in the config file; `pdf.books` and `epub.books` are that format's own). */
  readonly books: readonly BookDefinition[]
  /** Third-party emitters by format name: a module specifier or an emitter object (checked when loaded). */
  readonly emitters: Readonly<Record<string, string | object>>
  /** Per-format options as written (each emitter validates its own). */
  readonly formatOptions: Readonly<Record<string, unknown>>
  /** Notes larger than this many bytes are refused. */
  readonly maxNoteBytes: number
  /** Absolute cache folder, or false when caching is off. */
  readonly cache: string | false
  /** Most worker threads a build may use (1: parse and emit in the main thread). */
  readonly workers: number
  /** Remove every file a previous build wrote before building. */
  readonly clean: boolean
  readonly quiet: boolean
}
