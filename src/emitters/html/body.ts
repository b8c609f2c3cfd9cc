/**
 * Turns a note's hast into the body of its page, on a clone (the document is
 * frozen and shared with other formats):
 *
 * - heading levels follow the outline, so the page title is the only `h1`
 *   and no level is skipped: top-level headings of the body become `h2`,
 *   their sub-headings `h3`, and so on (at most `h6`);
 * - each outline heading gets a `#` link to itself (option `headingAnchors`);
 * - images load lazily, with their pixel size when known (no layout shift);
 * - table cell alignment moves from the obsolete `align` attribute to a class;
 * - a link to another note shows that note's title on hover;
 * - an inline `#tag` links to the tag's page.
 */
import type {Element, Root} from 'hast'
import {visit} from 'unist-util-visit'
import type {Heading, QuireDocument} from '../../model.js'
import {labelLang, labels} from './format.js'
import {tagHref} from './tags.js'
import type {ImageSize} from './image-size.js'

export interface BodyOptions {
  readonly headingAnchors: boolean
  /** The page's language (the anchors' labels are English). */
  readonly lang: string
  /** Pixel sizes of local images by their URL, for `width` and `height`. */
  readonly imageSizes?: ReadonlyMap<string, ImageSize> | undefined
  /** Titles of linked notes by slug: a tooltip on each link to another note. */
  readonly linkTitles?: ReadonlyMap<string, string> | undefined
}

const headingTag = /^h([1-6])$/

export function pageBody(doc: QuireDocument, options: BodyOptions): Root {
  const tree = structuredClone(doc.hast) as Root
  const outline = outlineLevels(doc.headings)
  visit(tree, 'element', (node) => {
    const heading = headingTag.exec(node.tagName)
    if (heading) {
      const id = typeof node.properties.id === 'string' ? node.properties.id : undefined
      const entry = id === undefined ? undefined : outline.get(id)
      if (entry) {
        node.tagName = `h${entry.level}`
        if (options.headingAnchors) node.children.push({type: 'text', value: ' '}, anchor(entry.heading, options.lang))
      } else if (heading[1] === '1') {
        // An `h1` outside the outline (in a quote, in raw HTML): the page title keeps the only `h1`.
        node.tagName = 'h2'
      }
    } else if (node.tagName === 'img') {
      node.properties.loading = 'lazy'
      node.properties.decoding = 'async'
      const size = typeof node.properties.src === 'string' ? options.imageSizes?.get(node.properties.src) : undefined
      if (size && node.properties.width === undefined && node.properties.height === undefined) {
        node.properties.width = size.width
        node.properties.height = size.height
      }
    } else if (node.tagName === 'td' || node.tagName === 'th') {
      moveAlign(node)
    } else if (node.tagName === 'span' && typeof node.properties.dataTag === 'string' && hasClass(node, 'tag')) {
      // An inline `#tag` links to its page.
      node.tagName = 'a'
      node.properties.href = tagHref(node.properties.dataTag, '')
    } else if (node.tagName === 'a' && typeof node.properties.dataNote === 'string') {
      const title = options.linkTitles?.get(node.properties.dataNote)
      if (title !== undefined && node.properties.title === undefined) node.properties.title = title
    }
  })
  return tree
}

/** Rendered level of each outline heading by id: nesting depth + 1, from `h2` to at most `h6`. */
function outlineLevels(headings: readonly Heading[]): Map<string, {heading: Heading; level: number}> {
  const levels = new Map<string, {heading: Heading; level: number}>()
  const walk = (list: readonly Heading[], level: number) => {
    for (const heading of list) {
      levels.set(heading.id, {heading, level: Math.min(level, 6)})
      walk(heading.children, level + 1)
    }
  }
  walk(headings, 2)
  return levels
}

function anchor(heading: Heading, lang: string): Element {
  return {
    type: 'element',
    tagName: 'a',
    properties: {className: ['heading-anchor'], href: `#${heading.id}`, ariaLabel: `${labels.permalink} ${heading.text}`, ...labelLang(lang)},
    children: [{type: 'text', value: '#'}]
  }
}

function moveAlign(node: Element): void {
  const align = node.properties.align
  if (align === undefined || align === null) return
  delete node.properties.align
  if (align === 'left' || align === 'center' || align === 'right') {
    const classes = Array.isArray(node.properties.className) ? node.properties.className : []
    node.properties.className = [...classes, `align-${align}`]
  }
}

function hasClass(node: Element, name: string): boolean {
  const value = node.properties.className
  return Array.isArray(value) ? value.includes(name) : value === name
}
