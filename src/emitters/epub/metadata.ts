/**
 * Package metadata of an EPUB: everything reproducible. The identifier is
 * derived from the content (or set in front matter), dates come from
 * `SOURCE_DATE_EPOCH` or the notes, never from the clock.
 */
import {createHash} from 'node:crypto'
import type {QuireDocument} from '../../model.js'

export interface EpubMetadata {
  /** `dc:identifier`: front matter `identifier`, else `urn:uuid:` derived from the content hash. */
  readonly identifier: string
  readonly title: string
  readonly subtitle?: string | undefined
  readonly authors: readonly string[]
  readonly lang: string
  /** Never empty (epubcheck rejects an empty `dc:description`). */
  readonly description: string
  /** `dc:date`: the note's date, when it has one. */
  readonly date?: string | undefined
  readonly subjects: readonly string[]
  readonly rights?: string | undefined
  /** `dcterms:modified`, `YYYY-MM-DDThh:mm:ssZ`. */
  readonly modified: string
  /** Timestamp of every zip entry. */
  readonly zipDate: Date
}

export interface MetadataContext {
  readonly sourceDateEpoch?: number | undefined
  /** The `rights` option: used unless front matter sets `rights`. */
  readonly rights?: string | undefined
}

/** 1980-01-01, the earliest date a zip entry can carry: the fallback when nothing dates the input. */
const zipEpoch = Date.UTC(1980, 0, 1)

export function noteMetadata(doc: QuireDocument, context: MetadataContext): EpubMetadata {
  const extra = doc.meta.extra
  const moment = instant(context.sourceDateEpoch, [doc.meta.date])
  return {
    identifier: stringField(extra.identifier) ?? uuidUrn(doc.hash),
    title: doc.meta.title,
    subtitle: doc.meta.subtitle,
    authors: doc.meta.authors,
    lang: doc.meta.lang,
    description: doc.summary.trim() || doc.meta.title,
    date: w3cDate(doc.meta.date),
    subjects: doc.meta.tags,
    rights: stringField(extra.rights) ?? context.rights,
    modified: isoSeconds(moment),
    zipDate: new Date(Math.max(moment, zipEpoch))
  }
}

export interface BookSettings {
  readonly title: string
  readonly subtitle?: string | undefined
  /** The book's own date (else its newest note's). */
  readonly date?: string | undefined
  readonly authors?: readonly string[] | undefined
  readonly lang?: string | undefined
  readonly description?: string | undefined
  readonly identifier?: string | undefined
  readonly rights?: string | undefined
}

export function bookMetadata(book: BookSettings, docs: readonly QuireDocument[], context: MetadataContext, siteDescription?: string): EpubMetadata {
  const dates = docs.map((doc) => doc.meta.date)
  const moment = instant(context.sourceDateEpoch, dates)
  const newest = docs
    .map((doc) => w3cDate(doc.meta.date))
    .filter((date): date is string => date !== undefined)
    .sort((a, b) => Date.parse(dayOrTime(a)) - Date.parse(dayOrTime(b)))
    .at(-1)
  const hash = createHash('sha256').update(book.title).update('\0')
  for (const doc of docs) hash.update(doc.hash).update('\0')
  return {
    identifier: book.identifier ?? uuidUrn(hash.digest('hex')),
    title: book.title,
    subtitle: book.subtitle,
    authors: book.authors ?? unique(docs.flatMap((doc) => doc.meta.authors)),
    lang: book.lang ?? docs[0]?.meta.lang ?? 'en',
    description: book.description ?? (siteDescription?.trim() || docs[0]?.summary.trim() || book.title),
    date: w3cDate(book.date) ?? newest,
    subjects: unique(docs.flatMap((doc) => doc.meta.tags)),
    rights: book.rights ?? context.rights,
    modified: isoSeconds(moment),
    zipDate: new Date(Math.max(moment, zipEpoch))
  }
}

/** `urn:uuid:` from a hex digest, shaped as an RFC 9562 version 8 (custom) UUID. */
export function uuidUrn(hex: string): string {
  const digits = hex.replace(/[^0-9a-f]/gi, '').toLowerCase().padEnd(32, '0').slice(0, 32).split('')
  digits[12] = '8'
  digits[16] = ((Number.parseInt(digits[16]!, 16) & 0x3) | 0x8).toString(16)
  const value = digits.join('')
  return `urn:uuid:${value.slice(0, 8)}-${value.slice(8, 12)}-${value.slice(12, 16)}-${value.slice(16, 20)}-${value.slice(20)}`
}

/** Milliseconds: SOURCE_DATE_EPOCH, else the newest date given, else 1980-01-01. */
function instant(sourceDateEpoch: number | undefined, dates: ReadonlyArray<string | undefined>): number {
  if (sourceDateEpoch !== undefined) return sourceDateEpoch * 1000
  const times = dates
    .map(w3cDate)
    .filter((date): date is string => date !== undefined)
    .map((date) => Date.parse(dayOrTime(date)))
    .filter((time) => Number.isFinite(time))
  return times.length > 0 ? Math.max(...times) : zipEpoch
}

/**
 * A front matter date (`2022-10-04`, `2022-10-04 10:30`, `…T10:30:00+0200`)
 * in the W3CDTF form EPUB wants: a day stays a day; a time gets seconds and
 * a zone (`Z` when none was written, so the result does not depend on the
 * machine's time zone).
 */
export function w3cDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim())
  if (!match) return undefined
  const [, day, hours, minutes, seconds, fraction, zone] = match
  if (hours === undefined) return day
  const offset = zone === undefined || zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`
  return `${day}T${hours}:${minutes}:${seconds ?? '00'}${fraction ?? ''}${offset}`
}

function dayOrTime(date: string): string {
  return date.length === 10 ? `${date}T00:00:00Z` : date
}

function isoSeconds(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function stringField(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim()
  if (typeof value === 'number') return String(value)
  return undefined
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)]
}
