/**
 * Syntax highlighting with rehype-highlight, for fenced code that names its
 * language (guessing is slow and often wrong). highlight.js and its common
 * languages take ~80 ms to load: they are loaded on the first note that has
 * such a block, so a thread or build whose notes have none never pays it.
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
      const {default: rehypeHighlight} = await import('rehype-highlight')
      // Diagrams and math are drawn, not highlighted: their code blocks stay plain when they cannot be drawn.
      highlight = rehypeHighlight({detect: false, plainText: ['mermaid', 'math']}) as Transform
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
