/**
 * Removes Obsidian comments: everything between two `%%`, inline
 * (`a %%private%% b`) or as a block over several lines, blank lines and
 * whole paragraphs, headings or lists included. A `%%` in code (a code span,
 * a fenced block), in raw HTML or written `\%%` is text. A comment that is
 * never closed hides the rest of the note, as in Obsidian, with a warning
 * (showing a private remark in a published note would be worse).
 *
 * It runs first, before any other transform and any user plugin: a comment
 * is not part of the note, so no title, tag, link or plugin may come from
 * one. It works on the parsed tree (code is already told apart there), so
 * what is inside a comment was parsed as Markdown and then dropped whole:
 * a reference definition in a comment defines nothing outside it.
 */
import type {Nodes, Parent, Root, Text} from 'mdast'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {textSources, type TextSources} from '../text-source.js'

const marker = '%%'

export default function remarkComments() {
  return function (tree: Root, file: VFile): void {
    if (!String(file.value ?? '').includes(marker)) return
    const sources = textSources(file)
    const markers = findMarkers(tree, sources)
    if (markers.size === 0) return
    const state: CutState = {inside: false, lastOpen: undefined, sources, markers, pieces: new WeakMap()}
    cut(tree, state)
    if (state.inside && state.lastOpen) {
      file.message('Comment not closed: `%%` hides the rest of the note (close it with another `%%`)', {
        place: state.lastOpen,
        ruleId: 'unclosed-comment',
        source: 'quire'
      })
    }
  }
}

interface Markers {
  /** Value indices of the unescaped `%%` of each text node that has some. */
  readonly inText: Map<Text, number[]>
  /** Every node that holds a marker somewhere inside. */
  readonly holders: Set<Nodes>
  readonly size: number
}

function findMarkers(tree: Root, sources: TextSources): Markers {
  const inText = new Map<Text, number[]>()
  const holders = new Set<Nodes>()
  const walk = (node: Nodes, ancestors: Nodes[]): void => {
    if (node.type === 'text') {
      const found = markersOf(node, sources)
      if (found.length > 0) {
        inText.set(node, found)
        holders.add(node)
        for (const ancestor of ancestors) holders.add(ancestor)
      }
      return
    }
    if ('children' in node) {
      ancestors.push(node)
      for (const child of node.children) walk(child, ancestors)
      ancestors.pop()
    }
  }
  walk(tree, [])
  return {inText, holders, size: inText.size}
}

function markersOf(node: Text, sources: TextSources): number[] {
  const found: number[] = []
  for (let index = node.value.indexOf(marker); index !== -1; index = node.value.indexOf(marker, index)) {
    const source = sources.of(node)
    if (source.escaped(index) || source.escaped(index + 1)) {
      index += 1
      continue
    }
    found.push(index)
    index += marker.length
  }
  return found
}

interface CutState {
  /** Between an opening and a closing `%%`. */
  inside: boolean
  /** Where the comment still open began. */
  lastOpen: Point | undefined
  readonly sources: TextSources
  readonly markers: Markers
  /** The node and value range each piece of cut text came from, so trimming it keeps its position exact. */
  readonly pieces: WeakMap<Text, {from: Text; start: number; end: number}>
}

/** Rebuild `parent`'s children without what is inside comments, in document order. */
function cut(parent: Parent, state: CutState): void {
  const kept: Nodes[] = []
  for (const child of parent.children as Nodes[]) {
    if (!state.markers.holders.has(child)) {
      if (!state.inside) kept.push(child)
      continue
    }
    if (child.type === 'text') {
      for (const {piece, afterComment} of cutText(child, state)) {
        const previous = kept[kept.length - 1]
        // `a %%x%% b` leaves one space, not two; a line ending stays (it may end a callout's title line), without spaces before it.
        const junction = afterComment && previous?.type === 'text' && /\s$/.test(previous.value)
        if (junction && /^[ \t]*\n/.test(piece.value)) kept[kept.length - 1] = trim(previous, state, 'end', /[ \t]/)
        kept.push(junction ? trim(piece, state, 'start', /[ \t]/) : piece)
      }
      continue
    }
    cut(child as Parent, state)
    if (!emptied(child)) kept.push(child)
  }
  parent.children = kept.filter((node) => node.type !== 'text' || node.value !== '') as Parent['children']
  if (parent.type === 'paragraph' || parent.type === 'heading' || parent.type === 'tableCell') trimEnds(parent, state)
}

/** The parts of a text node outside comments; toggles `state.inside` at each marker. */
function cutText(node: Text, state: CutState): Array<{piece: Text; afterComment: boolean}> {
  const source = state.sources.of(node)
  const pieces: Array<{piece: Text; afterComment: boolean}> = []
  const enteredInside = state.inside
  let from = 0
  const keep = (start: number, end: number) => {
    if (end <= start) return
    const piece = source.slice(start, end)
    state.pieces.set(piece, {from: node, start, end})
    pieces.push({piece, afterComment: start > 0 || enteredInside})
  }
  for (const index of state.markers.inText.get(node) ?? []) {
    if (!state.inside) {
      keep(from, index)
      state.lastOpen = source.slice(index, index + marker.length).position?.start ?? node.position?.start
    }
    state.inside = !state.inside
    from = index + marker.length
  }
  if (!state.inside) keep(from, node.value.length)
  return pieces
}

/** A paragraph or heading does not start or end with the white space a comment left there. */
function trimEnds(parent: Parent, state: CutState): void {
  const children = parent.children as Nodes[]
  const first = children[0]
  if (first?.type === 'text') children[0] = trim(first, state, 'start')
  const last = children[children.length - 1]
  if (last?.type === 'text') children[children.length - 1] = trim(last, state, 'end')
  parent.children = children.filter((node) => node.type !== 'text' || node.value !== '') as Parent['children']
}

function trim(node: Text, state: CutState, side: 'start' | 'end', space = /\s/): Text {
  const piece = state.pieces.get(node)
  if (!piece) return node
  const value = piece.from.value
  let {start, end} = piece
  if (side === 'start') while (start < end && space.test(value[start]!)) start++
  else while (end > start && space.test(value[end - 1]!)) end--
  if (start === piece.start && end === piece.end) return node
  const trimmed = state.sources.of(piece.from).slice(start, end)
  state.pieces.set(trimmed, {from: piece.from, start, end})
  return trimmed
}

/** A node that lost all it had to a comment goes too (an empty paragraph, list item or emphasis). */
function emptied(node: Nodes): boolean {
  if (!('children' in node)) return false
  switch (node.type) {
    case 'root':
    case 'table':
    case 'tableRow':
    case 'tableCell':
      // Tables keep their shape; a cell may be empty.
      return false
    case 'paragraph':
    case 'heading':
      return node.children.every((child) => child.type === 'text' && child.value.trim() === '')
    default:
      return node.children.length === 0
  }
}
