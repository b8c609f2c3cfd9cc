/**
 * The sentence a link is written in, as plain text: what a "Linked from"
 * list shows under the linking note's title, so a reader sees why it links
 * here. The block around the link (a paragraph, a heading, a table row) is
 * split into sentences (`Intl.Segmenter`, so `。` ends a Chinese sentence
 * too) and the sentences the link touches are kept, cut to `maxLength`
 * around the link.
 */
import type {Nodes, Parents} from 'mdast'

export const maxLength = 240

// A table row, not its cell: one cell alone (`vectors`) says too little.
const blockTypes = new Set(['paragraph', 'heading', 'tableRow'])

/** Text of inline content, as a reader sees it (images by their alt, code as written). */
function inlineText(node: Nodes, target: Nodes, found: {start?: number; end?: number}, out: string[]): void {
  const before = out.join('').length
  // A line break inside a paragraph is no end of sentence (the segmenter would take it for one).
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'inlineMath') out.push(node.value.replace(/[\r\n]/g, ' '))
  else if (node.type === 'image' || node.type === 'imageReference') out.push(node.alt ?? '')
  else if (node.type === 'break') out.push(' ')
  else if ((node as {type: string}).type === 'quireEmbed') out.push((node as unknown as {written: string}).written)
  else if (node.type === 'tableRow') {
    node.children.forEach((cell, index) => {
      if (index > 0) out.push(' | ')
      inlineText(cell, target, found, out)
    })
  } else if ('children' in node) for (const child of node.children) inlineText(child as Nodes, target, found, out)
  if (node === target) {
    found.start = before
    found.end = out.join('').length
  }
}

const segmenters = new Map<string, Intl.Segmenter>()

function sentences(lang: string | undefined): Intl.Segmenter {
  const key = lang ?? ''
  let segmenter = segmenters.get(key)
  if (!segmenter) {
    segmenter = new Intl.Segmenter(lang, {granularity: 'sentence'})
    segmenters.set(key, segmenter)
  }
  return segmenter
}

/**
 * The context of `node` (a link or an embed), given its ancestors (nearest
 * last, as `unist-util-visit-parents` gives them); undefined outside a block
 * of text.
 */
export function linkContext(node: Nodes, ancestors: readonly Parents[], lang?: string): string | undefined {
  const block = [...ancestors].reverse().find((ancestor) => blockTypes.has(ancestor.type))
  if (!block) return undefined
  const out: string[] = []
  const found: {start?: number; end?: number} = {}
  inlineText(block as Nodes, node, found, out)
  const text = out.join('')
  if (found.start === undefined || found.end === undefined) return undefined
  let start = 0
  let end = text.length
  for (const segment of sentences(lang).segment(text)) {
    const segmentEnd = segment.index + segment.segment.length
    if (segmentEnd <= found.start) start = segmentEnd
    else if (segment.index >= found.end) {
      end = segment.index
      break
    }
  }
  return shorten(text, start, end, found.start, found.end)
}

/** `text[start, end)` with whitespace collapsed, cut to `maxLength` around the link at `[linkStart, linkEnd)`. */
function shorten(text: string, start: number, end: number, linkStart: number, linkEnd: number): string {
  if (end - start > maxLength) {
    // Keep the link, and as much on each side as fits, cut at spaces where there are any.
    const room = Math.max(0, maxLength - (linkEnd - linkStart))
    let from = Math.max(start, linkStart - Math.floor(room / 2))
    let to = Math.min(end, linkEnd + (room - (linkStart - from)))
    from = Math.max(start, to - maxLength)
    if (from > start) {
      const space = text.indexOf(' ', from)
      if (space !== -1 && space < linkStart) from = space + 1
    }
    if (to < end) {
      const space = text.lastIndexOf(' ', to)
      if (space > linkEnd) to = space
    }
    return `${from > start ? '…' : ''}${collapse(text.slice(from, to))}${to < end ? '…' : ''}`
  }
  return collapse(text.slice(start, end))
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim()
