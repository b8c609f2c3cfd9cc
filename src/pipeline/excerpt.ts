/**
 * A short plain-text summary for listings and metadata when front matter has
 * no `description`: the first paragraph of the body (else its first text),
 * cut at a word boundary.
 */
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {plainText} from './plain-text.js'

export const excerptLength = 160

export function excerpt(tree: Root, limit = excerptLength): string {
  const paragraph = tree.children.find((node) => node.type === 'paragraph' && toString(node).trim() !== '')
  const text = collapse(paragraph ? toString(paragraph) : plainText(tree.children.filter((node) => node.type !== 'heading')))
  if (text.length <= limit) return text
  const cut = text.slice(0, limit - 1)
  const space = cut.lastIndexOf(' ')
  return (space > limit / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '') + '…'
}

/** Runs of white space as one space, trimmed. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
