/**
 * What the pipeline's plugins leave on `file.data`, typed through vfile's
 * DataMap so every plugin and `document.ts` read the same shapes.
 */
import type {Asset, Link, NoteMeta} from '../model.js'
import type {LinkTargets} from './link-targets.js'
import type {Embedding} from './plugins/remark-embeds.js'
import type {RenderedDiagram} from './plugins/rehype-mermaid.js'

/** Per-note facts the plugins need that the Markdown itself cannot tell. */
export interface NoteContext {
  /** Absolute, real path of the content folder: assets must stay inside it. */
  readonly contentDir: string
  /** The notes and other files links may point at, with their slugs. */
  readonly targets: LinkTargets
  /** File name without extension: the title of last resort. */
  readonly fallbackTitle: string
  /** Notes larger than this are refused (embedded ones too). */
  readonly maxBytes: number
  /** Set when this note is being embedded in another (the chain above it). */
  readonly embedding?: Embedding | undefined
  /** Draws mermaid diagrams (the build's renderer); without it, diagrams stay code blocks. */
  readonly renderDiagrams?: ((sources: readonly string[]) => Promise<readonly RenderedDiagram[]>) | undefined
}

declare module 'vfile' {
  interface DataMap {
    quire: NoteContext
    meta: NoteMeta
    assets: Asset[]
    links: Link[]
    /** What the links looked up (`LinkTargets` queries) and the answers they got: what the parse depends on besides the note. */
    resolutions: Array<[string, string | null]>
    /** `line:column` of every image already checked, so raw-HTML checks skip Markdown images. */
    checkedImages: Set<string>
    /** Absolute paths of local images that were not found (inside the content folder). */
    missingAssets: string[]
    /** Notes embedded (absolute paths) with the hash of their bytes: the note is parsed again when one changes. */
    embedded: Array<[string, string]>
    /** Embeds transcluded so far into this note, nested ones included. */
    embedCount: number
  }
}

export {}
