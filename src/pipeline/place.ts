/** Where a part of a text node is in the note: for messages about a construct found inside a text (a wikilink, a tag). */
import type {Position} from 'unist'

export function placeIn(node: {readonly value: string; readonly position?: Position | undefined}, start: number, length: number): Position | undefined {
  const origin = node.position?.start
  if (!origin) return undefined
  const point = (at: number) => {
    const before = node.value.slice(0, at)
    const newline = before.lastIndexOf('\n')
    const lines = before.split('\n').length - 1
    return {
      line: origin.line + lines,
      column: newline === -1 ? origin.column + at : at - newline,
      ...(origin.offset === undefined ? {} : {offset: origin.offset + at})
    }
  }
  return {start: point(start), end: point(start + length)}
}
