/** Note summaries for unit tests of collection-step pieces (feeds, sitemap, social tags). */
import type {NoteMeta, NoteSummary} from '../../../src/model.js'

export function summary(slug: string, meta: Partial<NoteMeta> = {}, rest: Partial<NoteSummary> = {}): NoteSummary {
  const fullMeta: NoteMeta = {title: slug, titleSource: 'front-matter', authors: [], lang: 'en', tags: [], extra: {}, ...meta}
  const base: Partial<NoteSummary> = {
    relativePath: `${slug}.md`,
    slug,
    meta: fullMeta,
    headings: [],
    links: [],
    assets: [],
    stats: {words: 10, readingMinutes: 1, headings: 0, codeBlocks: 0, images: 0, links: 0, math: 0},
    summary: meta.description ?? `Text of ${slug}.`,
    anchors: [],
    hash: slug
  }
  return {...base, ...rest} as NoteSummary
}
