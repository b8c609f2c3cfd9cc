/**
 * ```` ```mermaid ```` blocks become SVG at build time (drawn by the build's
 * diagram renderer, see `src/browser/diagrams.ts`), inlined in a
 * `<figure class="diagram">` that every format shows as it is: no script
 * on the page, text that prints and can be selected. Each SVG's ids are made
 * unique in the note (two diagrams never share an id), and it gets an
 * accessible name: its `accTitle` or `title`, else its first line.
 *
 * A diagram mermaid cannot read is a positioned `diagram-invalid` warning
 * with mermaid's message, and its code block stays. Without a browser the
 * note gets a `diagrams-unavailable` warning (the build shows it once) and
 * keeps its code blocks. Runs after sanitizing: the SVG is mermaid's
 * (`securityLevel: 'strict'`), not the note's raw HTML.
 */
import type {Element, ElementContent, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toString} from 'hast-util-to-string'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {someNode} from '../some-node.js'

/** What the renderer answers for each source. */
export interface RenderedDiagram {
  readonly svg?: string | undefined
  readonly error?: string | undefined
}

/** The id the renderer gives every SVG; replaced here by one unique in the note. */
const rendererId = 'quire-diagram'

export default function rehypeMermaid() {
  return async function (tree: Root, file: VFile): Promise<void> {
    // Read from what is written first: most notes have no diagram, and their tree need not be walked.
    if (!String(file.value ?? '').includes('mermaid') || !someNode(tree, isMermaidBlock)) return
    const render = file.data.quire?.renderDiagrams
    if (!render) return
    const blocks: Array<{pre: Element; parent: Root | Element; source: string}> = []
    visit(tree, 'element', (node, _index, parent) => {
      if (parent && isMermaidBlock(node)) blocks.push({pre: node, parent: parent as Root | Element, source: toString(node).replace(/\n$/, '')})
    })
    let results: readonly RenderedDiagram[]
    try {
      results = await render(blocks.map((block) => block.source))
    } catch (error) {
      file.message(`Diagrams are shown as code: ${error instanceof Error ? error.message : String(error)}`, {place: blocks[0]!.pre.position, ruleId: 'diagrams-unavailable', source: 'quire'})
      return
    }
    blocks.forEach(({pre, parent, source}, index) => {
      const result = results[index]
      if (!result?.svg) {
        const reason = (result?.error ?? 'no drawing').split('\n').map((line) => line.trim()).filter(Boolean).join(' ')
        file.message(`Diagram not drawn: ${reason}`, {place: pre.position, ruleId: 'diagram-invalid', source: 'quire'})
        return
      }
      const unique = `diagram-${index + 1}`
      const svg = fromHtml(result.svg.replaceAll(rendererId, unique), {fragment: true}).children.find((node): node is Element => node.type === 'element' && node.tagName === 'svg')
      if (!svg) return
      // Mermaid sizes the drawing with an inline `max-width`: its natural width as an attribute instead (the
      // stylesheets scale it down to the text), so pages keep no inline style.
      const natural = /max-width:\s*([\d.]+)px/.exec(String(svg.properties.style ?? ''))?.[1]
      if (natural) svg.properties.width = String(Math.ceil(Number(natural)))
      delete svg.properties.style
      svg.properties.role = 'img'
      svg.properties.ariaLabel = accessibleName(source)
      delete svg.properties.ariaRoleDescription
      const figure: Element = {type: 'element', tagName: 'figure', properties: {className: ['diagram']}, children: [svg], position: pre.position}
      const at = parent.children.indexOf(pre)
      if (at !== -1) parent.children.splice(at, 1, figure as ElementContent)
    })
  }
}

function isMermaidBlock(node: {type: string}): node is Element {
  if (node.type !== 'element') return false
  const element = node as Element
  const code = element.tagName === 'pre' ? element.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code') : undefined
  const classes = code?.properties.className
  return Array.isArray(classes) && classes.includes('language-mermaid')
}

/** `accTitle: …`, else a front matter or `title …` line, else the first line of the source. */
function accessibleName(source: string): string {
  const lines = source.split('\n').map((line) => line.trim()).filter(Boolean)
  const titled = lines.map((line) => /^(?:accTitle\s*:|title\s*:?)\s*(.+)$/.exec(line)?.[1]).find(Boolean)
  const first = lines.find((line) => line !== '---') ?? 'Diagram'
  return (titled ?? first).slice(0, 200)
}
