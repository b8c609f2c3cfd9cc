/** Footnote definitions of the whole note, in the order they are written. */
import type {Root} from 'mdast'
import {visit} from 'unist-util-visit'
import {plainText} from '../../pipeline/plain-text.js'
import type {JsonFootnote} from './shape.js'

export function footnotes(tree: Root): JsonFootnote[] {
  const found: JsonFootnote[] = []
  visit(tree, 'footnoteDefinition', (node) => {
    found.push({
      id: node.identifier,
      label: node.label ?? node.identifier,
      text: plainText(node),
      line: node.position?.start.line ?? null
    })
  })
  return found
}
