/**
 * Plain text of mdast blocks with line breaks between blocks, list items and
 * table rows (mdast-util-to-string runs them together, which glues words).
 */
import type {Nodes} from 'mdast'
import {toString} from 'mdast-util-to-string'

export function plainText(node: Nodes | readonly Nodes[]): string {
  if (Array.isArray(node)) return joinBlocks(node as readonly Nodes[], '\n')
  const one = node as Nodes
  switch (one.type) {
    case 'root':
    case 'blockquote':
    // Its title, then its content, on lines of their own.
    case 'callout':
    case 'footnoteDefinition':
    case 'list':
    case 'listItem':
      return joinBlocks(one.children as Nodes[], '\n')
    case 'table':
      return joinBlocks(one.children, '\n')
    case 'tableRow':
      return joinBlocks(one.children, '\t')
    case 'code':
      return one.value
    case 'html':
    case 'definition':
    case 'yaml':
    case 'thematicBreak':
      return ''
    default:
      return toString(one, {includeHtml: false}).trim()
  }
}

function joinBlocks(nodes: readonly Nodes[], separator: string): string {
  return nodes
    .map((child) => plainText(child))
    .filter((text) => text !== '')
    .join(separator)
}
