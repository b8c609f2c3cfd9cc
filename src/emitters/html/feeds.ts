/**
 * `feed.xml` (Atom 1.0, RFC 4287) and `feed.json` (JSON Feed 1.1) of the
 * newest notes, written when `site.url` is set: a feed needs absolute
 * addresses. Only notes with a date are entries (newest first, at most
 * `feedLimit`): an undated note has no place in a reader's timeline.
 *
 * An entry's text is the note's summary (front matter `description`, else
 * the start of its text): the collection step sees each note's summary,
 * not its HTML, and parsing every note again here would undo the build
 * cache. Dates are the notes' own; the feed's `updated` is
 * `SOURCE_DATE_EPOCH` when set, else the newest entry's date, never the
 * time of the build.
 */
import type {Element} from 'hast'
import {h} from 'hastscript'
import type {SiteConfig} from '../../config/types.js'
import type {NoteSummary} from '../../model.js'
import {pageUrl, siteAddress} from '../../pipeline/pages.js'
import {faviconFile} from './favicon.js'
import {pageDescription} from './format.js'
import {epochDate, instant, rfc3339} from './machine-dates.js'
import {coverImage} from './social.js'
import {toXml, x, type XmlElement} from './xml.js'

/** Relative to `html/`. */
export const atomFile = 'feed.xml'
export const jsonFeedFile = 'feed.json'

/** Whatever builds a feed needs: the site (with its URL) and how many entries. */
export interface FeedInput {
  readonly site: SiteConfig & {readonly url: string}
  /** Most entries (the `feedLimit` option). */
  readonly limit: number
  /** `SOURCE_DATE_EPOCH`, seconds. */
  readonly sourceDateEpoch?: number | undefined
}

interface FeedEntry {
  readonly note: NoteSummary
  /** The note's date, RFC 3339. */
  readonly date: string
  readonly url: string
}

/** The notes a feed lists: dated ones, newest first (ties in collection order), at most `limit`. */
export function feedEntries(notes: readonly NoteSummary[], input: Pick<FeedInput, 'site' | 'limit'>): FeedEntry[] {
  const dated: Array<FeedEntry & {readonly time: number}> = []
  for (const note of notes) {
    const date = note.meta.date === undefined ? undefined : rfc3339(note.meta.date)
    const time = note.meta.date === undefined ? undefined : instant(note.meta.date)
    if (date !== undefined && time !== undefined) dated.push({note, date, time, url: pageUrl(input.site.url, note.slug)})
  }
  return dated
    .sort((a, b) => b.time - a.time)
    .slice(0, input.limit)
    .map(({note, date, url}) => ({note, date, url}))
}

/** The feed's own date: `SOURCE_DATE_EPOCH`, else the newest entry's, else the epoch (a feed with no entries). */
export function feedUpdated(entries: readonly FeedEntry[], sourceDateEpoch: number | undefined): string {
  if (sourceDateEpoch !== undefined) return epochDate(sourceDateEpoch)
  return entries[0]?.date ?? epochDate(0)
}

/** `feed.xml`: Atom 1.0. */
export function atomFeed(notes: readonly NoteSummary[], input: FeedInput): string {
  const {site} = input
  const entries = feedEntries(notes, input)
  const icon = faviconFile(site)
  // RFC 4287 4.1.1: the feed names an author unless every entry does.
  const anonymous = entries.some(({note}) => note.meta.authors.length === 0)
  const feed = x('feed', {xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': site.lang}, [
    x('id', {}, `${site.url}/`),
    x('title', {}, site.title),
    site.description ? x('subtitle', {}, site.description) : undefined,
    x('updated', {}, feedUpdated(entries, input.sourceDateEpoch)),
    x('link', {rel: 'alternate', type: 'text/html', href: `${site.url}/`}),
    x('link', {rel: 'self', type: 'application/atom+xml', href: siteAddress(site.url, atomFile)}),
    x('generator', {}, 'quire'),
    icon ? x('icon', {}, siteAddress(site.url, icon)) : undefined,
    anonymous ? author(site.title) : undefined,
    ...entries.map((entry) => atomEntry(entry, site.lang))
  ])
  return toXml(feed)
}

function atomEntry({note, date, url}: FeedEntry, siteLang: string): XmlElement {
  const {meta} = note
  return x('entry', meta.lang === siteLang ? {} : {'xml:lang': meta.lang}, [
    x('id', {}, url),
    x('title', {}, meta.title),
    x('link', {rel: 'alternate', type: 'text/html', href: url}),
    x('published', {}, date),
    x('updated', {}, date),
    ...meta.authors.map(author),
    ...meta.tags.map((tag) => x('category', {term: tag})),
    x('summary', {}, pageDescription(note))
  ])
}

function author(name: string): XmlElement {
  return x('author', {}, [x('name', {}, name)])
}

/** `feed.json`: JSON Feed 1.1. */
export function jsonFeed(notes: readonly NoteSummary[], input: FeedInput): string {
  const {site} = input
  const icon = faviconFile(site)
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: site.title,
    home_page_url: `${site.url}/`,
    feed_url: siteAddress(site.url, jsonFeedFile),
    ...(site.description ? {description: site.description} : {}),
    ...(icon ? {favicon: siteAddress(site.url, icon)} : {}),
    language: site.lang,
    items: feedEntries(notes, input).map(({note, date, url}) => {
      const {meta} = note
      const text = pageDescription(note)
      const image = coverImage(note, site)
      return {
        id: url,
        url,
        title: meta.title,
        content_text: text,
        summary: text,
        ...(image ? {image: image.url} : {}),
        date_published: date,
        date_modified: date,
        ...(meta.authors.length > 0 ? {authors: meta.authors.map((name) => ({name}))} : {}),
        ...(meta.tags.length > 0 ? {tags: [...meta.tags]} : {}),
        ...(meta.lang === site.lang ? {} : {language: meta.lang})
      }
    })
  }
  return `${JSON.stringify(feed, null, 2)}\n`
}

/** The `<link rel="alternate">` elements that let readers find the feeds from any page; none without `site.url`. */
export function feedLinks(site: Pick<SiteConfig, 'url' | 'title'>): Element[] {
  if (!site.url) return []
  return [
    h('link', {rel: 'alternate', type: 'application/atom+xml', title: site.title, href: siteAddress(site.url, atomFile)}),
    h('link', {rel: 'alternate', type: 'application/feed+json', title: site.title, href: siteAddress(site.url, jsonFeedFile)})
  ]
}
