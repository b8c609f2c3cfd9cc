/** `json/index.json`: the site and one entry per note, in collection order (newest first). */
import type {ResolvedConfig} from '../../config/types.js'
import type {NoteSummary} from '../../model.js'
import {pageFile, pageUrl} from '../../pipeline/pages.js'
import {schemaVersion, type JsonIndex, type JsonIndexEntry} from './shape.js'

export const documentPath = (slug: string): string => `json/${slug}.json`
export const indexPath = 'json/index.json'
/** Where the `html` format writes a note, relative to the output folder. */
export const htmlPath = (slug: string): string => `html/${pageFile(slug)}`

export function toJsonIndex(site: ResolvedConfig['site'], documents: readonly NoteSummary[]): JsonIndex {
  return {
    schemaVersion,
    site: {
      title: site.title,
      url: site.url ?? null,
      description: site.description ?? null,
      lang: site.lang
    },
    notes: documents.map(
      (doc): JsonIndexEntry => ({
        slug: doc.slug,
        source: doc.relativePath,
        title: doc.meta.title,
        subtitle: doc.meta.subtitle ?? null,
        date: doc.meta.date ?? null,
        description: doc.meta.description ?? null,
        authors: [...doc.meta.authors],
        lang: doc.meta.lang,
        tags: [...doc.meta.tags],
        words: doc.stats.words,
        readingMinutes: doc.stats.readingMinutes,
        html: htmlPath(doc.slug),
        // The html folder is the site's root (see the html format).
        url: site.url ? pageUrl(site.url, doc.slug) : null,
        json: documentPath(doc.slug)
      })
    )
  }
}
