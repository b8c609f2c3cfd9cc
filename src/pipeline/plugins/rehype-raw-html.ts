/**
 * Parses raw HTML into the hast (rehype-raw), but only for notes that have
 * some: the parse5 round trip costs a few percent of a note's build, and
 * most notes have no raw HTML. A note without it gets the one change the round
 * trip would have made, so both paths write the same bytes: attributes that
 * are not boolean in HTML (`data-footnotes`) hold `""` instead of `true`.
 * rehype-raw itself is only loaded for the first note that needs it. For
 * untrusted notes GFM's tag filter runs on the raw HTML first.
 */
import type {Root} from 'hast'
import {find, html} from 'property-information'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {someNode} from '../some-node.js'
import {filterTags} from '../tag-filter.js'

export interface RawHtmlOptions {
  /** Always run the parse5 round trip (tests compare both paths). */
  readonly always?: boolean | undefined
  /** Apply GFM's tag filter (`tag-filter.ts`) to the raw HTML first: for untrusted notes. */
  readonly tagFilter?: boolean | undefined
}

export default function rehypeRawHtml(options?: Readonly<RawHtmlOptions> | null) {
  let parseRaw: ((tree: Root, file: VFile) => Root) | undefined
  return async function (tree: Root, file: VFile): Promise<Root> {
    if (options?.always || someNode(tree, (node) => node.type === 'raw')) {
      if (options?.tagFilter) filterTags(tree)
      // parse5 loads on the first note with raw HTML (~35 ms).
      parseRaw ??= (await import('rehype-raw')).default()
      return parseRaw(tree, file)
    }
    asIfParsed(tree)
    return tree
  }
}

function asIfParsed(tree: Root): void {
  visit(tree, 'element', (node) => {
    for (const [key, value] of Object.entries(node.properties)) {
      if (value !== true) continue
      const info = find(html, key)
      if (!info.boolean && !info.overloadedBoolean) node.properties[key] = ''
    }
  })
}
