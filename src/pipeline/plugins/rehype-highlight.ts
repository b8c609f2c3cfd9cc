/**
 * Syntax highlighting with rehype-highlight, for fenced code that names its
 * language (guessing is slow and often wrong), in any of highlight.js's
 * ~190 languages and their aliases: only a language none of them knows is a
 * `missing-language` warning (once per build, see `engine/build.ts`). The
 * language is the one `remark-code-info.ts` read from the info string.
 * highlight.js takes ~80 ms to load (all its grammars, whichever are
 * registered; registering all costs ~20 ms more): it is loaded on the first
 * note that has such a block, so a thread or build whose notes have none
 * never pays it.
 */
import type {Root} from 'hast'
import type {VFile} from 'vfile'
import {someNode} from '../some-node.js'

type Transform = (tree: Root, file: VFile) => void

export default function rehypeQuireHighlight() {
  let highlight: Transform | undefined
  return async function (tree: Root, file: VFile): Promise<void> {
    if (!hasNamedLanguage(tree)) return
    if (!highlight) {
      const [{default: rehypeHighlight}, {all}] = await Promise.all([import('rehype-highlight'), import('lowlight')])
      // Diagrams and math are drawn, not highlighted: their code blocks stay plain when they cannot be drawn.
      highlight = rehypeHighlight({detect: false, languages: all, plainText: ['mermaid', 'math']}) as Transform
    }
    highlight(tree, file)
  }
}

/** A `pre > code` with a `lang-…` or `language-…` class: what rehype-highlight acts on when it does not guess. */
function hasNamedLanguage(tree: Root): boolean {
  return someNode(
    tree,
    (node, parent) =>
      node.type === 'element' &&
      node.tagName === 'code' &&
      parent?.type === 'element' &&
      parent.tagName === 'pre' &&
      Array.isArray(node.properties.className) &&
      node.properties.className.some((name) => typeof name === 'string' && /^lang(?:uage)?-/.test(name))
  )
}
