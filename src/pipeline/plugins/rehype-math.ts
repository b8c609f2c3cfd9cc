/**
 * Renders math with KaTeX, at build time, into the hast every format reads:
 * `<code class="language-math">` (remark-math's `$…$`, `$$…$$` and the
 * ```` ```math ```` fences, or raw HTML written that way) becomes KaTeX's
 * HTML with its MathML beside it (`htmlAndMathml`): pages and handouts
 * show the HTML with KaTeX's stylesheet, e-books keep the MathML.
 *
 * KaTeX is called directly rather than through rehype-katex, which words
 * its own message (`Could not render math with KaTeX`, ruleId
 * `parseerror`) and shows KaTeX's red error rendering: quire wants
 * KaTeX's reason in a `math-invalid` warning and the TeX shown as code.
 *
 * Runs after sanitizing: KaTeX's markup (inline styles, MathML) is ours,
 * not the note's, and `trust: false` keeps `\href`, `\includegraphics` and
 * `\htmlClass` out of it. parse5 (rehype-raw) loads on the first note with
 * math; KaTeX is loaded by remark-math already (micromark-extension-math's
 * index imports its HTML compiler, which imports KaTeX: ~18 ms at start-up).
 */
import type {Element, ElementContent, Nodes, Parents, Root} from 'hast'
import {toString} from 'hast-util-to-string'
import katex from 'katex'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {errorText} from '../../report.js'

type ParseHtml = (tree: Root, file: VFile) => Root

interface MathElement {
  /** What the rendering replaces: the `<code>`, or the `<pre>` around display math. */
  readonly node: Element
  readonly parent: Parents
  readonly tex: string
  readonly display: boolean
}

/** Lengths a note may give (`\rule`, `\kern`) are capped, in ems, so a hostile note cannot lay out a page a mile wide. */
const maxSize = 100

export default function rehypeMath() {
  let parseHtml: ParseHtml | undefined
  return async function (tree: Root, file: VFile): Promise<void> {
    // Read from what is written: math needs a `$` or a ```math fence.
    const source = String(file.value ?? '')
    if (!source.includes('$') && !source.includes('math')) return
    const found = mathElements(tree)
    if (found.length === 0) return
    parseHtml ??= (await import('rehype-raw')).default() as ParseHtml
    // One object per note: a `\gdef` holds for the rest of the note, never for the next note.
    const macros = {}
    const rendered = found.map((math): string | Element => {
      try {
        return katex.renderToString(math.tex, {displayMode: math.display, output: 'htmlAndMathml', throwOnError: true, strict: 'ignore', trust: false, maxSize, macros})
      } catch (error) {
        file.message(`Invalid TeX \`${shorten(math.tex)}\`, shown as code: ${katexReason(error, math.tex)}`, {
          place: math.node.position,
          ruleId: 'math-invalid',
          source: 'quire'
        })
        return asCode(math)
      }
    })
    const parsed = parseAll(rendered, parseHtml, file)
    found.forEach((math, index) => {
      const replacement = parsed[index]!
      if (math.node.position && replacement[0]) replacement[0].position = math.node.position
      math.parent.children.splice(math.parent.children.indexOf(math.node), 1, ...replacement)
    })
  }
}

/** `code.language-math` in document order; alone in a `<pre>` it is display math, and the `<pre>` goes. */
function mathElements(tree: Root): MathElement[] {
  const found: MathElement[] = []
  visit(tree, 'element', (node, _, parent) => {
    if (!parent) return undefined
    if (node.tagName === 'pre') {
      const [code, ...rest] = node.children.filter((child) => child.type !== 'text' || child.value.trim() !== '')
      if (rest.length > 0 || code?.type !== 'element' || code.tagName !== 'code' || !hasClass(code, 'language-math')) return undefined
      found.push({node, parent, tex: toString(code), display: true})
      return SKIP
    }
    if (node.tagName === 'code' && hasClass(node, 'language-math')) {
      found.push({node, parent, tex: toString(node), display: hasClass(node, 'math-display')})
    }
    return undefined
  })
  return found
}

function hasClass(node: Element, name: string): boolean {
  return Array.isArray(node.properties.className) && node.properties.className.includes(name)
}

/**
 * KaTeX's HTML as hast, every expression of the note in one parse5 run
 * (rehype-raw, which the pipeline uses for raw HTML already). Positions
 * would point into KaTeX's string, not the note: they are dropped.
 */
function parseAll(rendered: ReadonlyArray<string | Element>, parseHtml: ParseHtml, file: VFile): ElementContent[][] {
  const html = rendered.filter((item): item is string => typeof item === 'string')
  const holders: Element[] = html.map((value) => ({type: 'element', tagName: 'div', properties: {}, children: [{type: 'raw', value}]}))
  const parsed = html.length > 0 ? parseHtml({type: 'root', children: holders}, file).children : []
  let next = 0
  return rendered.map((item) => {
    if (typeof item !== 'string') return [item]
    const holder = parsed[next++]
    const children = holder?.type === 'element' ? holder.children : []
    for (const child of children) withoutPositions(child)
    return children
  })
}

function withoutPositions(node: Nodes): void {
  visit(node, (child) => {
    delete child.position
  })
}

/** The TeX as code where the math would have been: `<code>` in a line, `<pre><code>` for display math. */
function asCode(math: MathElement): Element {
  const code: Element = {type: 'element', tagName: 'code', properties: {className: ['math-error']}, children: [{type: 'text', value: math.tex}]}
  if (!math.display) return code
  return {type: 'element', tagName: 'pre', properties: {className: ['math-error']}, children: [{...code, properties: {}}]}
}

/** KaTeX's own words, with its place in the TeX (KaTeX counts from 1 too), without its underlined excerpt. */
function katexReason(error: unknown, tex: string): string {
  const parse = error as {name?: unknown; rawMessage?: unknown; position?: unknown}
  if (parse?.name !== 'ParseError' || typeof parse.rawMessage !== 'string') return errorText(error)
  if (typeof parse.position !== 'number') return parse.rawMessage
  return parse.position >= tex.length ? `${parse.rawMessage} at end of input` : `${parse.rawMessage} at position ${parse.position + 1}`
}

function shorten(tex: string): string {
  const line = tex.replace(/\s+/g, ' ').trim()
  return line.length > 60 ? line.slice(0, 59) + '…' : line
}
