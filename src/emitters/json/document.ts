/**
 * One note as JSON: the document model minus everything tied to this
 * machine (absolute paths) or to one output format (hast). Keys are built
 * in a fixed order and absent values are `null`, so the same note gives the
 * same bytes on every machine.
 */
import type {QuireDocument} from '../../model.js'
import {footnotes} from './footnotes.js'
import {toJsonValue} from './json-value.js'
import type {JsonOptions} from './options.js'
import {toJsonHeadings, toJsonSections} from './sections.js'
import {schemaVersion, type JsonAsset, type JsonDocument, type JsonLink, type JsonMeta} from './shape.js'

/** The JSON of a note; `titles` gives the title of each linked note by slug (from the note graph). */
export function toJsonDocument(doc: QuireDocument, options: Pick<JsonOptions, 'includeMdast'>, titles?: ReadonlyMap<string, string>): JsonDocument {
  const json: JsonDocument = {
    schemaVersion,
    slug: doc.slug,
    source: doc.relativePath,
    sha256: doc.hash,
    meta: toJsonMeta(doc.meta),
    headings: toJsonHeadings(doc.headings),
    sections: toJsonSections(doc.sections, doc.stats.math > 0),
    footnotes: footnotes(doc.mdast),
    // Embeds are recorded as links for the note graph (backlinks); the JSON lists written links only.
    links: doc.links.filter((link) => !link.embed).map((link): JsonLink => ({
      url: link.url,
      text: link.text,
      kind: link.kind,
      target: link.target ?? null,
      targetTitle: (link.target === undefined ? undefined : titles?.get(link.target)) ?? null,
      fragment: link.fragment ?? null,
      line: link.line ?? null,
      column: link.column ?? null
    })),
    // `asset.path` is absolute on this machine: it never goes into the output.
    assets: doc.assets.map((asset): JsonAsset => ({
      url: asset.url,
      role: asset.role,
      remote: asset.remote,
      relativePath: asset.relativePath ?? null,
      mediaType: asset.mediaType ?? null,
      line: asset.line ?? null,
      column: asset.column ?? null
    })),
    stats: {
      words: doc.stats.words,
      readingMinutes: doc.stats.readingMinutes,
      headings: doc.stats.headings,
      codeBlocks: doc.stats.codeBlocks,
      images: doc.stats.images,
      links: doc.stats.links,
      math: doc.stats.math
    }
  }
  // Serialized as is (see `serialize`): converting it first would cost stack depth on deeply nested notes.
  if (options.includeMdast) json.mdast = doc.mdast
  return json
}

function toJsonMeta(meta: QuireDocument['meta']): JsonMeta {
  return {
    title: meta.title,
    titleSource: meta.titleSource,
    subtitle: meta.subtitle ?? null,
    authors: [...meta.authors],
    date: meta.date ?? null,
    lang: meta.lang,
    tags: [...meta.tags],
    description: meta.description ?? null,
    cover: meta.cover ?? null,
    order: meta.order ?? null,
    extra: toJsonValue(meta.extra) as JsonMeta['extra']
  }
}
