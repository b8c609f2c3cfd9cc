/**
 * The note as a thread plan, read from the mdast of its sections: for each
 * top-level section, one item per sub-section (title, speaker handles, key
 * points from its bullets and paragraphs, in order). Platform-neutral: how
 * much of it fits in a post is decided later.
 */
import type {Nodes, PhrasingContent, RootContent} from 'mdast'
import type {QuireDocument, Section} from '../../model.js'
import {siteAddress} from '../../pipeline/pages.js'
import {calloutLead} from './callouts.js'

export interface Point {
  readonly text: string
  /** -1 for a paragraph, 0 for a top-level bullet, 1+ for nested bullets. */
  readonly depth: number
  /** List marker for ordered lists (`3.`); bullets are `-`. */
  readonly marker?: string | undefined
  /** Written right under the previous point (table rows). */
  readonly tight?: boolean | undefined
  /** A code block's summary (`(code: js)`), not a key point of its own. */
  readonly code?: boolean | undefined
  readonly line?: number | undefined
}

export interface Item {
  /** Sub-section title without the handles; undefined for a section's own text. */
  readonly title?: string | undefined
  /** X handles found in the title (`@jasnell`). */
  readonly handles: readonly string[]
  readonly points: readonly Point[]
  readonly line?: number | undefined
}

export interface SectionPlan {
  readonly id: string
  readonly title: string
  readonly items: readonly Item[]
  readonly line?: number | undefined
}

export interface NotePlan {
  readonly title: string
  /** Front matter `description`, else the first paragraph of the preamble. */
  readonly description?: string | undefined
  /** Points of the preamble (used only when the note has no sections). */
  readonly preamble: readonly Point[]
  readonly sections: readonly SectionPlan[]
}

export interface ExtractOptions {
  readonly code: 'summary' | 'drop'
  /** Public site URL without a trailing slash: makes links to other notes absolute. */
  readonly siteUrl?: string | undefined
}

const invalid = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF]/gu

/** One line of plain text: no control or bidi-override characters, NFC, single spaces. */
export function clean(text: string): string {
  return text.replace(invalid, '').replace(/\s+/gu, ' ').trim().normalize('NFC')
}

const handlePattern = /(^|[\s(])@([A-Za-z0-9_]{1,15})(?=$|[\s),.;:!?])/gu

/** `James Snell - AbortController @jasnell` → title `James Snell - AbortController`, handles `@jasnell`. */
export function splitHandles(title: string): {title: string; handles: string[]} {
  const handles: string[] = []
  const rest = title.replace(handlePattern, (_, before: string, name: string) => {
    const handle = `@${name}`
    if (!handles.includes(handle)) handles.push(handle)
    return before
  })
  const tidy = clean(
    rest
      .replace(/\(\s*\)/gu, ' ')
      .replace(/\s+[-–—:|,]\s*(?=\(|$)/gu, ' ')
      .replace(/^\s*[-–—:|,]\s+/u, '')
      .replace(/\s+[-–—:|]\s+[-–—:|]\s+/gu, ' - ')
  )
  return {title: tidy || clean(title), handles}
}

/** The handles of a text made of handles only (`@a @b`, `@a, @b`), else undefined. */
function onlyHandles(text: string): string[] | undefined {
  if (!/^@[A-Za-z0-9_]{1,15}(?:[\s,]+@[A-Za-z0-9_]{1,15})*$/u.test(text)) return undefined
  return [...new Set(text.split(/[\s,]+/u))]
}

export function extractNote(doc: QuireDocument, options: ExtractOptions): NotePlan {
  const preamble = doc.sections.find((section) => section.heading === undefined)
  const preamblePoints = preamble ? pointsOf(preamble.content, 0, options) : []
  const firstParagraph = preamble?.content.find((node) => node.type === 'paragraph')
  const description = doc.meta.description ?? (firstParagraph ? inline(firstParagraph, options) : undefined)
  return {
    title: clean(doc.meta.title),
    description: description ? clean(description) || undefined : undefined,
    preamble: preamblePoints,
    sections: doc.sections.filter((section) => section.heading !== undefined).map((section) => sectionPlan(section, options))
  }
}

function sectionPlan(section: Section, options: ExtractOptions): SectionPlan {
  const items: Item[] = []
  const own = pointsOf(section.content, 0, options)
  if (own.length > 0) items.push({handles: [], points: own, line: section.heading?.line})
  for (const child of section.children) {
    const {title, handles} = splitHandles(child.title)
    const points = descendantPoints(child, options, 0)
    // A first bullet that is only handles (`- @sienaluke`) names the speaker: it joins the title's handles.
    const first = points[0]
    const speakers = first && first.depth <= 0 && !(points[1] && points[1].depth > first.depth) ? onlyHandles(first.text) : undefined
    if (speakers) for (const handle of speakers) if (!handles.includes(handle)) handles.push(handle)
    items.push({title: title || undefined, handles, points: speakers ? points.slice(1) : points, line: child.heading?.line})
  }
  return {id: section.id ?? '', title: clean(section.title), items, line: section.heading?.line}
}

/** A sub-section's own points, then each deeper heading as a bullet with its points below it. */
function descendantPoints(section: Section, options: ExtractOptions, shift: number): Point[] {
  const points = pointsOf(section.content, 0, options).map((point) => shifted(point, shift))
  for (const child of section.children) {
    points.push({text: clean(child.title), depth: shift, line: child.heading?.line})
    points.push(...descendantPoints(child, options, shift + 1))
  }
  return points
}

function shifted(point: Point, shift: number): Point {
  return shift === 0 ? point : {...point, depth: point.depth < 0 ? shift : point.depth + shift}
}

/** Key points of block content: paragraphs at depth -1, bullets at their nesting depth (flattened in order). */
export function pointsOf(nodes: readonly RootContent[] | readonly Nodes[], listDepth: number, options: ExtractOptions, inList = false): Point[] {
  const points: Point[] = []
  const add = (text: string, depth: number, node: Nodes, extra?: Pick<Point, 'marker' | 'tight' | 'code'>) => {
    const value = clean(text)
    if (value !== '') points.push({text: value, depth, line: node.position?.start.line, ...extra})
  }
  // Text outside a list is a paragraph-level point; inside one, at the list's depth.
  const depth = inList ? listDepth : -1
  for (const node of nodes as readonly Nodes[]) {
    switch (node.type) {
      case 'list':
        node.children.forEach((item, index) => {
          const [first, ...rest] = item.children
          const task = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : ''
          const marker = node.ordered ? `${(node.start ?? 1) + index}.` : undefined
          if (first?.type === 'paragraph') add(task + inline(first, options), listDepth, first, {marker})
          else if (first) points.push(...pointsOf([first], listDepth, options, true))
          points.push(...pointsOf(rest, listDepth + 1, options, true))
        })
        break
      case 'code':
        if (options.code === 'summary') add(node.lang ? `(code: ${node.lang})` : '(code)', depth, node, {code: true})
        break
      case 'math':
        // Display math is a point of its own, as its TeX: what the reader of a post can read.
        add(node.value, depth, node)
        break
      case 'blockquote':
        points.push(...pointsOf(node.children, listDepth, options, inList))
        break
      case 'callout': {
        // One point: the marker, the title and the first paragraph; what follows it goes under it.
        const [title, first, ...rest] = node.children
        const {lead, join} = calloutLead(node.calloutType, clean(inline(title, options)))
        const more = first?.type === 'paragraph' ? rest : first ? [first, ...rest] : []
        const opening = first?.type === 'paragraph' ? clean(inline(first, options)) : ''
        add(opening ? lead + join + opening : more.length > 0 && join === ': ' ? `${lead}:` : lead, depth, node)
        points.push(...pointsOf(more, depth + 1, options, true))
        break
      }
      case 'table':
        node.children.forEach((row, index) => {
          add(row.children.map((cell) => inline(cell, options)).join(' | '), depth, row, {tight: index > 0})
        })
        break
      case 'html':
      case 'definition':
      case 'footnoteDefinition':
      case 'thematicBreak':
      case 'yaml':
        break
      default:
        // Paragraphs and headings too: their inline text is the point.
        if ('children' in node) add(inline(node, options), depth, node)
        else if ('value' in node && typeof node.value === 'string') add(node.value, depth, node)
    }
  }
  return points
}

/** Text of phrasing content; a link keeps its URL when the URL is public and differs from its text. */
export function inline(node: Nodes, options: ExtractOptions): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'tag':
    // Math as its TeX, without dollars: as the heading titles read it.
    case 'inlineMath':
      return node.value
    case 'break':
      return ' '
    case 'image':
      return node.alt ?? ''
    case 'html':
    case 'footnoteReference':
    case 'imageReference':
      return ''
    case 'link': {
      const text = children(node.children, options)
      const url = publicUrl(node.url, options)
      if (!url) return text
      const bare = clean(text)
      if (bare === url || `http://${bare}` === url || `https://${bare}` === url || bare === '') return url
      return `${text} (${url})`
    }
    default:
      return 'children' in node ? children(node.children as Nodes[], options) : ''
  }
}

function children(nodes: readonly Nodes[] | readonly PhrasingContent[], options: ExtractOptions): string {
  return (nodes as readonly Nodes[]).map((child) => inline(child, options)).join('')
}

function publicUrl(url: string, options: ExtractOptions): string | undefined {
  if (/^https?:\/\//i.test(url)) return url
  // Links to other notes were rewritten to `<slug>.html#frag` by the pipeline.
  if (options.siteUrl && /^[^:/?#]+\.html(?:#.*)?$/u.test(url)) return siteAddress(options.siteUrl, url)
  return undefined
}

/** `#` + a CamelCase token per tag (`node.js` → `#NodeJs`); tags without a letter are skipped. */
export function hashtags(tags: readonly string[], max: number): string[] {
  const out: string[] = []
  for (const tag of tags) {
    const token = clean(tag.replace(/^[#＃]+/u, ''))
      .split(/[^\p{L}\p{N}\p{M}_]+/u)
      .filter(Boolean)
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('')
    if (!/\p{L}/u.test(token)) continue
    const tagText = `#${token}`
    if (!out.some((seen) => seen.toLowerCase() === tagText.toLowerCase())) out.push(tagText)
    if (out.length >= max) break
  }
  return out
}
