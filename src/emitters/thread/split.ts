/**
 * Pack lines of text into posts that each pass `fits`. Breaks fall at line
 * (paragraph) boundaries first, then at sentence boundaries, then between
 * words; URLs, @mentions and #hashtags are never cut, and a word is cut
 * only when it cannot fit in a post on its own. A post that ends inside a
 * sentence ends with an ellipsis and the next one starts with one.
 */
import twitter from 'twitter-text'
import {graphemeList} from './platforms.js'

export const ellipsis = '…'

export type Fits = (text: string) => boolean

/** One line of a post: a paragraph, a bullet, a title. */
export interface Line {
  /** Written before the text and kept with its first word (`- `, `  - `). */
  readonly prefix?: string | undefined
  /** Single-line text (no line breaks). */
  readonly text: string
  /** Separator before the line when it does not start a post (`\n`, `\n\n`). */
  readonly sep?: string | undefined
  /** Start a new post rather than end one with this line when the next line would not follow it (a parent bullet). */
  readonly keepWithNext?: boolean | undefined
}

/** Lines that start a new post. `single` keeps only the first post (the rest is dropped). */
export interface Block {
  readonly lines: readonly Line[]
  readonly single?: boolean | undefined
}

export interface Token {
  readonly text: string
  /** Separator before the token inside its line (' ' between words, '' inside CJK runs). */
  readonly sep: string
  /** URLs, mentions and hashtags: cut only when nothing else is possible. */
  readonly atomic: boolean
  /** The token ends a sentence. */
  readonly end: boolean
}

export interface PackResult {
  readonly posts: string[]
  /** Atomic tokens (a URL longer than a whole post) that had to be cut anyway. */
  readonly cut: string[]
}

const noSpaceScript = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u
const sentenceEnd = /[.!?。！？](?:["'”’»)\]]*)$/u
const words = new Intl.Segmenter('ja', {granularity: 'word'})

function isAtomic(chunk: string): boolean {
  return /^[(["'“‘]*[@#＃]/u.test(chunk) || twitter.extractUrls(chunk).length > 0 || /^[a-z][a-z\d+.-]*:\/\//i.test(chunk)
}

/** Words of a line; runs of scripts written without spaces are split at dictionary word boundaries. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const chunk of text.split(/\s+/u)) {
    if (chunk === '') continue
    const atomic = isAtomic(chunk)
    if (!atomic && noSpaceScript.test(chunk)) {
      let first = true
      for (const {segment} of words.segment(chunk)) {
        tokens.push({text: segment, sep: first ? ' ' : '', atomic: false, end: sentenceEnd.test(segment)})
        first = false
      }
      continue
    }
    tokens.push({text: chunk, sep: ' ', atomic, end: sentenceEnd.test(chunk)})
  }
  return tokens
}

function sentences(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = []
  let current: Token[] = []
  for (const token of tokens) {
    current.push(token)
    if (token.end) {
      out.push(current)
      current = []
    }
  }
  if (current.length > 0) out.push(current)
  return out
}

export function joinTokens(tokens: readonly Token[]): string {
  return tokens.map((token, index) => (index === 0 ? '' : token.sep) + token.text).join('')
}

/** Pack the lines of one block into posts. */
export function packLines(lines: readonly Line[], fits: Fits): PackResult {
  const posts: string[] = []
  const cut: string[] = []
  let current = ''
  const join = (sep: string, piece: string) => (current === '' || current === ellipsis ? current + piece : current + sep + piece)
  const empty = () => current === '' || current === ellipsis
  const flush = (suffix = '') => {
    if (!empty()) posts.push(current + suffix)
    current = suffix === '' ? '' : ellipsis
  }

  const render = (line: Line) => (line.prefix ?? '') + line.text.trim()
  lines.forEach((line, index) => {
    const sep = line.sep ?? '\n'
    const whole = render(line)
    if (whole.trim() === '') return
    if (fits(join(sep, whole))) {
      const next = lines[index + 1]
      if (line.keepWithNext && next && !empty()) {
        const after = (next.sep ?? '\n') + render(next)
        if (!fits(join(sep, whole) + after) && fits(whole + after)) {
          flush()
          current = whole
          return
        }
      }
      current = join(sep, whole)
      return
    }
    if (!empty() && fits(whole)) {
      flush()
      current = whole
      return
    }
    // Longer than a whole post: start it on a fresh post so that it does not begin with a stub.
    flush()
    const tokens = tokenize(line.text)
    if (tokens.length === 0) return
    tokens[0] = {...tokens[0]!, text: (line.prefix ?? '') + tokens[0]!.text}
    sentences(tokens).forEach((sentence, sentenceIndex) => {
      const sentenceSep = sentenceIndex === 0 ? sep : sentence[0]!.sep
      const text = joinTokens(sentence)
      if (fits(join(sentenceSep, text))) {
        current = join(sentenceSep, text)
        return
      }
      if (!empty() && fits(text)) {
        flush()
        current = text
        return
      }
      sentence.forEach((token, tokenIndex) => {
        const last = tokenIndex === sentence.length - 1
        let tokenSep = tokenIndex === 0 ? sentenceSep : token.sep
        let piece = token.text
        for (;;) {
          const candidate = join(tokenSep, piece)
          if (fits(last ? candidate : candidate + ellipsis)) {
            current = candidate
            return
          }
          if (!empty()) {
            // Break before this token: inside the sentence, mark the break with an ellipsis.
            flush(tokenIndex === 0 ? '' : ellipsis)
            if (tokenIndex === 0) tokenSep = ''
            continue
          }
          // The token alone does not fit in an empty post: cut it (last resort).
          if (token.atomic && !cut.includes(token.text)) cut.push(token.text)
          const parts = graphemeList(piece)
          const best = Math.max(1, largestFitting(parts.length - 1, (count) => fits(join(tokenSep, parts.slice(0, count).join('')) + ellipsis)))
          current = join(tokenSep, parts.slice(0, best).join(''))
          flush(ellipsis)
          piece = parts.slice(best).join('')
          tokenSep = ''
        }
      })
    })
  })
  flush()
  return {posts, cut}
}

/** Pack blocks: each block starts a new post. */
export function packBlocks(blocks: readonly Block[], fits: Fits): PackResult {
  const posts: string[] = []
  const cut: string[] = []
  for (const block of blocks) {
    const packed = packLines(block.lines, fits)
    posts.push(...(block.single ? packed.posts.slice(0, 1) : packed.posts))
    for (const token of packed.cut) if (!cut.includes(token)) cut.push(token)
  }
  return {posts, cut}
}

/** The largest n in 1..max that `accepts` (0 when none), by binary search: `accepts` must hold for every n below one it holds for. */
export function largestFitting(max: number, accepts: (n: number) => boolean): number {
  let low = 1
  let high = max
  let best = 0
  while (low <= high) {
    const middle = (low + high) >> 1
    if (accepts(middle)) {
      best = middle
      low = middle + 1
    } else high = middle - 1
  }
  return best
}
