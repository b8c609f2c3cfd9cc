/**
 * A light document: what collection hooks of worker-safe emitters read
 * (metadata, outline, links, assets, stats), without the trees. It is
 * plain data, so it crosses worker threads and is stored in the cache;
 * 500 of them fit in a few MB where 500 full documents take gigabytes.
 */
import type {Element, Root as HastRoot} from 'hast'
import type {Heading, QuireDocument, Section} from '../model.js'
import {deepFreeze} from '../pipeline/freeze.js'
import {fromPlainMessage, toPlainMessage, type PlainMessage} from './messages.js'

export interface LightDocument {
  readonly path: string
  readonly relativePath: string
  readonly slug: string
  readonly meta: QuireDocument['meta']
  readonly headings: readonly Heading[]
  readonly sections: readonly LightSection[]
  readonly assets: QuireDocument['assets']
  readonly links: QuireDocument['links']
  readonly stats: QuireDocument['stats']
  readonly summary: string
  readonly messages: readonly PlainMessage[]
  readonly hash: string
  /** Every element `id` of the hast, with its tag name: what a `#fragment` can point at. */
  readonly anchors: ReadonlyArray<readonly [tagName: string, id: string]>
}

/** A section without its content; its heading is found again by `id` in `headings`. */
interface LightSection {
  readonly depth: number
  readonly id?: string | undefined
  readonly title: string
  readonly text: string
  readonly children: readonly LightSection[]
}

/** Section text is kept up to this many characters in total: enough for a summary. */
const keptText = 1000

export function toLight(doc: QuireDocument): LightDocument {
  let budget = keptText
  const sections = (list: readonly Section[]): LightSection[] =>
    list.map((section) => {
      const text = budget > 0 ? section.text : ''
      budget -= text.length
      const light: LightSection = {depth: section.depth, id: section.id, title: section.title, text, children: sections(section.children)}
      return light
    })
  const anchors: Array<[string, string]> = []
  const visit = (node: {type: string; tagName?: string; properties?: Record<string, unknown>; children?: unknown[]}): void => {
    if (node.type === 'element') {
      const id = node.properties?.id
      if (typeof id === 'string' && id) anchors.push([node.tagName!, id])
    }
    for (const child of node.children ?? []) visit(child as typeof node)
  }
  visit(doc.hast as never)
  // JSON round trip: plain data only (drops undefined, copies frozen objects).
  return JSON.parse(
    JSON.stringify({
      path: doc.path,
      relativePath: doc.relativePath,
      slug: doc.slug,
      meta: doc.meta,
      headings: doc.headings,
      sections: sections(doc.sections),
      assets: doc.assets,
      links: doc.links,
      stats: doc.stats,
      summary: doc.summary,
      messages: doc.messages.map(toPlainMessage),
      hash: doc.hash,
      anchors
    })
  ) as LightDocument
}

/**
 * A QuireDocument-shaped view of a light document for collection hooks:
 * `mdast` is an empty root, `hast` holds only the id-carrying elements
 * (empty), section `content` is empty and section `text` is cut after the
 * first ~1000 characters of the note.
 */
export function fromLight(light: LightDocument): QuireDocument {
  const byId = new Map<string, Heading>()
  const index = (list: readonly Heading[]): void => {
    for (const heading of list) {
      byId.set(heading.id, heading)
      index(heading.children)
    }
  }
  index(light.headings)
  const sections = (list: readonly LightSection[]): Section[] =>
    list.map((section) => ({
      heading: section.id === undefined ? undefined : byId.get(section.id),
      depth: section.depth,
      id: section.id,
      title: section.title,
      content: [],
      text: section.text,
      children: sections(section.children)
    }))
  const hast: HastRoot = {
    type: 'root',
    children: light.anchors.map(([tagName, id]): Element => ({type: 'element', tagName, properties: {id}, children: []}))
  }
  return deepFreeze({
    path: light.path,
    relativePath: light.relativePath,
    slug: light.slug,
    meta: light.meta,
    mdast: {type: 'root', children: []},
    hast,
    headings: light.headings,
    sections: sections(light.sections),
    assets: light.assets,
    links: light.links,
    stats: light.stats,
    summary: light.summary,
    messages: light.messages.map(fromPlainMessage),
    hash: light.hash
  })
}
