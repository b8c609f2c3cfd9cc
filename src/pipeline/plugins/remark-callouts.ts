/**
 * Turns block quotes that start with `[!type]` into callouts: Obsidian's
 * `> [!warning] Custom title`, foldable `> [!tip]-` (closed) and `> [!tip]+`
 * (open), nested ones, and GitHub's alerts (`> [!NOTE]`, which are the same
 * syntax without a title). The rest of the first line is the title (its
 * formatting kept); without one, the type's name is. The type is matched
 * without regard to case; one quire does not know is drawn as a note but
 * keeps its name. `\[!note]` stays a block quote.
 *
 * Our own transform rather than a library (`@r4ai/remark-callout`,
 * `remark-github-blockquote-alert`): those produce HTML-shaped nodes for one
 * site, while quire's five formats read a callout's type, title and
 * content from the mdast (JSON, threads) and draw it from one hast (HTML,
 * PDF, EPUB). See `handlers/callout.ts` for the hast.
 */
import type {Blockquote, Paragraph, PhrasingContent, Root, Text} from 'mdast'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {calloutTypeOf, defaultCalloutTitle} from '../callout-types.js'
import type {Callout, CalloutTitle} from '../dialect-nodes.js'
import {textSources, type TextSources} from '../text-source.js'

/** `[!type]`, then `+` or `-` for a foldable callout. */
const opening = /^\[!([^\]\s]+)\]([+-]?)/
/** Letters, digits, `_` and `-`: what a type name may be made of. */
const typeName = /^[\p{L}\p{N}_-]+$/u

export default function remarkCallouts() {
  return function (tree: Root, file: VFile): void {
    // Read from what is written: a note without `[!` has no callout, and its tree need not be walked.
    if (!String(file.value ?? '').includes('[!')) return
    let sources: TextSources | undefined
    visit(tree, 'blockquote', (node) => {
      const first = node.children[0]
      const text = first?.type === 'paragraph' ? first.children[0] : undefined
      if (text?.type !== 'text' || !text.value.startsWith('[!')) return
      sources ??= textSources(file)
      if (sources.of(text).escaped(0)) return
      const match = opening.exec(text.value)
      if (!match || !typeName.test(match[1]!)) return
      toCallout(node, first as Paragraph, match, sources)
    })
  }
}

/** Rewrite the block quote in place (the walk goes on into its new children: nested callouts). */
function toCallout(node: Blockquote, paragraph: Paragraph, match: RegExpExecArray, sources: TextSources): void {
  const name = match[1]!.toLowerCase()
  const fold = match[2]
  const {title, rest} = splitFirstLine(paragraph, match[0].length, sources)
  const titleNode: CalloutTitle = {
    type: 'calloutTitle',
    children: title.length > 0 ? title : [{type: 'text', value: defaultCalloutTitle(name)}]
  }
  // The title line: from the marker to the end of the written title (or of the marker).
  const start = paragraph.position?.start
  const end = title.at(-1)?.position?.end ?? sources.of(paragraph.children[0] as Text).slice(0, match[0].length).position?.end
  if (start && end) titleNode.position = {start, end}
  const content = node.children.slice(1)
  if (rest.length > 0) {
    const more: Paragraph = {type: 'paragraph', children: rest}
    const restStart = rest[0]!.position?.start
    if (restStart && paragraph.position) more.position = {start: restStart, end: paragraph.position.end}
    content.unshift(more)
  }
  const callout = node as unknown as Callout
  callout.type = 'callout'
  callout.calloutType = calloutTypeOf(name)
  callout.name = name
  callout.foldable = fold !== ''
  callout.open = fold !== '-'
  callout.children = [titleNode, ...content]
}

/**
 * The first paragraph's first line without the marker (the title, trimmed)
 * and what follows its line ending (the start of the content).
 */
function splitFirstLine(paragraph: Paragraph, markerLength: number, sources: TextSources): {title: PhrasingContent[]; rest: PhrasingContent[]} {
  const title: PhrasingContent[] = []
  const rest: PhrasingContent[] = []
  let inTitle = true
  paragraph.children.forEach((child, index) => {
    if (!inTitle) {
      rest.push(child)
      return
    }
    if (child.type === 'break') {
      inTitle = false
      return
    }
    if (child.type !== 'text') {
      title.push(child)
      return
    }
    const from = index === 0 ? markerLength : 0
    const newline = child.value.indexOf('\n', from)
    const source = sources.of(child)
    if (newline === -1) {
      if (from < child.value.length) title.push(from === 0 ? child : source.slice(from))
      return
    }
    if (newline > from) title.push(source.slice(from, newline))
    if (newline + 1 < child.value.length) rest.push(source.slice(newline + 1))
    inTitle = false
  })
  return {title: trimmed(title, sources), rest: trimmed(rest, sources)}
}

/** Without white space at the start of the first text and the end of the last (empty texts dropped). */
function trimmed(nodes: PhrasingContent[], sources: TextSources): PhrasingContent[] {
  const out = [...nodes]
  const first = out[0]
  if (first?.type === 'text') out[0] = trimText(first, sources, 'start')
  const last = out[out.length - 1]
  if (last?.type === 'text') out[out.length - 1] = trimText(last as Text, sources, 'end')
  return out.filter((node) => node.type !== 'text' || node.value !== '')
}

function trimText(node: Text, sources: TextSources, side: 'start' | 'end'): Text {
  const value = node.value
  const start = side === 'start' ? value.length - value.trimStart().length : 0
  const end = side === 'end' ? value.trimEnd().length : value.length
  return start === 0 && end === value.length ? node : sources.of(node).slice(start, end)
}
