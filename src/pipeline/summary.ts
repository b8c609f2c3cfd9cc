/**
 * A note's summary: what collection steps, the note graph and the build
 * cache keep of a document once its trees are gone.
 */
import type {NoteSummary, QuireDocument} from '../model.js'
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
      hash: doc.hash
    } satisfies NoteSummary)
  ) as NoteSummary
}
