/**
 * Math as a reader reads it, in places that are only text (heading text in
 * contents, bookmarks, EPUB navigation, posts): `\S1` reads `§1`,
 * `O(n \log n)` reads `O(n log n)`, `x^2` reads `x²`. Only formulas that are
 * a row of symbols come out this way — from KaTeX's own MathML, so the
 * symbols are the ones the page shows; anything with structure (a fraction,
 * a root, a matrix, a superscript no Unicode character writes) stays its
 * TeX source, which a reader can still read.
 */
import katex from 'katex'

/** The formula as text, or its TeX (trimmed) when it is more than a row of symbols or KaTeX cannot read it. */
export function mathAsText(tex: string): string {
  let mathml: string
  try {
    mathml = katex.renderToString(tex, {output: 'mathml', throwOnError: true, strict: 'ignore', trust: false, maxSize: 100})
  } catch {
    return tex.trim()
  }
  return rowText(mathml) ?? tex.trim()
}

const superscripts: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ', '′': '′', '∗': '*', '*': '*'
}
const subscripts: Record<string, string> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
  '+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎', a: 'ₐ', e: 'ₑ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', n: 'ₙ', o: 'ₒ', x: 'ₓ'
}
/** Letters with a character of their own in the Letterlike Symbols block (the rest are in Mathematical Alphanumerics). */
const doubleStruckLetterlike: Record<string, string> = {C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ'}

/** Symbols written without space around them: fences, punctuation, and the invisible function application. */
const tight = new Set(['(', ')', '[', ']', '{', '}', '⟨', '⟩', '|', '‖', ',', '.', ';', '!', '/', '′', '\u2061', '\u2062', '\u2063'])

const entities: Record<string, string> = {'&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'"}
const decode = (text: string): string => text.replace(/&(?:amp|lt|gt|quot|#x27|#39);/g, (entity) => entities[entity]!)

interface Token {
  readonly tag: string
  readonly variant?: string | undefined
  readonly text: string
}

/** KaTeX's MathML of a plain row (`mi`, `mn`, `mo`, `mtext`, `mspace`, simple `msup`/`msub`) as text; undefined for anything else. */
function rowText(mathml: string): string | undefined {
  const inner = /<semantics>(.*)<annotation encoding="application\/x-tex">/s.exec(mathml)?.[1]
  if (inner === undefined) return undefined
  const body = inner.replace(/^<mrow>(.*)<\/mrow>$/s, '$1')
  let out = ''
  let rest = body
  const scripted = /^<(msup|msub)>(<(mi|mn|mo)(?: [^>]*)?>[^<]*<\/\3>)(<(mi|mn|mo)(?: [^>]*)?>([^<]*)<\/\5>)<\/\1>/s
  const token = /^<(mi|mn|mo|mtext)((?: [^>]*)?)>([^<]*)<\/\1>/s
  const space = /^<mspace(?: [^>]*)?\/?>(?:<\/mspace>)?/s
  while (rest.length > 0) {
    let match: RegExpExecArray | null
    if ((match = scripted.exec(rest))) {
      const base = token.exec(match[2]!)!
      const table = match[1] === 'msup' ? superscripts : subscripts
      const script = [...decode(match[6]!)].map((char) => table[char])
      if (script.some((char) => char === undefined)) return undefined
      out = append(out, tokenOf(base))
      out += script.join('')
    } else if ((match = token.exec(rest))) {
      out = append(out, tokenOf(match))
    } else if ((match = space.exec(rest))) {
      out += ' '
    } else return undefined
    rest = rest.slice(match[0].length)
  }
  return out.replace(/\s+/g, ' ').trim()
}

function tokenOf(match: RegExpExecArray): Token {
  return {tag: match[1]!, variant: /mathvariant="([^"]+)"/.exec(match[2] ?? '')?.[1], text: decode(match[3]!)}
}

/** Adds a token, spaced as the page shows it: operators and words (`log`, `sin`) apart, fences and punctuation tight. */
function append(out: string, token: Token): string {
  if (token.tag === 'mo') {
    if (tight.has(token.text)) return token.text === ',' || token.text === ';' ? `${out}${token.text} ` : out + token.text.replace(/[\u2061-\u2063]/g, ' ')
    return `${out} ${token.text} `
  }
  if (token.tag === 'mtext') return out + token.text
  const text = token.variant === 'double-struck' ? [...token.text].map(doubleStruck).join('') : token.text
  return token.tag === 'mi' && [...text].length > 1 ? `${out} ${text} ` : out + text
}

function doubleStruck(letter: string): string {
  if (doubleStruckLetterlike[letter]) return doubleStruckLetterlike[letter]
  const code = letter.codePointAt(0)!
  if (code >= 0x41 && code <= 0x5a) return String.fromCodePoint(0x1d538 + code - 0x41)
  if (code >= 0x61 && code <= 0x7a) return String.fromCodePoint(0x1d552 + code - 0x61)
  if (code >= 0x30 && code <= 0x39) return String.fromCodePoint(0x1d7d8 + code - 0x30)
  return letter
}
