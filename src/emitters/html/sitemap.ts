/**
 * `sitemap.xml` (sitemaps.org 0.9) with every page of the site, and a
 * `robots.txt` that points at it, both written when `site.url` is set: a
 * sitemap lists absolute addresses. `<lastmod>` is a note's date as
 * written (the day, or the full time when it has an offset), never the
 * time of the build; a page without a date has none.
 */
import type {SiteConfig} from '../../config/types.js'
import type {NoteSummary} from '../../model.js'
import {pageFile, siteAddress} from '../../pipeline/pages.js'
import {instant, w3cDatetime} from './machine-dates.js'
import {toXml, x} from './xml.js'

/** Relative to `html/`. */
export const sitemapFile = 'sitemap.xml'
export const robotsFile = 'robots.txt'

export interface SitemapPage {
  /** The page relative to the site's root, URL-encoded as in links (`index.html`, `tags/rust.html`). */
  readonly href: string
  /** ISO 8601 date of its last change, as a note's front matter writes it. */
  readonly date?: string | undefined
}

/**
 * The index and one page per note. The index's date is the newest note's;
 * pages the format writes besides (tag pages) are added by the caller.
 */
export function sitemapPages(notes: readonly NoteSummary[]): SitemapPage[] {
  return [{href: 'index.html', date: newestDate(notes.map((note) => note.meta.date))}, ...notes.map((note) => ({href: pageFile(encodeURIComponent(note.slug)), date: note.meta.date}))]
}

/** The sitemap of `pages` (each listed once, in the order given); the root `index.html` is listed as the site's address. */
export function sitemap(siteUrl: string, pages: readonly SitemapPage[]): string {
  const seen = new Set<string>()
  const urls = []
  for (const page of pages) {
    const loc = page.href === 'index.html' ? `${siteUrl}/` : siteAddress(siteUrl, page.href)
    if (seen.has(loc)) continue
    seen.add(loc)
    const lastmod = page.date === undefined ? undefined : w3cDatetime(page.date)
    urls.push(x('url', {}, [x('loc', {}, loc), lastmod ? x('lastmod', {}, lastmod) : undefined]))
  }
  return toXml(x('urlset', {xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9'}, urls))
}

/**
 * Every crawler may read everything; the sitemap's address. Crawlers read
 * `robots.txt` only at the root of a host: under a `site.url` with a path,
 * its `Sitemap:` line belongs in the host's own file.
 */
export function robotsTxt(site: Pick<SiteConfig, 'url'> & {readonly url: string}): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${siteAddress(site.url, sitemapFile)}\n`
}

/** The newest of some ISO 8601 dates (as written), for a listing's `lastmod`. */
export function newestDate(dates: ReadonlyArray<string | undefined>): string | undefined {
  let newest: {date: string; time: number} | undefined
  for (const date of dates) {
    const time = date === undefined ? undefined : instant(date)
    if (date !== undefined && time !== undefined && (!newest || time > newest.time)) newest = {date, time}
  }
  return newest?.date
}
