/**
 * Gives prices back to the prose. remark-math pairs any two single dollars
 * of a paragraph, so `$5 and $10` would be math (`5 and `). quire pairs
 * them as a reader does (pandoc's rule, plus currency codes): going through
 * the dollars of a paragraph (or heading, or table cell) in order, a dollar
 * opens math when a character other than white space follows it, no letter
 * or digit comes right before it (`US$5`), and the next dollar can close
 * it: no white space before that one, no digit after it. Otherwise the dollar is
 * a dollar, and the next one is tried as an opening one, so in `I paid $5
 * for $x$` the price stays text and `$x$` is math. `$$…$$` in a line is
 * always math; `\$` is always a dollar.
 *
 * When remark-math paired differently, the note is parsed once more with
 * every dollar outside quire's pairs replaced by a character of the same
 * length that means nothing to Markdown, then put back: micromark does the
 * rest (code spans, emphasis) and every position stays right. Notes whose
 * dollars all pair as math are parsed once. Runs right after the parse,
 * before every transform.
 */
import type {Nodes, Parents, PhrasingContent, Root, Text} from 'mdast'
import type {Processor} from 'unified'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'

/** remark-math's `$…$` node (mdast-util-math adds it to mdast's phrasing content). */
type InlineMath = Extract<PhrasingContent, {type: 'inlineMath'}>

/**
 * Stand-ins for a dollar that must not pair: one UTF-16 unit each (positions
 * stay the same) and, like `$`, punctuation to micromark (emphasis next to
 * it reads the same). The first one the note does not contain is used.
 */
const standIns = ['\u2E3B', '\u2E3A', '\u2E40', '\u2E4E']

export default function remarkMathPrices(this: Processor) {
  const processor = this
  return function (tree: Root, file: VFile): void {
    const source = String(file.value)
    if (!source.includes('$') || !hasFalsePair(tree, source)) return
    const standIn = standIns.find((character) => !source.includes(character))
    if (standIn) {
      const unpaired = dollarsOutsidePairs(tree, source)
      // Offsets count UTF-16 units: replace unit by unit, not by code point.
      const units = source.split('')
      for (const offset of unpaired) units[offset] = standIn
      const reparsed = processor.parse(units.join('')) as Root
      putBack(reparsed, standIn)
      // In place: the caller holds this root (the document keeps the tree it parsed).
      tree.children = reparsed.children
    }
    // What still reads as a false pair (the second parse saw a new code span, say) is text, as written.
    revertFalsePairs(tree, source)
  }
}

const space = /\s/

function hasFalsePair(tree: Root, source: string): boolean {
  let found = false
  visit(tree, 'inlineMath', (node) => {
    if (isSingle(node, source) && !(canOpen(start(node)!, source) && canClose(end(node)! - 1, source))) found = true
  })
  return found
}

/** A `$…$` span with the positions to judge it by (a plugin's node has none: it stays math). */
function isSingle(node: InlineMath, source: string): boolean {
  const from = start(node)
  const to = end(node)
  return from !== undefined && to !== undefined && to - from >= 3 && source[from] === '$' && source[from + 1] !== '$' && source[to - 1] === '$'
}

/** Not after a letter or digit (`US$5`), not before white space. */
const canOpen = (offset: number, source: string): boolean =>
  offset + 1 < source.length && !space.test(source[offset + 1]!) && !/[\p{L}\p{N}]/u.test(source[offset - 1] ?? ' ')
const canClose = (offset: number, source: string): boolean => !space.test(source[offset - 1] ?? ' ') && !/\d/.test(source[offset + 1] ?? '')

/** Offsets of the single dollars of each paragraph, heading and table cell that quire does not pair. */
function dollarsOutsidePairs(tree: Root, source: string): number[] {
  const unpaired: number[] = []
  visit(tree, (node) => {
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return undefined
    const dollars = singleDollars(node, source)
    for (let index = 0; index < dollars.length; index++) {
      const next = dollars[index + 1]
      if (next !== undefined && canOpen(dollars[index]!, source) && canClose(next, source)) index++
      else unpaired.push(dollars[index]!)
    }
    return SKIP
  })
  return unpaired
}

/** Dollars micromark could pair in this block: in its text and as `$…$` delimiters, in order; not `\$`, not `$$`. */
function singleDollars(block: Parents, source: string): number[] {
  const found: number[] = []
  visit(block, (node) => {
    if (node.type === 'inlineMath') {
      if (isSingle(node, source)) found.push(start(node)!, end(node)! - 1)
      return SKIP
    }
    if (node.type !== 'text' || start(node) === undefined || end(node) === undefined) return undefined
    for (let offset = start(node)!; offset < end(node)!; offset++) {
      if (source[offset] === '$' && source[offset - 1] !== '$' && source[offset + 1] !== '$' && !escaped(offset, source)) found.push(offset)
    }
    return undefined
  })
  return found
}

/** An odd number of backslashes before it. */
function escaped(offset: number, source: string): boolean {
  let count = 0
  for (let at = offset - 1; at >= 0 && source[at] === '\\'; at--) count++
  return count % 2 === 1
}

const start = (node: Nodes): number | undefined => node.position?.start.offset
const end = (node: Nodes): number | undefined => node.position?.end.offset

/** The stand-in back to `$` in every string of the tree (node values and their `data` alike). */
function putBack(tree: Root, standIn: string): void {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return value.includes(standIn) ? value.split(standIn).join('$') : value
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) value[index] = walk(value[index])
    } else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>
      for (const key of Object.keys(record)) record[key] = walk(record[key])
    }
    return value
  }
  walk(tree)
}

function revertFalsePairs(tree: Root, source: string): void {
  visit(tree, 'inlineMath', (node, index, parent) => {
    if (!parent || index === undefined || !isSingle(node, source) || (canOpen(start(node)!, source) && canClose(end(node)! - 1, source))) return undefined
    return [SKIP, mergeText(parent, index, asText(node, source)) + 1]
  })
}

/** The span as the text it was written as. */
function asText(node: InlineMath, source: string): Text {
  const written = source.slice(start(node), end(node))
  // Over several lines the source holds container prefixes (`> `): the value does not.
  const value = /[\r\n]/.test(written) ? `$${node.value}$` : written
  return {type: 'text', value, position: node.position}
}

/** Put `text` at `index`, joined with text siblings on either side; returns where the joined node is. */
function mergeText(parent: Parents, index: number, text: Text): number {
  const children = parent.children as Nodes[]
  const before = children[index - 1]
  const after = children[index + 1]
  let merged = text
  if (before?.type === 'text') merged = joined(before, merged)
  if (after?.type === 'text') merged = joined(merged, after)
  const at = before?.type === 'text' ? index - 1 : index
  children.splice(at, (before?.type === 'text' ? 1 : 0) + 1 + (after?.type === 'text' ? 1 : 0), merged)
  return at
}

function joined(first: Text, second: Text): Text {
  const position = first.position && second.position ? {start: first.position.start, end: second.position.end} : undefined
  return {type: 'text', value: first.value + second.value, ...(position ? {position} : {})}
}
