/**
 * The document model: what one parse of one note produces, handed read-only
 * to every emitter. Emitters never re-parse Markdown; they read these trees.
 */
import type {Root as MdastRoot, RootContent as MdastContent} from 'mdast'
import type {Root as HastRoot} from 'hast'
import type {VFileMessage} from 'vfile-message'

/** Front matter after validation, with title and language always known. */
export interface NoteMeta {
  /** From front matter `title`, else the first `#` heading, else the file name. */
  readonly title: string
  /** Where the title came from; `heading` means that heading was lifted out of the body. */
  readonly titleSource: 'front-matter' | 'heading' | 'file-name'
  readonly subtitle?: string | undefined
  /** Authors in the order written (front matter `author`: a string or a list). */
  readonly authors: readonly string[]
  /** ISO 8601 date (`YYYY-MM-DD` or a full timestamp) exactly as validated. */
  readonly date?: string | undefined
  /** BCP 47 language tag, `en` unless front matter says otherwise. */
  readonly lang: string
  readonly tags: readonly string[]
  readonly description?: string | undefined
  /** Cover image path as written in front matter; resolved in `assets` (role `cover`). */
  readonly cover?: string | undefined
  /** Front matter `order`: the note's place among its folder's notes (lower first), before date and title. */
  readonly order?: number | undefined
  /** Every front matter key quire does not know, kept as parsed. */
  readonly extra: Readonly<Record<string, unknown>>
}

/** A heading of the note body, nested under the nearest shallower heading. */
export interface Heading {
  /** The `id` the heading carries in the hast (github-slugger, unique per note). */
  readonly id: string
  readonly depth: 1 | 2 | 3 | 4 | 5 | 6
  /** Plain text of the heading, as a reader sees it. */
  readonly text: string
  readonly line?: number | undefined
  readonly children: readonly Heading[]
}

/**
 * A section: a heading and everything up to the next heading of the same or
 * lower depth. The top level of `QuireDocument.sections` is split at the
 * shallowest heading depth of the body; whatever precedes the first such
 * heading is the preamble (`heading` undefined, depth 0).
 */
export interface Section {
  readonly heading?: Heading | undefined
  /** Heading depth; 0 for the preamble. */
  readonly depth: number
  /** The heading id; undefined for the preamble. */
  readonly id?: string | undefined
  /** Heading text; the note title for the preamble. */
  readonly title: string
  /** The section's own block nodes, heading excluded, sub-sections excluded. */
  readonly content: readonly MdastContent[]
  /** Plain text of `content`. */
  readonly text: string
  readonly children: readonly Section[]
}

/** A local or remote file the note refers to (images, the cover, other files a wikilink names). */
export interface Asset {
  /** The URL as written in the note. */
  readonly url: string
  /** `attachment`: a file linked or embedded with a wikilink that is neither an image nor a note (a PDF). */
  readonly role: 'image' | 'cover' | 'attachment'
  /** True for http(s) and protocol-relative URLs: never fetched unless an emitter is told to. */
  readonly remote: boolean
  /** Absolute path inside the content folder, for local assets that exist and are allowed. */
  readonly path?: string | undefined
  /** Path relative to the content folder (POSIX separators), when `path` is set. */
  readonly relativePath?: string | undefined
  /** Media type guessed from the extension (`image/png`), when known. */
  readonly mediaType?: string | undefined
  readonly line?: number | undefined
  readonly column?: number | undefined
}

/** A link in the note body. */
export interface Link {
  /** The URL as written. */
  readonly url: string
  /** Link text. */
  readonly text: string
  /**
   * `note`: to another note of the collection (`other.md#x`), `internal`: a
   * fragment of this note, `external`: anything else.
   */
  readonly kind: 'note' | 'internal' | 'external'
  /** For `note` links: the target note's slug. */
  readonly target?: string | undefined
  /** Fragment without `#`, if any. */
  readonly fragment?: string | undefined
  readonly line?: number | undefined
  readonly column?: number | undefined
  /** For `note` links: the sentence the link is written in, as plain text (at most 240 characters). */
  readonly context?: string | undefined
  /** For `note` links: the note is embedded (`![[Note]]`), not linked. */
  readonly embed?: true | undefined
}

export interface NoteStats {
  readonly words: number
  /** Minutes at 200 words a minute, at least 1 for a non-empty note. */
  readonly readingMinutes: number
  readonly headings: number
  readonly codeBlocks: number
  readonly images: number
  readonly links: number
  /** Math expressions (`$…$`, `$$…$$`, ```` ```math ````), valid or not: pages need KaTeX's stylesheet when above 0. */
  readonly math: number
}

/** One note, parsed and transformed once; read-only for emitters (deep-frozen). */
export interface QuireDocument {
  /** Absolute path of the source file. */
  readonly path: string
  /** Path relative to the content folder, POSIX separators (`talks/a.md`). */
  readonly relativePath: string
  /** Output base name, safe for any file system: `nodeconfeu-2022`. */
  readonly slug: string
  readonly meta: NoteMeta
  readonly mdast: MdastRoot
  /** Sanitized, highlighted hast; note links point at `<slug>.html#fragment`. */
  readonly hast: HastRoot
  /** Heading tree of the body (the lifted title heading is not in it). */
  readonly headings: readonly Heading[]
  readonly sections: readonly Section[]
  readonly assets: readonly Asset[]
  readonly links: readonly Link[]
  readonly stats: NoteStats
  /**
   * `meta.description`, else the first paragraph of the body (plain text, at
   * most ~160 characters): for listings, meta tags and EPUB metadata.
   */
  readonly summary: string
  /** Messages from reading and transforming this note. */
  readonly messages: readonly VFileMessage[]
  /** Hex SHA-256 of the source bytes, for caches and stable identifiers. */
  readonly hash: string
}

/**
 * A section of a note as plain text, without its sub-sections: what site
 * search indexes. `QuireDocument.sections` flattened in document order.
 */
export interface SectionText {
  /** The heading id; undefined for the preamble (the text before the first heading), which is the page top. */
  readonly id?: string | undefined
  /** Heading text; the note title for the preamble. */
  readonly heading: string
  /** Heading depth; 0 for the preamble. */
  readonly depth: number
  /** Plain text of the section's own blocks (heading and sub-sections excluded), white space collapsed. */
  readonly text: string
}

/**
 * What a collection step and the note graph know of a note without its
 * trees: plain data, small enough to keep for every note of a large build
 * and to store in the build cache.
 */
export interface NoteSummary {
  /** Path relative to the content folder, POSIX separators. */
  readonly relativePath: string
  readonly slug: string
  readonly meta: NoteMeta
  readonly headings: readonly Heading[]
  readonly links: readonly Link[]
  readonly assets: readonly Asset[]
  readonly stats: NoteStats
  /** As `QuireDocument.summary`. */
  readonly summary: string
  /** Every element id of the note's hast: what a `#fragment` may point at. */
  readonly anchors: readonly string[]
  /** Each section's own text, in document order (for site search). */
  readonly sectionTexts: readonly SectionText[]
  readonly hash: string
}

/** A note as other notes see it in the graph. */
export interface GraphNote {
  readonly relativePath: string
  readonly slug: string
  readonly title: string
  readonly subtitle?: string | undefined
  readonly date?: string | undefined
  /** Front matter `order`. */
  readonly order?: number | undefined
  readonly lang: string
  readonly tags: readonly string[]
}

/** The notes before and after one in site order (`NoteGraph.neighbours`). */
export interface Neighbours {
  readonly previous?: GraphNote | undefined
  readonly next?: GraphNote | undefined
}

/** A link from one note to another, where it was written. */
export interface NoteLink {
  /** The linking note (content-relative path). */
  readonly from: string
  /** The linked note (content-relative path). */
  readonly to: string
  /** The `#fragment`, decoded, if any. */
  readonly fragment?: string | undefined
  /** The link text. */
  readonly text: string
  readonly line?: number | undefined
  readonly column?: number | undefined
  /** The sentence the link is written in, as plain text. */
  readonly context?: string | undefined
  /** The linking note embeds this one (`![[Note]]`). */
  readonly embed?: true | undefined
}

/**
 * The notes of a build and the links between them. `ref` is a note's
 * content-relative path or its slug. In a note step every answer is
 * recorded: the note is written again when an answer changes.
 */
export interface NoteGraph {
  /** Every note that parsed, in collection order (newest first, then by title). */
  notes(): readonly GraphNote[]
  note(ref: string): GraphNote | undefined
  /** Whether the note has an element with this id (a heading, a footnote). */
  hasAnchor(ref: string, id: string): boolean
  /** Links from the note to other notes of the build, in the order written. */
  linksFrom(ref: string): readonly NoteLink[]
  /** Links from other notes to this one (backlinks), by linking note then place. */
  linksTo(ref: string): readonly NoteLink[]
  /**
   * Every note in site order: grouped by folder (top-level notes first, then
   * folders by name, depth first), then front matter `order`, date (oldest
   * first) and title. A step that reads it is run again whenever any note
   * is added, removed or retitled: prefer `neighbours`.
   */
  inSiteOrder(): readonly GraphNote[]
  /** The notes just before and after this one in site order. */
  neighbours(ref: string): Neighbours
}
