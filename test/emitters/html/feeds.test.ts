/**
 * `feed.xml` (Atom 1.0) and `feed.json` (JSON Feed 1.1) of a garden of
 * notes served under https://notes.example.org/garden: the essentials of
 * RFC 4287 and of the JSON Feed spec, order and limit, dates (the notes',
 * SOURCE_DATE_EPOCH, never the clock), escaping, byte-identical rebuilds
 * and no path of the build machine in any output.
 */
import os from 'node:os'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {Element} from 'xast'
import {atomFeed, feedEntries, jsonFeed} from '../../../src/emitters/html/feeds.js'
import {buildFixture, fixturesDir, repoRoot, type FixtureBuild} from '../../helpers/build.js'
import {summary} from './summaries.js'
import {child, childText, children, parseXml, textOf} from './xml-dom.js'

const content = path.join(fixturesDir, 'site-feeds')
const siteUrl = 'https://notes.example.org/garden'
const site = {url: siteUrl, title: 'Garden & <notes>', description: 'What grows, what rots', favicon: 'favicon.svg'}
const config = {site}

/** RFC 3339 date-time, as RFC 4287 3.3 requires (with an offset). */
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/

let first: FixtureBuild
let again: FixtureBuild

async function withSourceDateEpoch<T>(value: string, action: () => Promise<T>): Promise<T> {
  const previous = process.env.SOURCE_DATE_EPOCH
  process.env.SOURCE_DATE_EPOCH = value
  try {
    return await action()
  } finally {
    if (previous === undefined) delete process.env.SOURCE_DATE_EPOCH
    else process.env.SOURCE_DATE_EPOCH = previous
  }
}

/** Every file of a build, by path, as bytes. */
async function outputs(build: FixtureBuild): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  for (const file of build.result.written.toSorted()) files.set(file, await build.readBytes(file))
  return files
}

function absolute(href: string | undefined): boolean {
  return href !== undefined && URL.canParse(href) && href.startsWith(`${siteUrl}/`)
}

beforeAll(async () => {
  first = await buildFixture(content, ['html'], {config})
  again = await buildFixture(content, ['html'], {config})
})

describe('feed.xml (Atom 1.0)', () => {
  let feed: Element
  beforeAll(async () => {
    feed = parseXml(await first.read('html/feed.xml'))
  })

  it('builds without messages and writes both feeds', () => {
    expect(first.result.errors).toBe(0)
    expect(first.result.warnings).toBe(0)
    expect(first.result.messages).toEqual([])
    expect(first.result.written).toEqual(expect.arrayContaining(['html/feed.xml', 'html/feed.json']))
  })

  it('has what RFC 4287 requires of a feed: id, title, updated, a self link, an author unless every entry has one', () => {
    expect(feed.name).toBe('feed')
    expect(feed.attributes.xmlns).toBe('http://www.w3.org/2005/Atom')
    expect(feed.attributes['xml:lang']).toBe('en')
    expect(childText(feed, 'id')).toBe(`${siteUrl}/`)
    expect(childText(feed, 'title')).toBe('Garden & <notes>')
    expect(childText(feed, 'subtitle')).toBe('What grows, what rots')
    expect(childText(feed, 'updated')).toMatch(rfc3339)
    expect(childText(feed, 'generator')).toBe('quire')
    expect(childText(feed, 'icon')).toBe(`${siteUrl}/favicon.svg`)
    const links = children(feed, 'link').map((link) => link.attributes)
    expect(links).toEqual([
      {rel: 'alternate', type: 'text/html', href: `${siteUrl}/`},
      {rel: 'self', type: 'application/atom+xml', href: `${siteUrl}/feed.xml`}
    ])
    const entries = children(feed, 'entry')
    const everyEntryHasAuthor = entries.every((entry) => children(entry, 'author').length > 0)
    // "First frost" has no author: the feed names the site.
    expect(everyEntryHasAuthor).toBe(false)
    expect(childText(child(feed, 'author'), 'name')).toBe('Garden & <notes>')
  })

  it('lists the dated notes, newest first; the undated note is left out', () => {
    const entries = children(feed, 'entry')
    expect(entries.map((entry) => childText(entry, 'title'))).toEqual(['Tools & <Tags>: "sharp" edges', 'Building raised beds that last', 'First frost', 'Kompost im Winter'])
  })

  it('gives each entry an id, a title, an absolute link, dates from the note, authors, categories and the summary', () => {
    for (const entry of children(feed, 'entry')) {
      const id = childText(entry, 'id')
      expect(absolute(id), id).toBe(true)
      const [link, ...more] = children(entry, 'link')
      expect(more).toEqual([])
      expect(link!.attributes).toEqual({rel: 'alternate', type: 'text/html', href: id})
      expect(childText(entry, 'updated')).toMatch(rfc3339)
      expect(childText(entry, 'published')).toBe(childText(entry, 'updated'))
      expect(childText(entry, 'summary').length).toBeGreaterThan(20)
      // The summary is text, not HTML: no type="html" to re-read it as markup.
      expect(child(entry, 'summary').attributes.type).toBeUndefined()
      expect(child(entry, 'title').attributes.type).toBeUndefined()
    }
    const [tools, beds, frost, kompost] = children(feed, 'entry') as [Element, Element, Element, Element]
    expect(childText(tools, 'id')).toBe(`${siteUrl}/tools-and-tags.html`)
    // The offset as written; a day alone is midnight UTC; a time without offset is read as UTC.
    expect(childText(tools, 'updated')).toBe('2024-05-01T09:30:00+02:00')
    expect(childText(beds, 'updated')).toBe('2024-03-12T00:00:00Z')
    expect(childText(frost, 'updated')).toBe('2024-01-15T07:45:00Z')
    expect(children(tools, 'author').map((author) => childText(author, 'name'))).toEqual(['Grace Hopper', 'Ada Lovelace'])
    expect(children(tools, 'category').map((category) => category.attributes.term)).toEqual(['tools', 'a<b & c'])
    expect(childText(tools, 'summary')).toBe('Secateurs, hori-hori & a whetstone: the three tools worth paying for (<15 € each).')
    expect(childText(beds, 'summary')).toBe('Untreated larch, a gravel base and why 30 cm is deep enough for most vegetables.')
    // A note in another language says so; the others inherit the feed's.
    expect(kompost.attributes['xml:lang']).toBe('de')
    expect(beds.attributes['xml:lang']).toBeUndefined()
    expect(childText(kompost, 'summary')).toContain('Im Winter ruht der Kompost')
  })

  it("dates the feed with its newest note, not the build's time", () => {
    expect(childText(feed, 'updated')).toBe('2024-05-01T09:30:00+02:00')
  })

  it('escapes & and < in titles, tags and summaries', async () => {
    const text = await first.read('html/feed.xml')
    expect(text).toContain('<title>Tools &amp; &lt;Tags&gt;: &quot;sharp&quot; edges</title>')
    expect(text).toContain('<category term="a&lt;b &amp; c"/>')
    expect(text).not.toContain('CDATA')
  })
})

describe('feed.json (JSON Feed 1.1)', () => {
  interface JsonFeed {
    version: string
    title: string
    home_page_url: string
    feed_url: string
    description?: string
    favicon?: string
    language: string
    items: Array<Record<string, unknown> & {id: string; url: string; date_published: string}>
  }
  let feed: JsonFeed
  beforeAll(async () => {
    feed = JSON.parse(await first.read('html/feed.json')) as JsonFeed
  })

  it('has the top-level fields of version 1.1', () => {
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1')
    expect(feed.title).toBe('Garden & <notes>')
    expect(feed.home_page_url).toBe(`${siteUrl}/`)
    expect(feed.feed_url).toBe(`${siteUrl}/feed.json`)
    expect(feed.description).toBe('What grows, what rots')
    expect(feed.favicon).toBe(`${siteUrl}/favicon.svg`)
    expect(feed.language).toBe('en')
    // Only the fields the spec defines.
    const known = ['version', 'title', 'home_page_url', 'feed_url', 'description', 'user_comment', 'next_url', 'icon', 'favicon', 'authors', 'language', 'expired', 'hubs', 'items']
    expect(Object.keys(feed).filter((key) => !known.includes(key))).toEqual([])
  })

  it('has the same entries as the Atom feed, each with an id, content and RFC 3339 dates', async () => {
    const atom = parseXml(await first.read('html/feed.xml'))
    expect(feed.items.map((item) => item.id)).toEqual(children(atom, 'entry').map((entry) => childText(entry, 'id')))
    const known = ['id', 'url', 'external_url', 'title', 'content_html', 'content_text', 'summary', 'image', 'banner_image', 'date_published', 'date_modified', 'authors', 'tags', 'language', 'attachments']
    for (const item of feed.items) {
      expect(Object.keys(item).filter((key) => !known.includes(key))).toEqual([])
      expect(typeof item.id).toBe('string')
      expect(absolute(item.url)).toBe(true)
      expect(typeof item.content_text === 'string' || typeof item.content_html === 'string').toBe(true)
      expect(item.date_published).toMatch(rfc3339)
      expect(item.date_modified).toBe(item.date_published)
    }
    const [tools, beds, frost, kompost] = feed.items
    expect(tools).toMatchObject({title: 'Tools & <Tags>: "sharp" edges', tags: ['tools', 'a<b & c'], authors: [{name: 'Grace Hopper'}, {name: 'Ada Lovelace'}]})
    expect(beds!.image).toBe(`${siteUrl}/assets/images/raised-beds.png`)
    expect(frost!.authors).toBeUndefined()
    expect(kompost!.language).toBe('de')
    expect(beds!.language).toBeUndefined()
  })
})

describe('reproducible feeds', () => {
  it('writes byte-identical files on a second build', async () => {
    expect(await outputs(again)).toEqual(await outputs(first))
  })

  it('takes the feed date from SOURCE_DATE_EPOCH when set, and stays byte-identical; feedLimit caps the entries', async () => {
    const limited = {...config, html: {feedLimit: 2}}
    const [dated, datedAgain] = await withSourceDateEpoch('1700000000', async () => [
      await buildFixture(content, ['html'], {config: limited}),
      await buildFixture(content, ['html'], {config: limited})
    ])
    expect(await outputs(datedAgain!)).toEqual(await outputs(dated!))
    const atom = parseXml(await dated!.read('html/feed.xml'))
    expect(childText(atom, 'updated')).toBe('2023-11-14T22:13:20Z')
    expect(children(atom, 'entry').map((entry) => childText(entry, 'title'))).toEqual(['Tools & <Tags>: "sharp" edges', 'Building raised beds that last'])
    // Entries keep their notes' dates.
    expect(childText(children(atom, 'entry')[1]!, 'updated')).toBe('2024-03-12T00:00:00Z')
    const json = JSON.parse(await dated!.read('html/feed.json')) as {items: unknown[]}
    expect(json.items).toHaveLength(2)
  })

  it('writes no path of the build machine in any output', async () => {
    const machine = [first.out, content, repoRoot.replace(/\/$/, ''), os.tmpdir(), os.homedir()].filter((value) => value.length > 1)
    for (const [file, bytes] of await outputs(first)) {
      const text = bytes.toString('latin1')
      for (const place of machine) expect(text.includes(place), `${file} contains ${place}`).toBe(false)
    }
  })
})

describe('feeds from summaries', () => {
  const input = {site: {url: siteUrl, title: 'T', lang: 'en'}, limit: 20}

  it('stays well-formed whatever a note holds: control characters, ]]>, lone surrogates, quotes', () => {
    const notes = [summary('odd', {title: 'A\u0001B ]]> C ]]> "D" \uD800', date: '2024-01-01', tags: ["it's", '</category>'], description: 'x & y\u000B'})]
    const entry = child(parseXml(atomFeed(notes, input)), 'entry')
    expect(childText(entry, 'title')).toBe('AB ]]> C ]]> "D" ')
    expect(children(entry, 'category').map((category) => category.attributes.term)).toEqual(["it's", '</category>'])
    expect(childText(entry, 'summary')).toBe('x & y')
    expect(() => JSON.parse(jsonFeed(notes, input)) as unknown).not.toThrow()
  })

  it('orders by the instant, not the text, and keeps collection order for ties', () => {
    const notes = [
      summary('a', {date: '2024-01-01T23:00:00-05:00'}),
      summary('b', {date: '2024-01-02'}),
      summary('c', {date: '2024-01-02T00:00:00Z'}),
      summary('undated')
    ]
    // 23:00 at -05:00 is 04:00 UTC on January 2, after midnight.
    expect(feedEntries(notes, input).map((entry) => entry.note.slug)).toEqual(['a', 'b', 'c'])
  })

  it('writes a valid feed with no entries (dated by the epoch, or SOURCE_DATE_EPOCH)', () => {
    const feed = parseXml(atomFeed([summary('undated')], input))
    expect(children(feed, 'entry')).toEqual([])
    expect(childText(feed, 'updated')).toBe('1970-01-01T00:00:00Z')
    expect(children(feed, 'author')).toEqual([])
    expect(textOf(child(parseXml(atomFeed([], {...input, sourceDateEpoch: 86400})), 'updated'))).toBe('1970-01-02T00:00:00Z')
  })
})
