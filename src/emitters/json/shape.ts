/**
 * The shape of what the `json` format writes, as TypeScript types. The JSON
 * Schemas in `schema/` describe the same shapes for other languages; a test
 * validates every output against them. Absent values are `null`, never
 * missing keys, so every document has the same keys in the same order.
 */
import type {Root as MdastRoot} from 'mdast'
import type {CalloutType} from '../../pipeline/callout-types.js'

/** Bump the minor for added keys, the major for anything that breaks a reader. */
export const schemaVersion = '1.3.0'

/** A JSON value (front matter `extra` is converted to this). */
export type JsonValue = null | boolean | number | string | JsonValue[] | {[key: string]: JsonValue}

export interface JsonMeta {
  title: string
  titleSource: 'front-matter' | 'heading' | 'file-name'
  subtitle: string | null
  authors: string[]
  date: string | null
  lang: string
  tags: string[]
  description: string | null
  cover: string | null
  order: number | null
  extra: {[key: string]: JsonValue}
}

export interface JsonHeading {
  id: string
  depth: number
  text: string
  line: number | null
  children: JsonHeading[]
}

export interface JsonListItem {
  /** Plain text of the item without its nested lists. */
  text: string
  /** `true`/`false` for task items (`- [x]`, `- [ ]`), `null` otherwise. */
  checked: boolean | null
  /** Lists nested in this item, in order. */
  lists: JsonList[]
}

export interface JsonList {
  ordered: boolean
  /** Number of the first item of an ordered list; `null` for bullet lists. */
  start: number | null
  /** Loose list (blank lines between items). */
  spread: boolean
  line: number | null
  items: JsonListItem[]
}

export interface JsonCodeBlock {
  /** The language: the info string's first word before a comma, space or brace (`rust` for `rust,ignore`), or pandoc's first class (`python` for `{.python}`); `null` when none. */
  lang: string | null
  /** The rest of the info string as written (`ignore`, `title="x.js"`, `{.numberLines}`), `null` when none. */
  meta: string | null
  /** A `title="…"` attribute of the info string (`x.js`), `null` when none (since 1.3.0). */
  title: string | null
  value: string
  line: number | null
}

export interface JsonTable {
  /** One entry per column: `left`, `center`, `right` or `null`. */
  align: Array<'left' | 'center' | 'right' | null>
  /** The header row's cells as plain text. */
  header: string[]
  /** Body rows, each a list of cells as plain text. */
  rows: string[][]
  line: number | null
}

/** A callout (`> [!warning] Title`) or GitHub alert (`> [!WARNING]`), with its content as a section's. */
export interface JsonCallout {
  /** The built-in type it is drawn as (`warning` for `caution`; `note` for a type quire does not know). */
  type: CalloutType
  /** The type as written, lower-cased (`caution`, `faq`, `my-type`). */
  name: string
  /** The title as plain text: the written one, else the name capitalised. */
  title: string
  /** Written `[!type]-` or `[!type]+`: the reader can fold it. */
  foldable: boolean
  /** Shown unfolded: `false` only for `[!type]-`. */
  open: boolean
  line: number | null
  /** Plain text of the content (the title excluded). */
  text: string
  paragraphs: string[]
  lists: JsonList[]
  codeBlocks: JsonCodeBlock[]
  tables: JsonTable[]
  /** Callouts nested in this one. */
  callouts: JsonCallout[]
}

export interface JsonMath {
  /** `true` for display math (`$$…$$` on its own lines, ```` ```math ````), `false` for math in a line (`$…$`). */
  display: boolean
  /** The TeX source, without its delimiters. */
  tex: string
  line: number | null
  column: number | null
}

export interface JsonSection {
  /** Heading id; `null` for the preamble. */
  id: string | null
  /** Heading depth; 0 for the preamble. */
  depth: number
  /** Heading text; the note title for the preamble. */
  title: string
  line: number | null
  /** Plain text of the section's own content (sub-sections excluded). */
  text: string
  paragraphs: string[]
  lists: JsonList[]
  codeBlocks: JsonCodeBlock[]
  tables: JsonTable[]
  /** The section's callouts (nested ones are in their callout); their content is in the keys above too. */
  callouts: JsonCallout[]
  /** Every math expression of the section's own content, in order (since 1.2.0). */
  math: JsonMath[]
  children: JsonSection[]
}

export interface JsonLink {
  url: string
  text: string
  kind: 'note' | 'internal' | 'external'
  /** Slug of the linked note, for `note` links. */
  target: string | null
  /** Title of the linked note, for `note` links to a note that built. */
  targetTitle: string | null
  fragment: string | null
  line: number | null
  column: number | null
}

export interface JsonAsset {
  url: string
  role: 'image' | 'cover' | 'attachment'
  remote: boolean
  /** Content-relative POSIX path of a local asset; never an absolute path. */
  relativePath: string | null
  mediaType: string | null
  line: number | null
  column: number | null
}

export interface JsonFootnote {
  /** Normalized identifier (what `[^x]` references match on). */
  id: string
  label: string
  text: string
  line: number | null
}

export interface JsonStats {
  words: number
  readingMinutes: number
  headings: number
  codeBlocks: number
  images: number
  links: number
  /** Math expressions, valid TeX or not (since 1.2.0). */
  math: number
}

export interface JsonDocument {
  schemaVersion: string
  slug: string
  /** Content-relative POSIX path of the note. */
  source: string
  /** Hex SHA-256 of the source bytes. */
  sha256: string
  meta: JsonMeta
  headings: JsonHeading[]
  sections: JsonSection[]
  footnotes: JsonFootnote[]
  links: JsonLink[]
  assets: JsonAsset[]
  stats: JsonStats
  /** Only with the `includeMdast` option. */
  mdast?: MdastRoot
}

export interface JsonIndexEntry {
  slug: string
  source: string
  title: string
  subtitle: string | null
  date: string | null
  description: string | null
  authors: string[]
  lang: string
  tags: string[]
  words: number
  readingMinutes: number
  /** Where the HTML format writes the note, relative to the output folder. */
  html: string
  /** The note's public page (`site.url` + `/<slug>.html`), when `site.url` is set. */
  url: string | null
  /** Where this format wrote the note, relative to the output folder. */
  json: string
}

export interface JsonIndex {
  schemaVersion: string
  site: {
    title: string
    url: string | null
    description: string | null
    lang: string
  }
  notes: JsonIndexEntry[]
}
