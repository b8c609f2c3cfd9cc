/**
 * Reads a fenced code block's info string the way the tools that wrote it
 * meant it: the language is the first word before a comma, white space or
 * brace (mdBook's `rust,ignore`, Docusaurus' `js title="x.js"`, VitePress'
 * `js{1,3}`), or, in pandoc's attribute form `{.python .numberLines}`, the
 * first class (R Markdown's and Quarto's `{r, echo=FALSE}`: the first
 * word). What follows the language is kept as written, separators trimmed;
 * a `title="…"` attribute (in either form) is the block's title.
 */

export interface CodeInfo {
  /** The language (`rust`), or undefined when the info string names none. */
  readonly lang: string | undefined
  /** The rest of the info string (`ignore`, `title="x.js"`, `{.numberLines}`), or undefined. */
  readonly meta: string | undefined
  /** The value of a `title=` attribute, or undefined. */
  readonly title: string | undefined
}

const none: CodeInfo = {lang: undefined, meta: undefined, title: undefined}

export function parseCodeInfo(info: string): CodeInfo {
  const text = info.trim()
  if (text === '') return none
  return text.startsWith('{') ? attributeForm(text) : wordForm(text)
}

/** `rust,ignore`, `js title="x.js"`, `js{1,3}`. */
function wordForm(text: string): CodeInfo {
  const lang = /^[^\s,{]+/.exec(text)![0]
  const meta = text.slice(lang.length).replace(/^[\s,]+/, '')
  return {lang, meta: meta || undefined, title: titleOf(tokens(meta))}
}

/** `{.python .numberLines}`, `{#id .python startFrom="10"}`, `{r, echo=FALSE}`, and anything after the closing brace. */
function attributeForm(text: string): CodeInfo {
  const close = closingBrace(text)
  const inside = tokens(text.slice(1, close === -1 ? undefined : close))
  const after = close === -1 ? '' : text.slice(close + 1).trim()
  const classIndex = inside.findIndex((token) => /^\.[^.]/.test(token))
  const bareIndex = classIndex === -1 && inside[0] !== undefined && /^[^#.=\s"']+$/.test(inside[0]) ? 0 : -1
  const index = classIndex === -1 ? bareIndex : classIndex
  const lang = index === -1 ? undefined : inside[index]!.replace(/^\./, '')
  const rest = inside.filter((_, at) => at !== index)
  const meta = [rest.length > 0 ? `{${rest.join(' ')}}` : '', after].filter(Boolean).join(' ')
  return {lang, meta: meta || undefined, title: titleOf([...rest, ...tokens(after)])}
}

/** The index of the brace that closes the first one, outside quotes; -1 if none. */
function closingBrace(text: string): number {
  let quote: string | undefined
  for (let at = 1; at < text.length; at++) {
    const char = text[at]!
    if (quote) {
      if (char === quote) quote = undefined
    } else if (char === '"' || char === "'") {
      quote = char
    } else if (char === '}') {
      return at
    }
  }
  return -1
}

/** Words separated by white space or commas; quoted values stay whole (`title="a b.js"`). */
function tokens(text: string): string[] {
  return text.match(/(?:[^\s,"']+|"[^"]*"?|'[^']*'?)+/g) ?? []
}

function titleOf(words: readonly string[]): string | undefined {
  for (const word of words) {
    const match = /^\{?title=(?:"([^"]*)"?|'([^']*)'?|([^}]*)\}?)$/.exec(word)
    if (!match) continue
    const value = (match[1] ?? match[2] ?? match[3] ?? '').trim()
    if (value) return value
  }
  return undefined
}
