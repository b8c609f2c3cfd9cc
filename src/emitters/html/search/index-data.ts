/**
 * `html/search-index.js`: every section of every note in a MiniSearch index
 * built at build time, with what a result shows (note title, heading, the
 * start of the section's text). A classic script that assigns one global,
 * so pages load it with a `<script>` tag: no fetch, which a page opened
 * from `file://` may not do. Same notes, same bytes: notes sorted by slug,
 * sections in document order, no dates.
 */
import type {NoteSummary} from '../../../model.js'
import {pageFile} from '../../../pipeline/pages.js'
import type {SearchCore} from './core.js'

/** The global the script assigns; search.js reads it. */
export const indexGlobal = 'quireSearchIndex'
/** Bump when the shape below changes: search.js refuses an index it does not know. */
export const indexFormat = 1
/** Fields searched, in the order MiniSearch numbers them. */
export const searchFields = ['title', 'heading', 'text'] as const
/** Characters of a section's text kept for its excerpt (the whole text is searched). */
export const storedTextLength = 500

export interface SearchIndexData {
  readonly format: number
  readonly fields: readonly string[]
  /** Per note: its title, its page (relative to the site root) and its language. */
  readonly notes: ReadonlyArray<readonly [title: string, page: string, lang: string]>
  /**
   * Per section, by its index (the MiniSearch document id): the note's
   * index in `notes`, the heading id ('' for the page top), the heading
   * text ('' for the page top), the start of its text.
   */
  readonly sections: ReadonlyArray<readonly [note: number, id: string, heading: string, text: string]>
  /** MiniSearch's index, packed (see `expandIndex` in search-core.js). */
  readonly index: PackedIndex
}

export interface PackedIndex {
  readonly fieldIds: Readonly<Record<string, number>>
  readonly averageFieldLength: readonly number[]
  /** Per document, the number of terms in each field. */
  readonly fieldLength: ReadonlyArray<readonly number[]>
  /** Per term, its postings: `field:doc,doc*count,…;field:…`. */
  readonly terms: ReadonlyArray<readonly [term: string, postings: string]>
}

/** What `MiniSearch.toJSON()` returns, as far as packing reads it. */
interface SerializedIndex {
  readonly documentIds: Readonly<Record<string, number>>
  readonly fieldIds: Readonly<Record<string, number>>
  readonly fieldLength: Readonly<Record<string, readonly number[]>>
  readonly averageFieldLength: readonly number[]
  readonly index: ReadonlyArray<readonly [string, Readonly<Record<string, Readonly<Record<string, number>>>>]>
}

interface SearchDocument {
  readonly id: number
  readonly title: string
  readonly heading: string
  readonly text: string
}

export async function searchIndexData(notes: readonly NoteSummary[], rules: SearchCore): Promise<SearchIndexData> {
  const {default: MiniSearch} = await import('minisearch')
  const sorted = [...notes].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
  const documents: SearchDocument[] = []
  const sections: Array<[number, string, string, string]> = []
  sorted.forEach((note, noteIndex) => {
    const title = note.meta.title
    const add = (id: string, heading: string, text: string) => {
      documents.push({id: documents.length, title, heading, text})
      sections.push([noteIndex, id, heading, cut(text, storedTextLength)])
    }
    // The page top always exists, so a note is found by its title even when it has no text before a heading (or none at all).
    const preamble = note.sectionTexts.find((section) => section.id === undefined)
    add('', '', preamble?.text ?? '')
    for (const section of note.sectionTexts) {
      if (section.id === undefined || (section.heading === '' && section.text === '')) continue
      add(section.id, section.heading, section.text)
    }
  })
  const search = new MiniSearch<SearchDocument>({
    fields: [...searchFields],
    storeFields: [],
    tokenize: (text) => rules.tokenize(text),
    processTerm: (term) => rules.processTerm(term)
  })
  search.addAll(documents)
  return {
    format: indexFormat,
    fields: searchFields,
    notes: sorted.map((note) => [note.meta.title, pageFile(note.slug), note.meta.lang]),
    sections,
    index: packIndex(search.toJSON() as unknown as SerializedIndex)
  }
}

/**
 * MiniSearch's serialized index without what the numbering implies (its
 * document ids are 0, 1, 2…, as are ours) and with each term's postings as
 * a string of base-36 differences: about a third of the size.
 */
export function packIndex(json: SerializedIndex): PackedIndex {
  const count = Object.keys(json.documentIds).length
  const fieldLength: number[][] = []
  for (let short = 0; short < count; short++) {
    if (json.documentIds[short] !== short) throw new Error(`Search index: document ${short} has id ${json.documentIds[short]}`)
    fieldLength.push([...json.fieldLength[short]!])
  }
  const terms = json.index.map(([term, fields]): [string, string] => {
    const postings = Object.entries(fields).map(([field, freqs]) => {
      let previous = 0
      const items = Object.keys(freqs)
        .map(Number)
        .sort((a, b) => a - b)
        .map((doc) => {
          const item = (doc - previous).toString(36)
          previous = doc
          const count = freqs[doc]!
          return count === 1 ? item : `${item}*${count.toString(36)}`
        })
      return `${field}:${items.join(',')}`
    })
    return [term, postings.join(';')]
  })
  return {fieldIds: json.fieldIds, averageFieldLength: json.averageFieldLength, fieldLength, terms}
}

/** The index as the script `html/search-index.js`. */
export function searchIndexScript(data: SearchIndexData): string {
  const json = JSON.stringify(data)
  // JSON.parse of a string literal: faster to load than an object literal this size.
  const literal = json.replace(/[\\']/g, (char) => `\\${char}`).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
  return `/* quire search index: written by quire build, read by search.js */\nwindow.${indexGlobal}=JSON.parse('${literal}');\n`
}

/** At most `limit` characters, cut at a space when there is one in the last fifth, `…` saying so. */
function cut(text: string, limit: number): string {
  const chars = Array.from(text)
  if (chars.length <= limit) return text
  const head = chars.slice(0, limit - 1).join('')
  const space = head.lastIndexOf(' ')
  return `${space > head.length * 0.8 ? head.slice(0, space) : head}…`
}
