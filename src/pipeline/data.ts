/**
 * What the pipeline's plugins leave on `file.data`, typed through vfile's
 * DataMap so every plugin and `document.ts` read the same shapes.
 */
import type {Asset, Link, NoteMeta} from '../model.js'

/** Per-note facts the plugins need that the Markdown itself cannot tell. */
export interface NoteContext {
  /** Absolute, real path of the content folder: assets must stay inside it. */
  readonly contentDir: string
  /** Slug of every note of the collection, by content-relative POSIX path. */
  readonly slugs: ReadonlyMap<string, string>
  /** File name without extension: the title of last resort. */
  readonly fallbackTitle: string
}

declare module 'vfile' {
  interface DataMap {
    quire: NoteContext
    meta: NoteMeta
    assets: Asset[]
    links: Link[]
    /** Note paths the links looked up (content-relative), with the slug each resolved to, or null: what the parse depends on besides the note. */
    resolutions: Array<[string, string | null]>
    /** `line:column` of every image already checked, so raw-HTML checks skip Markdown images. */
    checkedImages: Set<string>
    /** Absolute paths of local images that were not found (inside the content folder). */
    missingAssets: string[]
  }
}

export {}
