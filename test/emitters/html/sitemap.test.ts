/**
 * `sitemap.xml` and `robots.txt`: every page at its absolute address,
 * `<lastmod>` from the notes' dates as written, escaping, pages the caller
 * adds, tag pages, and nothing at all without `site.url`.
 */
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {robotsTxt, sitemap, sitemapPages} from '../../../src/emitters/html/sitemap.js'
import {buildFixture, fixturesDir, type FixtureBuild} from '../../helpers/build.js'
import {summary} from './summaries.js'
import {childText, children, parseXml} from './xml-dom.js'

const content = path.join(fixturesDir, 'site-feeds')
const siteUrl = 'https://notes.example.org/garden'

let site: FixtureBuild
beforeAll(async () => {
  site = await buildFixture(content, ['html'], {config: {site: {url: siteUrl, title: 'Garden notes'}}})
})

/** `[loc, lastmod]` of each `<url>`. */
function entries(xml: string): Array<[string, string | undefined]> {
  const urlset = parseXml(xml)
  expect(urlset.name).toBe('urlset')
  expect(urlset.attributes.xmlns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
  return children(urlset, 'url').map((url) => [childText(url, 'loc'), children(url, 'lastmod')[0] ? childText(url, 'lastmod') : undefined])
}

describe('sitemap.xml', () => {
  it('lists the index and every note, dated or not, at absolute addresses', async () => {
    expect(entries(await site.read('html/sitemap.xml'))).toEqual([
      [`${siteUrl}/`, '2024-05-01T09:30:00+02:00'],
      [`${siteUrl}/tools-and-tags.html`, '2024-05-01T09:30:00+02:00'],
      [`${siteUrl}/raised-beds.html`, '2024-03-12'],
      // A time written without an offset: the day as written.
      [`${siteUrl}/seasons-first-frost.html`, '2024-01-15'],
      [`${siteUrl}/seasons-kompost-im-winter.html`, '2023-11-02'],
      // Undated: listed, without lastmod.
      [`${siteUrl}/planting-calendar.html`, undefined],
      // Tag pages: the newest of their notes.
      [`${siteUrl}/tags/index.html`, '2024-05-01T09:30:00+02:00'],
      [`${siteUrl}/tags/a%3Cb%20&%20c.html`, '2024-05-01T09:30:00+02:00'],
      [`${siteUrl}/tags/building.html`, '2024-03-12'],
      [`${siteUrl}/tags/gardening.html`, '2024-03-12'],
      [`${siteUrl}/tags/kompost.html`, '2023-11-02'],
      [`${siteUrl}/tags/tools.html`, '2024-05-01T09:30:00+02:00'],
      [`${siteUrl}/tags/weather.html`, '2024-01-15']
    ])
  })

  it('lists every page the build wrote, and nothing else (not the 404 page, not the sidebar frame)', async () => {
    const listed = entries(await site.read('html/sitemap.xml')).map(([loc]) => decodeURI(loc.slice(siteUrl.length + 1)) || 'index.html')
    const pages = site.result.written.filter((file) => file.endsWith('.html') && !['html/404.html', 'html/sidebar.html'].includes(file)).map((file) => file.slice('html/'.length))
    expect(listed.toSorted()).toEqual(pages.toSorted())
  })

  it('takes the pages the caller adds (tag pages), each once, escaped', () => {
    const notes = [summary('a&b', {date: '2024-02-01'}), summary('plain')]
    const pages = [...sitemapPages(notes), {href: 'tags/index.html', date: '2024-02-01'}, {href: 'tags/r%26d.html'}, {href: 'plain.html'}]
    const xml = sitemap('https://example.org/q&a', pages)
    expect(xml).toContain('<loc>https://example.org/q&amp;a/a%26b.html</loc>')
    expect(entries(xml)).toEqual([
      ['https://example.org/q&a/', '2024-02-01'],
      ['https://example.org/q&a/a%26b.html', '2024-02-01'],
      ['https://example.org/q&a/plain.html', undefined],
      ['https://example.org/q&a/tags/index.html', '2024-02-01'],
      ['https://example.org/q&a/tags/r%26d.html', undefined]
    ])
  })

  it('dates the index with the newest note by instant, and leaves it undated when no note has a date', () => {
    const pages = sitemapPages([summary('late', {date: '2024-01-01T23:00:00-05:00'}), summary('early', {date: '2024-01-02T01:00:00Z'})])
    expect(pages[0]).toEqual({href: 'index.html', date: '2024-01-01T23:00:00-05:00'})
    expect(sitemapPages([summary('undated')])[0]).toEqual({href: 'index.html', date: undefined})
    expect(entries(sitemap(siteUrl, []))).toEqual([])
    expect(entries(sitemap(siteUrl, sitemapPages([summary('undated')])))).toEqual([[`${siteUrl}/`, undefined], [`${siteUrl}/undated.html`, undefined]])
  })
})

describe('robots.txt', () => {
  it('lets crawlers in and names the sitemap', async () => {
    expect(await site.read('html/robots.txt')).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${siteUrl}/sitemap.xml\n`)
    expect(robotsTxt({url: 'https://example.org'})).toContain('Sitemap: https://example.org/sitemap.xml\n')
  })
})
