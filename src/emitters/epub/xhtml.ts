/**
 * hast → XHTML for EPUB content documents. EPUB 3 content is HTML5 in XML
 * syntax: void elements self-closed, attributes always quoted with a value,
 * only the five XML entities. Attributes HTML5 made obsolete (and epubcheck
 * rejects) become classes the stylesheet understands; form controls become
 * characters that any reading system shows.
 */
import type {Element, ElementContent, Nodes, Root} from 'hast'
import {find, svg as svgSchema} from 'property-information'
import {visit, SKIP} from 'unist-util-visit'

/** Attributes valid in HTML 4 but not in HTML5 (epubcheck errors), dropped after their meaning is kept. */
const obsolete = new Set([
  'align', 'valign', 'nowrap', 'char', 'charOff', 'axis', 'compact', 'hSpace', 'vSpace', 'noShade',
  'clear', 'charSet', 'rev', 'shape', 'coords', 'frame', 'rules', 'summary', 'cellPadding', 'cellSpacing', 'bgColor',
  'color', 'face', 'language', 'border'
])
const alignments = new Set(['left', 'center', 'right', 'justify'])
/** Active content, and `source` (its `srcset` would name files the EPUB does not embed: the `img` fallback stays). */
const removed = new Set(['script', 'style', 'iframe', 'object', 'embed', 'source'])
/** Elements HTML5 made obsolete (allowed by GitHub's sanitize schema), and their modern equivalents. */
const renamed: Readonly<Record<string, string>> = {tt: 'code', strike: 's', center: 'div', big: 'span', acronym: 'abbr'}

/**
 * Make a (cloned) tree valid EPUB 3 XHTML content, in place:
 * - `align` → class `align-<value>` (table column alignment survives);
 * - task-list checkboxes → ☑ / ☐ with an accessible label;
 * - `script`, `style`, embeds and `on*` handlers removed (the pipeline sanitized already; this is a second line);
 * - `srcset`, `<source>` and `<picture>` removed: only `src` images are embedded;
 * - `name` on anchors → `id` when there is none; `tt`, `strike` and co. → their HTML5 equivalents;
 * - MathML is left as it is.
 */
export function prepareTree(tree: Root | Element): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName === 'svg') {
      // An SVG (a diagram) keeps its own styles and attributes: only what could run goes.
      cleanSvg(node)
      return SKIP
    }
    // MathML (from KaTeX, see mathml.ts) has attributes of its own (`<mspace width>`): none of this applies.
    if (node.tagName === 'math') return SKIP
    if (parent && index !== undefined && removed.has(node.tagName)) {
      parent.children.splice(index, 1)
      return [SKIP, index]
    }
    if (node.tagName === 'picture' && parent && index !== undefined) {
      // Keep only what is inside: the `img` fallback (a `picture` without its `img` is invalid).
      parent.children.splice(index, 1, ...node.children)
      return index
    }
    if (node.tagName === 'input') {
      const replacement = node.properties.type === 'checkbox' ? checkbox(node.properties.checked === true) : undefined
      if (parent && index !== undefined) {
        if (replacement) parent.children[index] = replacement
        else parent.children.splice(index, 1)
        return [SKIP, replacement ? index + 1 : index]
      }
    }
    const properties = node.properties
    const modern = renamed[node.tagName]
    if (modern) {
      if (node.tagName === 'center') addClass(node, 'align-center')
      node.tagName = modern
    }
    for (const key of Object.keys(properties)) {
      if (/^on/i.test(key)) delete properties[key]
    }
    delete properties.srcSet
    const align = properties.align
    if (typeof align === 'string' && alignments.has(align.toLowerCase())) addClass(node, `align-${align.toLowerCase()}`)
    if (node.tagName === 'a' && typeof properties.name === 'string') {
      properties.id ??= properties.name
      delete properties.name
    }
    for (const key of Object.keys(properties)) {
      if (obsolete.has(key)) delete properties[key]
    }
    // HTML5 sizes only images, and only in whole pixels (`width="50%"` is an epubcheck error).
    for (const key of ['width', 'height', 'size']) {
      if (properties[key] === undefined) continue
      if (node.tagName !== 'img' || key === 'size' || !/^\d+$/.test(String(properties[key]))) delete properties[key]
    }
    return undefined
  })
}

/** Scripts, event handlers and embedded HTML out of an SVG. */
function cleanSvg(svg: Element): void {
  visit(svg, 'element', (node, index, parent) => {
    if (parent && index !== undefined && (node.tagName === 'script' || node.tagName === 'foreignObject')) {
      parent.children.splice(index, 1)
      return [SKIP, index]
    }
    for (const key of Object.keys(node.properties)) if (/^on/i.test(key)) delete node.properties[key]
    // Not an SVG attribute (mermaid puts it on some groups): EPUB's schema refuses it.
    delete node.properties.name
    // EPUB checks SVG 1.1, where a rect needs both sizes (SVG 2 makes them optional): an unsized one draws nothing either way.
    if (node.tagName === 'rect') {
      node.properties.width ??= 0
      node.properties.height ??= 0
    }
    return undefined
  })
}

function checkbox(checked: boolean): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: {className: ['task', checked ? 'task-done' : 'task-open'], role: 'img', ariaLabel: checked ? 'done' : 'not done'},
    children: [{type: 'text', value: checked ? '☑' : '☐'}]
  }
}

export function addClass(node: Element, name: string): void {
  const current = node.properties.className
  const list = Array.isArray(current) ? current.map(String) : typeof current === 'string' ? String(current).split(/\s+/).filter(Boolean) : []
  if (!list.includes(name)) list.push(name)
  node.properties.className = list
}

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])
const specialNames: Readonly<Record<string, string>> = {className: 'class', htmlFor: 'for', httpEquiv: 'http-equiv', acceptCharset: 'accept-charset'}
const commaSeparated = new Set(['accept', 'coords', 'sizes', 'srcSet'])

/**
 * Serialize hast as HTML5 in XML syntax (the body of a content document).
 * hast-util-to-html writes boolean attributes without a value, which is not
 * XML; this writes `name="name"`, self-closes void elements, uses only the
 * XML entities, and drops comments, raw HTML and characters XML forbids.
 */
export function toXhtml(tree: Nodes | readonly ElementContent[]): string {
  const nodes: readonly Nodes[] = Array.isArray(tree) ? (tree as ElementContent[]) : [tree as Nodes]
  return nodes.map((node) => serialize(node)).join('')
}

function serialize(node: Nodes, inSvg = false): string {
  switch (node.type) {
    case 'root':
      return node.children.map((child) => serialize(child)).join('')
    case 'text':
      return escapeXml(node.value, false)
    case 'element': {
      // SVG names are case-sensitive (`viewBox`, `foreignObject`) and spelled as SVG spells them (`stroke-width`).
      const svg = inSvg || node.tagName === 'svg'
      const name = svg ? node.tagName : node.tagName.toLowerCase()
      let attributes = ''
      for (const [key, value] of Object.entries(node.properties)) {
        const attribute = svg && !/^data[A-Z0-9]/.test(key) ? find(svgSchema, key).attribute : attributeName(key)
        if (value === null || value === undefined || value === false || !/^[a-zA-Z_:][-a-zA-Z0-9_.:]*$/.test(attribute)) continue
        const text = value === true ? attribute : Array.isArray(value) ? value.join(commaSeparated.has(key) ? ', ' : ' ') : String(value)
        attributes += ` ${attribute}="${escapeXml(text, true)}"`
      }
      if (!svg && voidElements.has(name)) return `<${name}${attributes}/>`
      const inner = node.children.map((child) => serialize(child, svg)).join('')
      return svg && inner === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${inner}</${name}>`
    }
    default:
      // Comments, doctypes and raw HTML have no place in a chapter body.
      return ''
  }
}

function attributeName(key: string): string {
  const special = specialNames[key]
  if (special) return special
  if (/^aria[A-Z]/.test(key)) return 'aria-' + key.slice(4).toLowerCase()
  if (/^data[A-Z]/.test(key)) return key.replace(/[A-Z]/g, (char) => '-' + char.toLowerCase())
  return key.toLowerCase()
}

/** Escape text for XML content and attribute values. */
export function escapeXml(value: string, attribute = true): string {
  // Characters XML 1.0 does not allow at all are dropped.
  const clean = value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
  return attribute ? clean.replace(/[&<>"]/g, (char) => entities[char]!) : clean.replace(/[&<>]/g, (char) => entities[char]!)
}

const entities: Readonly<Record<string, string>> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}

