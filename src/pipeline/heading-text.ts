/**
 * A heading as text, for every place that is only text: contents, PDF
 * bookmarks, EPUB navigation, the title lifted from a heading, posts, JSON.
 * What the reader sees, never the markup: math as it reads (`§1`, else its
 * TeX), raw HTML left out (`H<sub>2</sub>O` reads `H2O`), images as their
 * alt text, footnote marks dropped.
 */
import type {Nodes} from 'mdast'
import {mathAsText} from './math-text.js'

export function headingText(node: Nodes): string {
  return textOf(node).replace(/\s+/g, ' ').trim()
}

function textOf(node: Nodes): string {
  switch (node.type) {
    case 'inlineMath':
      return mathAsText(node.value)
    case 'html':
    case 'footnoteReference':
      return ''
    case 'break':
      return ' '
    case 'image':
    case 'imageReference':
      return node.alt ?? ''
    case 'text':
    case 'inlineCode':
      return node.value
    default:
      return 'children' in node ? node.children.map((child) => textOf(child as Nodes)).join('') : ''
  }
}
