/**
 * Where the characters of an mdast text node were written in the note. The
 * dialect's transforms find their markers (`%%`, `==`, `#`, `[!`) in text
 * values, but a value is not always its source: a backslash escape (`\#`)
 * or a character reference (`&amp;`) is shorter in the value, and the lines
 * of a paragraph in a quote or a list lose their `> ` and indentation. This
 * tells a transform whether a marker was escaped (then it is text) and
 * gives the pieces it cuts a text node into exact positions.
 */
import type {Point, Position} from 'unist'
import type {Text} from 'mdast'
import type {VFile} from 'vfile'

export interface TextSource {
  /** Whether the character at `index` of the value was written as a backslash escape or a character reference: text, never syntax. */
  escaped(index: number): boolean
  /** A text node of `value.slice(start, end)`, positioned where that part was written when that is known. */
  slice(start: number, end?: number): Text
}

export interface TextSources {
  /** The source of one text node (worked out on first use, once per node). */
  of(node: Text): TextSource
  /** The point of a source offset. */
  point(offset: number): Point
}

/** ASCII punctuation: what CommonMark lets a backslash escape. */
const escapable = /[!-/:-@[-`{-~]/
/** A character reference: `&amp;`, `&#35;`, `&#x23;`. */
const reference = /^&(?:#[xX][\da-fA-F]{1,6}|#\d{1,7}|[A-Za-z][A-Za-z\d]{1,31});/
/** What the parser drops between the characters of a value: line prefixes of quotes and lists, indentation, trailing spaces. */
const dropped = /[ \t>\r]/

export function textSources(file: VFile): TextSources {
  const source = String(file.value ?? '')
  let lineStarts: number[] | undefined
  const cache = new WeakMap<Text, TextSource>()

  const point = (offset: number): Point => {
    lineStarts ??= startsOfLines(source)
    let low = 0
    let high = lineStarts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (lineStarts[middle]! <= offset) low = middle
      else high = middle - 1
    }
    return {line: low + 1, column: offset - lineStarts[low]! + 1, offset}
  }

  return {
    point,
    of(node) {
      let found = cache.get(node)
      if (!found) {
        found = textSource(node, source, point)
        cache.set(node, found)
      }
      return found
    }
  }
}

function textSource(node: Text, source: string, point: (offset: number) => Point): TextSource {
  const value = node.value
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  const map = start === undefined || end === undefined ? undefined : align(value, source, start, end)
  const position = (from: number, to: number): Position | undefined => {
    const first = map?.offsets[from]
    const last = map?.offsets[to]
    if (first === undefined || last === undefined || first < 0 || last < 0) return undefined
    return {start: point(first), end: point(last)}
  }
  return {
    escaped: (index) => map?.escaped.has(index) ?? false,
    slice(from, to = value.length) {
      const text: Text = {type: 'text', value: value.slice(from, to)}
      const place = from === 0 && to === value.length ? node.position : position(from, to)
      if (place) text.position = place
      return text
    }
  }
}

interface Alignment {
  /** Source offset of each character of the value, then of its end; -1 where it could not be told. */
  readonly offsets: Int32Array
  readonly escaped: ReadonlySet<number>
}

/**
 * Walk value and source side by side. Most notes take the first branch (the
 * source is the value). Otherwise each character of the value is found in
 * the source, stepping over what the parser drops; a character that cannot
 * be found (a user plugin rewrote the text) gets no offset, and the walk
 * goes on from where it was.
 */
function align(value: string, source: string, start: number, end: number): Alignment {
  const offsets = new Int32Array(value.length + 1)
  const escaped = new Set<number>()
  if (source.slice(start, end) === value) {
    for (let index = 0; index <= value.length; index++) offsets[index] = start + index
    return {offsets, escaped}
  }
  let at = start
  for (let index = 0; index < value.length; index++) {
    const char = value[index]!
    let found = -1
    let scan = at
    while (scan < end) {
      const here = source[scan]!
      if (here === '\\' && escapable.test(source[scan + 1] ?? '') && source[scan + 1] === char) {
        escaped.add(index)
        found = scan
        scan += 2
        break
      }
      // `&amp;` is a reference even where the value has the `&` it stands for.
      const ref = here === '&' ? reference.exec(source.slice(scan, scan + 40)) : null
      // An unknown name (`&nope;`) stays as written.
      if (ref && !value.startsWith(ref[0], index)) {
        // It stands for this character (and the next, for a pair of surrogates), and is never syntax.
        escaped.add(index)
        found = scan
        if (decodedLength(ref[0]) === 2 && index + 1 < value.length) {
          offsets[index] = scan
          escaped.add(++index)
        }
        scan += ref[0].length
        break
      }
      if (here === char) {
        found = scan
        scan += 1
        break
      }
      if (!dropped.test(here) && here !== '\n') break
      scan += 1
    }
    offsets[index] = found
    if (found !== -1) at = scan
  }
  offsets[value.length] = end
  return {offsets, escaped}
}

function decodedLength(ref: string): number {
  const numeric = /^&#([xX])?([\da-fA-F]+);$/.exec(ref)
  if (!numeric) return 1
  const code = Number.parseInt(numeric[2]!, numeric[1] ? 16 : 10)
  return code > 0xffff && code <= 0x10ffff ? 2 : 1
}

function startsOfLines(source: string): number[] {
  const starts = [0]
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) starts.push(index + 1)
  return starts
}
