/**
 * Code in a programming language wraps on paper: a line longer than the
 * text block goes on below, and each row it goes on in starts with a
 * continuation mark (`↪`, drawn by the print CSS in the gutter of
 * `.quire-line`). For that each source line becomes one block
 * (`<span class="quire-line">`), highlighting spans split where a line
 * ends inside them (a multi-line comment or string).
 *
 * Preformatted text (no language, `text`, `txt`, ASCII art, a diagram's
 * source) is left alone: its lines must stay whole, and
 * `fit-preformatted.ts` scales it down to fit instead.
 */
import type {Element, ElementContent, Root} from 'hast'
import {visit} from 'unist-util-visit'

/** Languages that name plain text, not code: their blocks keep their lines and are scaled. */
const plainLanguages = new Set(['text', 'txt', 'plain', 'plaintext', 'ascii', 'asciiart', 'none', 'nohighlight', 'mermaid', 'math'])

/** The language a `pre > code` names (`language-js` → `js`), if any. */
export function codeLanguage(code: Element): string | undefined {
  const classes = Array.isArray(code.properties.className) ? code.properties.className : []
  for (const name of classes) {
    const match = typeof name === 'string' ? /^lang(?:uage)?-(.+)$/.exec(name) : null
    if (match) return match[1]!.toLowerCase()
  }
  return undefined
}

/** Whether a block of this language wraps (code) rather than scales (preformatted text). */
export function wrapsAsCode(language: string | undefined): boolean {
  return language !== undefined && !plainLanguages.has(language)
}

/** Splits inline content at its newlines: one list of nodes per line, elements cloned on each line they span. */
export function splitLines(nodes: readonly ElementContent[]): ElementContent[][] {
  const lines: ElementContent[][] = [[]]
  for (const node of nodes) {
    if (node.type === 'text') {
      const parts = node.value.split('\n')
      parts.forEach((part, index) => {
        if (index > 0) lines.push([])
        if (part) lines.at(-1)!.push({type: 'text', value: part})
      })
    } else if (node.type === 'element') {
      splitLines(node.children).forEach((children, index) => {
        if (index > 0) lines.push([])
        if (children.length > 0) lines.at(-1)!.push({...node, properties: {...node.properties}, children})
      })
    } else {
      lines.at(-1)!.push(node)
    }
  }
  return lines
}

/** Marks every code block in a language `quire-code-wrap` and puts each of its lines in a `.quire-line` block. */
export function wrapCodeLines(tree: Root): void {
  visit(tree, 'element', (pre) => {
    if (pre.tagName !== 'pre') return
    const code = pre.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code')
    if (!code || !wrapsAsCode(codeLanguage(code))) return
    const lines = splitLines(code.children)
    // The newline that ends the block is no line of its own.
    if (lines.length > 1 && lines.at(-1)!.length === 0) lines.pop()
    code.children = lines.map((children) => ({type: 'element', tagName: 'span', properties: {className: ['quire-line']}, children}))
    const classes = Array.isArray(pre.properties.className) ? pre.properties.className : []
    pre.properties.className = [...classes, 'quire-code-wrap']
    return 'skip'
  })
}
