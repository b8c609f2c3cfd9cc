/**
 * The mdast nodes quire's Markdown dialect adds (Obsidian and GitHub blocks),
 * registered in mdast's content maps so every walker of the tree, ours and
 * users' plugins, sees them typed. Their hast is made by `handlers/`.
 */
import type {BlockContent, Data, DefinitionContent, Literal, Parent, PhrasingContent} from 'mdast'
import type {CalloutType} from './callout-types.js'

/** `> [!warning] Title` (Obsidian) or `> [!WARNING]` (GitHub): a block quote turned into a titled box. */
export interface Callout extends Parent {
  type: 'callout'
  /** The built-in type it is drawn as: `warning` for `caution`, `note` for a type quire does not know. */
  calloutType: CalloutType
  /** The type as written, lower-cased: `caution`, `faq`, `my-type`. */
  name: string
  /** Written with `-` or `+` after the type: the reader can fold it. */
  foldable: boolean
  /** Shown unfolded: always, unless written with `-`. */
  open: boolean
  /** The title first (the written one, else the type's name), then the content. */
  children: [CalloutTitle, ...Array<BlockContent | DefinitionContent>]
  data?: Data | undefined
}

/** The title line of a callout. */
export interface CalloutTitle extends Parent {
  type: 'calloutTitle'
  children: PhrasingContent[]
  data?: Data | undefined
}

/** `==text==`: highlighted text. */
export interface Highlight extends Parent {
  type: 'highlight'
  children: PhrasingContent[]
  data?: Data | undefined
}

/** `#tag` or `#nested/tag` in the text of a note. */
export interface Tag extends Literal {
  type: 'tag'
  /** As written, with its `#`: what plain text shows. */
  value: string
  /** Without the `#`: `nested/tag`. */
  name: string
  data?: Data | undefined
}

declare module 'mdast' {
  interface BlockContentMap {
    callout: Callout
  }
  interface PhrasingContentMap {
    highlight: Highlight
    tag: Tag
  }
  interface RootContentMap {
    callout: Callout
    calloutTitle: CalloutTitle
    highlight: Highlight
    tag: Tag
  }
}
