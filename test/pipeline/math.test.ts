/**
 * Math in the one parse: which dollars are math (prices stay prose),
 * ```` ```math ```` fences, KaTeX's rendering in the hast, invalid TeX as a
 * positioned warning with the TeX shown as code, and headings that read
 * their TeX.
 */
import type {Element, Root as HastRoot} from 'hast'
import {toString as hastText} from 'hast-util-to-string'
import type {Nodes as MdastNodes} from 'mdast'
import {visit} from 'unist-util-visit'
import {describe, expect, it} from 'vitest'
import type {QuireDocument} from '../../src/model.js'
import {buildDocument} from '../../src/pipeline/document.js'
import {LinkTargets} from '../../src/pipeline/link-targets.js'
import {createProcessor} from '../../src/pipeline/processor.js'
import {readNote} from '../../src/pipeline/read.js'

const processor = createProcessor()

async function parse(markdown: string): Promise<{doc: QuireDocument; messages: string[]}> {
  const read = readNote('/notes/note.md', new TextEncoder().encode(markdown), {maxBytes: 1024 * 1024})
  if (!read.ok) throw new Error('unreadable')
  const doc = await buildDocument(processor, {
    file: read.file,
    hash: read.hash,
    slug: 'note',
    relativePath: 'note.md',
    context: {contentDir: '/notes', targets: new LinkTargets([['note.md', 'note']]), fallbackTitle: 'note', maxBytes: 4 * 1024 * 1024}
  })
  if (!doc) throw new Error(`did not build: ${read.file.messages.join('; ')}`)
  return {doc, messages: read.file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`)}
}

/** The first block as a reader of the mdast sees it: math as ⟨tex⟩, code as `code`. */
function reading(node: MdastNodes): string {
  if (node.type === 'inlineMath') return `⟨${node.value}⟩`
  if (node.type === 'inlineCode') return `\`${node.value}\``
  if (node.type === 'text') return node.value
  if (node.type === 'emphasis') return `*${node.children.map(reading).join('')}*`
  return 'children' in node ? node.children.map((child) => reading(child as MdastNodes)).join(node.type === 'tableRow' ? ' | ' : '') : ''
}

async function firstBlock(markdown: string): Promise<string> {
  const {doc} = await parse(`# Note\n\n${markdown}\n`)
  return reading(doc.mdast.children[0]!)
}

const classes = (node: Element): string[] => (Array.isArray(node.properties.className) ? node.properties.className.map(String) : [])

function elements(tree: HastRoot, test: (node: Element) => boolean): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node) => {
    if (test(node)) found.push(node)
  })
  return found
}

describe('math: which dollars are math', () => {
  it.each([
    ['It costs $5 and $10.', 'It costs $5 and $10.'],
    ['From $20,000 to $30,000 a year.', 'From $20,000 to $30,000 a year.'],
    ['Between $5 and $10, the value $x^2$ grows.', 'Between $5 and $10, the value ⟨x^2⟩ grows.'],
    ['I paid $5 for $y$ today.', 'I paid $5 for ⟨y⟩ today.'],
    ['Tickets: $5, $10 or $15; the odds $p = 0.5$.', 'Tickets: $5, $10 or $15; the odds ⟨p = 0.5⟩.'],
    ['A lone $ sign, US$5 and 5$ back.', 'A lone $ sign, US$5 and 5$ back.'],
    ['Spaced $ x $ is not math.', 'Spaced $ x $ is not math.'],
    ['Written $x $ or $ y$ neither.', 'Written $x $ or $ y$ neither.'],
    ['$$x$$ in a line is math, $5 is not.', '⟨x⟩ in a line is math, $5 is not.'],
    ['Escaped \\$5 and $x$.', 'Escaped $5 and ⟨x⟩.'],
    ['A price $5 in a `code $10` span, then $a$.', 'A price $5 in a `code $10` span, then ⟨a⟩.'],
    ['*$x$* costs *$5*.', '*⟨x⟩* costs *$5*.'],
    ['the $n$th term, $2^n$ of them', 'the ⟨n⟩th term, ⟨2^n⟩ of them'],
    ['$x$ costs $5 and $10.', '⟨x⟩ costs $5 and $10.'],
    ['| $5 | $10 |\n|---|---|\n| $a$ | $b |', '$5 | $10$a$ | $b'.replace('$a$', '⟨a⟩')]
  ])('%j', async (markdown, expected) => {
    expect(await firstBlock(markdown)).toBe(expected)
  })

  it('keeps prices over several lines of a quote, and the positions of what follows', async () => {
    const {doc} = await parse('# Note\n\n> costs $5 and\n> $10, and $x$ too\n')
    const quote = doc.mdast.children[0]!
    expect(reading(quote)).toBe('costs $5 and\n$10, and ⟨x⟩ too')
    const math: MdastNodes[] = []
    visit(quote, 'inlineMath', (node) => {
      math.push(node)
    })
    expect(math[0]!.position?.start).toMatchObject({line: 4, column: 12})
  })

  it('reads prices in headings as text', async () => {
    const {doc} = await parse('# Note\n\n## Budget: $5 and $10\n\ntext\n')
    expect(doc.headings.map((heading) => [heading.id, heading.text])).toEqual([['budget-5-and-10', 'Budget: $5 and $10']])
  })
})

describe('math: rendering', () => {
  it('renders inline and display math with KaTeX, MathML beside the HTML, the TeX as annotation', async () => {
    const {doc, messages} = await parse('# Note\n\nThe value $x^2$ grows.\n\n$$\n\\sum_{i=1}^n i\n$$\n\n```math\nE = mc^2\n```\n')
    expect(messages).toEqual([])
    const katex = elements(doc.hast, (node) => classes(node).includes('katex'))
    expect(katex).toHaveLength(3)
    const annotations = elements(doc.hast, (node) => node.tagName === 'annotation').map((node) => hastText(node))
    expect(annotations).toEqual(['x^2', '\\sum_{i=1}^n i', 'E = mc^2'])
    const display = elements(doc.hast, (node) => classes(node).includes('katex-display'))
    expect(display).toHaveLength(2)
    // The display math replaced the `<pre>`: no code block is left, none is highlighted.
    expect(elements(doc.hast, (node) => node.tagName === 'pre' || node.tagName === 'code')).toEqual([])
    expect(elements(doc.hast, (node) => node.tagName === 'math').map((node) => node.properties.display ?? 'inline')).toEqual(['inline', 'block', 'block'])
  })

  it('reads ```math as math, not code, and counts math in the stats', async () => {
    const {doc} = await parse('# Note\n\n```math\na^2 + b^2\n```\n\n$c$ and\n\n```js\nx\n```\n')
    expect(doc.mdast.children.map((node) => node.type)).toEqual(['math', 'paragraph', 'code'])
    expect(doc.stats).toMatchObject({codeBlocks: 1, math: 2})
  })

  it('gives only the KaTeX wrapper a position: the rest of its markup is not in the note', async () => {
    const {doc} = await parse('# Note\n\nSee $x$.\n')
    const positioned: string[] = []
    visit(doc.hast, 'element', (node) => {
      if (node.position && classes(node).some((name) => name.startsWith('katex') || name === 'base')) positioned.push(`${classes(node).join('.')} ${node.position.start.line}:${node.position.start.column}`)
    })
    expect(positioned).toEqual(['katex 3:5'])
  })

  it('renders math written as raw HTML the way remark-math writes it: the sanitizer keeps its classes', async () => {
    const {doc} = await parse('# Note\n\nRaw <code class="language-math math-inline">y_1</code> and <code class="language-math math-display">y_2</code>.\n')
    expect(elements(doc.hast, (node) => node.tagName === 'annotation').map((node) => hastText(node))).toEqual(['y_1', 'y_2'])
    expect(elements(doc.hast, (node) => node.tagName === 'math').map((node) => node.properties.display ?? 'inline')).toEqual(['inline', 'block'])
  })

  it('lets a \\gdef hold for the rest of the note, and never for the next note', async () => {
    const first = await parse('# A\n\n$\\gdef\\field{\\mathbb{F}}$ and $x \\in \\field$\n')
    expect(first.messages).toEqual([])
    const second = await parse('# B\n\n$x \\in \\field$\n')
    expect(second.messages).toEqual(['3:1 math-invalid Invalid TeX `x \\in \\field`, shown as code: Undefined control sequence: \\field at position 7'])
  })

  it('keeps links, HTML classes and styles a note writes in TeX out (trust is off)', async () => {
    const {doc} = await parse('# Note\n\n$\\href{javascript:alert(1)}{x}$ $\\htmlClass{evil}{y}$ $\\url{https://example.com}$\n')
    expect(elements(doc.hast, (node) => node.tagName === 'a' || classes(node).includes('evil'))).toEqual([])
  })
})

describe('math: invalid TeX', () => {
  it('is one positioned warning with KaTeX’s reason; the TeX stays, as code, and the note builds', async () => {
    const {doc, messages} = await parse('# Note\n\nBad: $\\frac{1}{$ here, $x^$ too.\n\n$$\n\\begin{matrix}\n$$\n')
    expect(messages).toEqual([
      "3:6 math-invalid Invalid TeX `\\frac{1}{`, shown as code: Unexpected end of input in a macro argument, expected '}' at end of input",
      "3:24 math-invalid Invalid TeX `x^`, shown as code: Expected group after '^' at position 2",
      '5:1 math-invalid Invalid TeX `\\begin{matrix}`, shown as code: Expected & or \\\\ or \\cr or \\end at end of input'
    ])
    const inline = elements(doc.hast, (node) => node.tagName === 'code' && classes(node).includes('math-error'))
    expect(inline.map((node) => hastText(node))).toEqual(['\\frac{1}{', 'x^'])
    const block = elements(doc.hast, (node) => node.tagName === 'pre' && classes(node).includes('math-error'))
    expect(block.map((node) => hastText(node))).toEqual(['\\begin{matrix}'])
    expect(elements(doc.hast, (node) => classes(node).includes('hljs'))).toEqual([])
  })
})

describe('math: headings', () => {
  it('read as the math reads in the heading tree (a row of symbols as text, else its TeX), with an id from the TeX', async () => {
    const {doc} = await parse('# Note\n\n## Proof of $\\S1$\n\ntext\n\n## $O(n \\log n)$ on $\\mathbb{R}^n$\n\n## Series $\\sum_{k=1}^n k = \\frac{n(n+1)}{2}$\n\n## H<sub>2</sub>O and $x_1$\n')
    expect(doc.headings.map((heading) => [heading.id, heading.text])).toEqual([
      ['proof-of-s1', 'Proof of §1'],
      ['on-log-n-on-mathbbrn', 'O(n log n) on ℝⁿ'],
      ['series-sum_k1n-k--fracnn12', 'Series \\sum_{k=1}^n k = \\frac{n(n+1)}{2}'],
      ['h2o-and-x_1', 'H2O and x₁']
    ])
    expect(doc.sections[0]!.title).toBe('Proof of §1')
  })

  it('title the note as the math reads when the title comes from a heading', async () => {
    const {doc} = await parse('## $\\S1$ 代数系统\n\n### 群\n\ntext\n')
    expect(doc.meta.title).toBe('§1 代数系统')
    expect(doc.headings.map((heading) => [heading.depth, heading.text])).toEqual([[2, '群']])
  })
})
