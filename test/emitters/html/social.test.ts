/**
 * The head every page gets from the site (icon, feed links, Open Graph and
 * Twitter card tags) and `404.html`, with and without `site.url`; every
 * page stays valid HTML.
 */
import path from 'node:path'
import type {Root} from 'hast'
import {beforeAll, describe, expect, it} from 'vitest'
import {ogLocale, socialMeta} from '../../../src/emitters/html/social.js'
import {buildFixture, fixturesDir, type FixtureBuild} from '../../helpers/build.js'
import {attr, one, parsePage, select, text} from './dom.js'
import {validatePage} from './validate.js'

const content = path.join(fixturesDir, 'site-feeds')
const siteUrl = 'https://notes.example.org/garden'
const title = 'Garden & <notes>'

let withUrl: FixtureBuild
let withoutUrl: FixtureBuild
beforeAll(async () => {
  withUrl = await buildFixture(content, ['html'], {config: {site: {url: siteUrl, title, favicon: 'favicon.svg'}}})
  withoutUrl = await buildFixture(content, ['html'], {config: {site: {title, favicon: 'favicon.svg'}}})
})

/** `og:*`, `article:*` and `twitter:*` tags as `[key, content]`, in order. */
function social(page: Root): Array<[string, string]> {
  return select(page, 'meta', (meta) => /^(og|article|twitter):/.test(attr(meta, 'property') ?? attr(meta, 'name') ?? '')).map((meta) => [
    (attr(meta, 'property') ?? attr(meta, 'name'))!,
    attr(meta, 'content')!
  ])
}

/** The site's pages (not the sidebar, a frame shown inside them). */
const main = (page: Root) => one(page, 'main')

const pages = (build: FixtureBuild) => build.result.written.filter((file) => file.endsWith('.html') && file !== 'html/sidebar.html')

/** Every address the page refers to: links, scripts, frames. */
function addresses(page: Root): string[] {
  return [
    ...select(page, 'a').map((element) => attr(element, 'href')),
    ...select(page, 'link').map((element) => attr(element, 'href')),
    ...select(page, 'script').map((element) => attr(element, 'src')),
    ...select(page, 'iframe').map((element) => attr(element, 'src'))
  ].filter((value): value is string => value !== undefined)
}

describe('Open Graph and Twitter cards with site.url', () => {
  it('describes a note with a cover as an article with a large image', async () => {
    const page = parsePage(await withUrl.read('html/raised-beds.html'))
    expect(social(page)).toEqual([
      ['og:type', 'article'],
      ['og:title', 'Building raised beds that last'],
      ['og:description', 'Untreated larch, a gravel base and why 30 cm is deep enough for most vegetables.'],
      ['og:site_name', title],
      ['og:locale', 'en_US'],
      ['og:url', `${siteUrl}/raised-beds.html`],
      ['og:image', `${siteUrl}/assets/images/raised-beds.png`],
      ['og:image:type', 'image/png'],
      ['og:image:width', '240'],
      ['og:image:height', '126'],
      ['article:published_time', '2024-03-12'],
      ['article:tag', 'gardening'],
      ['article:tag', 'building'],
      ['twitter:card', 'summary_large_image']
    ])
    // The image the tag names is one the site has.
    expect(withUrl.result.written).toContain('html/assets/images/raised-beds.png')
  })

  it('keeps the note title, language and date as written; a small card without an image', async () => {
    const tools = social(parsePage(await withUrl.read('html/tools-and-tags.html')))
    expect(tools).toContainEqual(['og:title', 'Tools & <Tags>: "sharp" edges'])
    expect(tools).toContainEqual(['article:published_time', '2024-05-01T09:30:00+02:00'])
    expect(tools).toContainEqual(['article:tag', 'a<b & c'])
    expect(tools).toContainEqual(['twitter:card', 'summary'])
    expect(tools.some(([key]) => key === 'og:image')).toBe(false)
    const kompost = social(parsePage(await withUrl.read('html/seasons-kompost-im-winter.html')))
    expect(kompost).toContainEqual(['og:locale', 'de_DE'])
  })

  it('describes the index as a website', async () => {
    expect(social(parsePage(await withUrl.read('html/index.html')))).toEqual([
      ['og:type', 'website'],
      ['og:title', title],
      ['og:description', title],
      ['og:site_name', title],
      ['og:locale', 'en_US'],
      ['og:url', `${siteUrl}/`],
      ['twitter:card', 'summary']
    ])
  })

  it('links the icon and both feeds from every page', async () => {
    for (const file of pages(withUrl)) {
      const page = parsePage(await withUrl.read(file))
      const alternates = select(page, 'link', (link) => attr(link, 'rel') === 'alternate').map((link) => [attr(link, 'type'), attr(link, 'href'), attr(link, 'title')])
      expect(alternates, file).toEqual([
        ['application/atom+xml', `${siteUrl}/feed.xml`, title],
        ['application/feed+json', `${siteUrl}/feed.json`, title]
      ])
      const icon = one(page, 'link', (link) => attr(link, 'rel') === 'icon')
      expect(attr(icon, 'type')).toBe('image/svg+xml')
      // From tag pages one folder down, and from anywhere for the 404 page.
      const base = file === 'html/404.html' ? '/garden/' : '../'.repeat(file.split('/').length - 2)
      expect(attr(icon, 'href'), file).toBe(`${base}favicon.svg`)
    }
  })

  it('writes valid pages (html-validate), 404.html included', async () => {
    expect(pages(withUrl)).toContain('html/404.html')
    for (const file of pages(withUrl)) expect(await validatePage(await withUrl.read(file), file)).toEqual([])
  })
})

describe('404.html', () => {
  it("is a page in the site's frame whose links start from site.url's path, so it works at any depth", async () => {
    const page = parsePage(await withUrl.read('html/404.html'))
    expect(text(one(page, 'title'))).toBe(`Page not found · ${title}`)
    expect(text(one(page, 'h1'))).toBe('Page not found')
    expect(select(page, 'link', (link) => attr(link, 'rel') === 'stylesheet').map((link) => attr(link, 'href'))).toEqual(['/garden/quire.css'])
    expect(attr(one(main(page), 'a'), 'href')).toBe('/garden/index.html')
    for (const address of addresses(page)) expect(address).toMatch(/^(#|\/garden\/|https:\/\/notes\.example\.org\/garden\/)/)
    expect(attr(one(page, 'nav', (nav) => attr(nav, 'id') === 'quire-sidebar'), 'dataBase')).toBe('/garden/')
    expect(attr(one(page, 'meta', (meta) => attr(meta, 'name') === 'robots'), 'content')).toBe('noindex')
  })

  it('links relatively without site.url', async () => {
    const page = parsePage(await withoutUrl.read('html/404.html'))
    expect(select(page, 'link', (link) => attr(link, 'rel') === 'stylesheet').map((link) => attr(link, 'href'))).toEqual(['quire.css'])
    expect(attr(one(main(page), 'a'), 'href')).toBe('index.html')
    for (const address of addresses(page)) expect(address).not.toMatch(/^(\/|[a-z]+:)/)
    expect(await validatePage(await withoutUrl.read('html/404.html'), '404.html')).toEqual([])
  })
})

describe('without site.url', () => {
  it('writes no feeds, sitemap or robots.txt, and says nothing about it', () => {
    const {result} = withoutUrl
    for (const file of ['html/feed.xml', 'html/feed.json', 'html/sitemap.xml', 'html/robots.txt']) expect(result.written).not.toContain(file)
    expect(result.messages).toEqual([])
    expect(result.notes.flatMap((note) => note.messages)).toEqual([])
    expect(result.written).toEqual(expect.arrayContaining(['html/404.html', 'html/favicon.svg', 'html/index.html']))
  })

  it('keeps the tags that need no address: no og:url, no og:image for a local cover, no feed links', async () => {
    const page = parsePage(await withoutUrl.read('html/raised-beds.html'))
    const tags = social(page)
    expect(tags.map(([key]) => key)).toEqual(['og:type', 'og:title', 'og:description', 'og:site_name', 'og:locale', 'article:published_time', 'article:tag', 'article:tag', 'twitter:card'])
    expect(tags).toContainEqual(['twitter:card', 'summary'])
    expect(select(page, 'link', (link) => attr(link, 'rel') === 'alternate')).toEqual([])
    expect(attr(one(page, 'link', (link) => attr(link, 'rel') === 'icon'), 'href')).toBe('favicon.svg')
    for (const file of pages(withoutUrl)) expect(await validatePage(await withoutUrl.read(file), file)).toEqual([])
  })
})

describe('socialMeta', () => {
  it('maps languages to og:locale (language_TERRITORY), the likely territory when none is written', () => {
    expect(['en', 'en-GB', 'de', 'pt-BR', 'ja', 'zh-Hant', 'sr-Latn'].map(ogLocale)).toEqual(['en_US', 'en_GB', 'de_DE', 'pt_BR', 'ja_JP', 'zh_TW', 'sr_RS'])
    expect(ogLocale('not a tag')).toBeUndefined()
  })

  it('gives a remote https cover as it is, even without site.url', () => {
    const tags = socialMeta({type: 'article', title: 't', description: 'd', siteName: 's', lang: 'en', image: {url: 'https://cdn.example/c.jpg'}})
    expect(tags.map((tag) => [tag.properties.property ?? tag.properties.name, tag.properties.content])).toContainEqual(['og:image', 'https://cdn.example/c.jpg'])
  })
})
