/**
 * `==text==` → a `highlight` node (`<mark>` in hast), with whatever
 * formatting is inside kept (`==a *b* c==`). As `~~` in GFM, a `==` opens
 * before text and closes after it (next to punctuation, as GFM decides);
 * both ends sit in the same paragraph, heading, emphasis or link.
 * `a == b`, `===`, `\==` and `==` in code stay as written. An autolink's
 * own text (a URL) is never looked into.
 */
import type {Nodes, Parent, PhrasingContent, Root, Text} from 'mdast'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import type {Highlight} from '../dialect-nodes.js'
import {textSources, type TextSources} from '../text-source.js'

const run = /=+/g

export default function remarkHighlights() {
  return function (tree: Root, file: VFile): void {
    // Read from what is written: a note without `==` has no highlight, and its tree need not be walked.
    if (!String(file.value ?? '').includes('==')) return
    let sources: TextSources | undefined
    visit(tree, (node) => {
      if (!('children' in node)) return undefined
      if (node.type === 'link' && isAutolink(node)) return SKIP
      if (!node.children.some((child) => child.type === 'text' && child.value.includes('=='))) return undefined
      sources ??= textSources(file)
      const children = highlighted(node.children as PhrasingContent[], sources)
      if (children) (node as Parent).children = children
      return undefined
    })
  }
}

interface Marker {
  /** Index of the text node among the children. */
  readonly child: number
  /** Index of the `==` in its value. */
  readonly index: number
  readonly open: boolean
  readonly close: boolean
}

/** The children with each pair of markers made a highlight; undefined when nothing pairs. */
function highlighted(children: readonly PhrasingContent[], sources: TextSources): PhrasingContent[] | undefined {
  const pairs = pairUp(markers(children, sources))
  if (pairs.size === 0) return undefined
  // Frames: the children being collected, innermost last; an opening marker starts a highlight.
  const frames: Array<{nodes: PhrasingContent[]; start?: Marker}> = [{nodes: []}]
  const top = () => frames[frames.length - 1]!
  children.forEach((child, childIndex) => {
    const here = pairs.get(childIndex)
    if (child.type !== 'text' || !here) {
      top().nodes.push(child)
      return
    }
    const source = sources.of(child)
    let from = 0
    for (const marker of here) {
      if (marker.index > from) top().nodes.push(source.slice(from, marker.index))
      from = marker.index + 2
      if (marker.open) {
        frames.push({nodes: [], start: marker})
        continue
      }
      const frame = frames.pop()!
      const node: Highlight = {type: 'highlight', children: frame.nodes}
      const start = frame.start && startOf(children, frame.start, sources)
      const end = source.slice(marker.index, from).position?.end
      if (start && end) node.position = {start, end}
      top().nodes.push(node)
    }
    if (from < child.value.length) top().nodes.push(source.slice(from))
  })
  return frames[0]!.nodes
}

function startOf(children: readonly PhrasingContent[], marker: Marker, sources: TextSources) {
  return sources.of(children[marker.child] as Text).slice(marker.index, marker.index + 2).position?.start
}

/** Every `==` of the text children (exactly two, not escaped), with whether it can open or close. */
function markers(children: readonly PhrasingContent[], sources: TextSources): Marker[] {
  const found: Marker[] = []
  children.forEach((child, childIndex) => {
    if (child.type !== 'text') return
    for (const match of child.value.matchAll(run)) {
      const index = match.index
      if (match[0].length !== 2) continue
      const source = sources.of(child)
      if (source.escaped(index) || source.escaped(index + 1)) continue
      const before = kind(index > 0 ? child.value[index - 1] : edge(children[childIndex - 1], 'end'))
      const after = kind(index + 2 < child.value.length ? child.value[index + 2] : edge(children[childIndex + 1], 'start'))
      // GFM's rule for `~~`: flanking a word opens or closes; next to punctuation, only with space or punctuation on the other side.
      const open = after === 'other' || (after === 'punctuation' && before !== 'other')
      const close = before === 'other' || (before === 'punctuation' && after !== 'other')
      found.push({child: childIndex, index, open, close})
    }
  })
  return found
}

function kind(char: string | undefined): 'space' | 'punctuation' | 'other' {
  if (char === undefined || /\s/u.test(char)) return 'space'
  return /[\p{P}\p{S}]/u.test(char) ? 'punctuation' : 'other'
}

/** The character a sibling shows next to a marker: its text, white space for a line break, some text for anything else. */
function edge(node: Nodes | undefined, side: 'start' | 'end'): string | undefined {
  if (!node) return undefined
  if (node.type === 'text') return side === 'start' ? node.value[0] : node.value[node.value.length - 1]
  if (node.type === 'break') return '\n'
  return 'x'
}

/** Openers and closers in order, each opener with the next closer; by child, with `open` true on openers. */
function pairUp(found: readonly Marker[]): Map<number, Marker[]> {
  const byChild = new Map<number, Marker[]>()
  const add = (marker: Marker) => {
    const list = byChild.get(marker.child) ?? []
    list.push(marker)
    byChild.set(marker.child, list)
  }
  let opener: Marker | undefined
  for (const marker of found) {
    if (opener && marker.close) {
      add({...opener, open: true})
      add({...marker, open: false})
      opener = undefined
    } else if (marker.open) {
      opener = marker
    }
  }
  for (const list of byChild.values()) list.sort((a, b) => a.index - b.index)
  return byChild
}

/** A link whose text is its URL (`https://x.org/?a==b`): its `==` belong to the URL. */
function isAutolink(node: Nodes): boolean {
  if (node.type !== 'link') return false
  const only = node.children.length === 1 ? node.children[0] : undefined
  return only?.type === 'text' && (only.value === node.url || `mailto:${only.value}` === node.url || `http://${only.value}` === node.url)
}
