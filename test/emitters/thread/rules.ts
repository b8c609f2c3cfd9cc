/**
 * The platforms' own rules, written here independently of the emitter so
 * the tests do not grade the code with its own ruler.
 */
import twitter from 'twitter-text'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import type {Nodes, Root} from 'mdast'

const segmenter = new Intl.Segmenter('en', {granularity: 'grapheme'})

export const limits = {x: 280, bluesky: 300, mastodon: 500} as const
export type PlatformName = keyof typeof limits

export function withinLimit(platform: PlatformName, text: string, limit: number = limits[platform]): boolean {
  switch (platform) {
    case 'x': {
      const parsed = twitter.parseTweet(text)
      return limit === 280 ? parsed.valid : parsed.weightedLength <= limit
    }
    case 'bluesky':
      return [...segmenter.segment(text)].length <= limit
    case 'mastodon':
      // Mastodon: URLs (with protocol) count 23; remote mentions count their local part.
      return [...text.replace(/https?:\/\/[^\s]+/gu, 'x'.repeat(23)).replace(/(@\w+)@[\w.-]+\w/gu, '$1')].length <= limit
  }
}

/** Posts without their `i/n` suffix. */
export function stripNumbering(post: string): string {
  return post.replace(/\n\n\d+\/\d+$/u, '')
}

/** Whitespace, ellipses and bullet dashes removed: what must survive any split. */
export function squash(text: string): string {
  return text
    .normalize('NFC')
    .replace(/^\s*- /gmu, '')
    .replace(/…/gu, '')
    .replace(/\s+/gu, '')
}

/** `a` contains each of `parts` in order (each part after the previous one). */
export function missingInOrder(haystack: string, parts: readonly string[]): string[] {
  const missing: string[] = []
  let at = 0
  for (const part of parts) {
    const found = haystack.indexOf(part, at)
    if (found === -1) missing.push(part)
    else at = found + part.length
  }
  return missing
}

export function parseMarkdown(source: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(source.replace(/^---\n[\s\S]*?\n---\n/u, ''))
}

/** Text of a node, links written `text (url)` (or just the URL when it is the text), as the issue asks. */
function text(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value
  if (node.type === 'link') {
    const inner = node.children.map(text).join('')
    if (!/^https?:/u.test(node.url)) return inner
    return inner === node.url || `http://${inner}` === node.url || `https://${inner}` === node.url ? node.url : `${inner} (${node.url})`
  }
  if (node.type === 'image') return node.alt ?? ''
  if (node.type === 'break') return ' '
  return 'children' in node ? (node.children as Nodes[]).map(text).join('') : ''
}

/**
 * The key points of a note's sections, in order: the text of every
 * paragraph from the first top-level section on (the lifted title and the
 * preamble are not part of section threads), plus every URL in them.
 */
export function keyPoints(source: string): {points: string[]; urls: string[]} {
  const tree = parseMarkdown(source)
  let nodes = tree.children
  const firstHeading = nodes.findIndex((node) => node.type === 'heading')
  // The first `#` heading is the title (lifted out of the body) unless front matter has another title.
  const frontMatterTitle = /^---\n[\s\S]*?^title: *(.+)$/mu.exec(source)?.[1]?.trim()
  const first = nodes[firstHeading]
  if (first?.type === 'heading' && first.depth === 1 && (frontMatterTitle === undefined || text(first) === frontMatterTitle)) {
    nodes = nodes.filter((_, index) => index !== firstHeading)
  }
  const depths = nodes.flatMap((node) => (node.type === 'heading' ? [node.depth] : []))
  if (depths.length === 0) return {points: [], urls: []}
  const top = Math.min(...depths)
  const start = nodes.findIndex((node) => node.type === 'heading' && node.depth === top)
  const points: string[] = []
  const urls: string[] = []
  const walk = (node: Nodes) => {
    if (node.type === 'paragraph') {
      points.push(text(node).replace(/\s+/gu, ' ').trim())
      return
    }
    // Headings are titles, not points; footnotes are annotations and stay out of threads.
    if (node.type === 'heading' || node.type === 'footnoteDefinition') return
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child)
  }
  const collectUrls = (node: Nodes) => {
    if (node.type === 'link' && /^https?:/u.test(node.url)) urls.push(node.url)
    if ('children' in node) for (const child of node.children as Nodes[]) collectUrls(child)
  }
  for (const node of nodes.slice(start)) {
    walk(node)
    if (node.type !== 'heading') collectUrls(node)
  }
  return {points: points.filter(Boolean), urls: [...new Set(urls)]}
}

/** A top-level key point of a sub-section: a paragraph or a top-level bullet, with the bullets nested under it. */
export interface KeyPoint {
  readonly text: string
  /** A bullet (else a paragraph). */
  readonly bullet: boolean
  readonly children: readonly string[]
}

export interface Talk {
  readonly section: string
  readonly title: string
  /** Handles in the heading, then those of a first bullet made of handles only. */
  readonly handles: readonly string[]
  readonly points: readonly KeyPoint[]
}

const handleRe = /@[A-Za-z0-9_]{1,15}\b/gu

/**
 * The sub-sections (`##` under `#` in the sample) with their key points as
 * written in the note: paragraphs and top-level bullets in order, code
 * blocks left out. Supports only what the sample's talks contain.
 */
export function talks(source: string): Talk[] {
  const tree = parseMarkdown(source)
  const out: {section: string; title: string; handles: string[]; points: KeyPoint[]}[] = []
  let section: string | undefined
  const nested = (node: Nodes): string[] =>
    node.type === 'paragraph' ? [flat(node)] : node.type === 'list' ? node.children.flatMap((item) => item.children.flatMap(nested)) : []
  let previous: Nodes | undefined
  const flat = (node: Nodes) => text(node).replace(/\s+/gu, ' ').trim()
  for (const node of tree.children.slice(1)) {
    if (node.type === 'heading' && node.depth === 1) section = flat(node)
    else if (node.type === 'heading' && node.depth === 2 && section !== undefined) {
      const title = flat(node)
      out.push({section, title, handles: title.match(handleRe) ?? [], points: []})
    } else if (out.length > 0 && section !== undefined) {
      const talk = out[out.length - 1]!
      const last = talk.points[talk.points.length - 1]
      if (node.type === 'paragraph') talk.points.push({text: flat(node), bullet: false, children: []})
      else if (node.type === 'list' && previous?.type === 'paragraph' && last && /:$/u.test(last.text)) {
        // A paragraph leading into a list with `:` owns it.
        talk.points[talk.points.length - 1] = {...last, children: nested(node)}
      } else if (node.type === 'list') {
        for (const item of node.children) {
          const [first, ...rest] = item.children
          if (first?.type !== 'paragraph') throw new Error(`unsupported list item at line ${item.position?.start.line}`)
          talk.points.push({text: flat(first), bullet: true, children: rest.flatMap(nested)})
        }
      } else if (node.type !== 'code' && node.type !== 'html') throw new Error(`unsupported ${node.type} at line ${node.position?.start.line}`)
    }
    previous = node
  }
  for (const talk of out) {
    const first = talk.points[0]
    if (first && first.children.length === 0 && /^(@[A-Za-z0-9_]{1,15}[\s,]*)+$/u.test(first.text)) {
      talk.handles.push(...(first.text.match(handleRe) ?? []))
      talk.points.shift()
    }
  }
  return out
}
