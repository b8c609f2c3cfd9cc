/**
 * A note's summary: what collection steps, the note graph and the build
 * cache keep of a document once its trees are gone.
 */
import type {NoteSummary, QuireDocument, Section, SectionText} from '../model.js'
import {collapse} from './excerpt.js'
import {collectIds} from './ids.js'

export function toSummary(doc: QuireDocument): NoteSummary {
  // JSON round trip: plain data only (drops undefined, copies frozen objects).
  return JSON.parse(
    JSON.stringify({
      relativePath: doc.relativePath,
      slug: doc.slug,
      meta: doc.meta,
      headings: doc.headings,
      links: doc.links,
      assets: doc.assets,
      stats: doc.stats,
      summary: doc.summary,
      anchors: [...collectIds(doc.hast)],
      sectionTexts: sectionTexts(doc.sections),
      hash: doc.hash
    } satisfies NoteSummary)
  ) as NoteSummary
}

/** The section tree flattened in document order: each section, then its sub-sections. */
export function sectionTexts(sections: readonly Section[]): SectionText[] {
  const out: SectionText[] = []
  const walk = (list: readonly Section[]) => {
    for (const section of list) {
      out.push({id: section.id, heading: section.title, depth: section.depth, text: collapse(section.text)})
      walk(section.children)
    }
  }
  walk(sections)
  return out
}
