/**
 * The math of one section, in document order: display math (`$$…$$`,
 * ```` ```math ````) and math in a line (`$…$`, in paragraphs, lists,
 * tables and quotes), each as its TeX source. Math in the heading is in
 * the section's `title`; math in footnote definitions belongs to the note's
 * `footnotes`, like their text.
 */
import type {RootContent} from 'mdast'
import {SKIP, visit} from 'unist-util-visit'
import type {JsonMath} from './shape.js'

export function sectionMath(content: readonly RootContent[]): JsonMath[] {
  const found: JsonMath[] = []
  for (const block of content) {
    visit(block, (node) => {
      if (node.type === 'footnoteDefinition') return SKIP
      if (node.type !== 'math' && node.type !== 'inlineMath') return undefined
      found.push({display: node.type === 'math', tex: node.value, line: node.position?.start.line ?? null, column: node.position?.start.column ?? null})
      return SKIP
    })
  }
  return found
}
