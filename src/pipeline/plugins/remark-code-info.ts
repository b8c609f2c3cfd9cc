/**
 * Gives every fenced code block its language as the tool that wrote the
 * note meant it (`code-info.ts`): ```` ```rust,ignore ````,
 * ```` ```{.python .numberLines} ```` and ```` ```js title="x.js" ```` are
 * `rust`, `python` and `js`. micromark splits the info string at the first
 * white space only, so without this the language would be `rust,ignore` or
 * `{.python`, which no highlighter knows and no `math` or `mermaid` test
 * matches. `meta` keeps the rest as written; a `title="…"` attribute is
 * also `data.title` (the caption formats show).
 *
 * Part of the syntax: it runs right after the parse, so every later step
 * (math fences, diagrams, highlighting, JSON, threads, user plugins) reads
 * the one normalised language.
 */
import type {Root} from 'mdast'
import {visit} from 'unist-util-visit'
import {parseCodeInfo} from '../code-info.js'

declare module 'mdast' {
  interface CodeData {
    /** A `title="…"` attribute of the info string (`js title="x.js"`): shown as the block's caption. */
    title?: string | undefined
  }
}

export default function remarkCodeInfo() {
  return function (tree: Root): void {
    visit(tree, 'code', (node) => {
      if (!node.lang) return
      const info = parseCodeInfo(node.meta ? `${node.lang} ${node.meta}` : node.lang)
      node.lang = info.lang ?? null
      node.meta = info.meta ?? null
      if (info.title !== undefined) node.data = {...node.data, title: info.title}
    })
  }
}
