/**
 * Notes that are not the happy path: raw HTML that must not run, a note
 * without front matter or headings, a note in French with a cover, remote
 * and missing images, broken fragments and deep headings.
 */
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildFixture, fixturesDir, messageLines, type FixtureBuild} from '../../helpers/build.js'
import {attr, hasClass, headings, one, parsePage, select, text} from './dom.js'
import {validatePage} from './validate.js'

const rawHtml = path.join(fixturesDir, 'html', 'raw-html')
const edge = path.join(fixturesDir, 'html', 'edge')

describe('html: raw HTML in notes', () => {
  it('drops scripts, event handlers, javascript: URLs, frames and styles', async () => {
    const site = await buildFixture(rawHtml, ['html'])
    expect(site.result.errors).toBe(0)
    const html = await site.read('html/unsafe.html')
    expect(html).toContain('Before the raw HTML.')
    expect(html).toContain('After the raw HTML.')
    // The site frame's own scripts only; none from the note.
    expect(html.replace(/<script src="(?:sidebar|nav|search)\.js" defer><\/script>/g, '')).not.toMatch(/<script/i)
    expect(html).not.toMatch(/\bon[a-z]+=/i)
    expect(html).not.toContain('javascript:')
    // The frame's one iframe is the no-script sidebar, inside <noscript>; the note brings none.
    expect(html.replace(/<noscript><iframe class="sidebar-frame" src="sidebar\.html" title="Notes"><\/iframe><\/noscript>/, '')).not.toMatch(/<iframe|<style/i)
    // GFM's tag filter: the script is text on the page, never a script element.
    expect(html).toContain("&#x3C;script>alert('from-script')&#x3C;/script>")
    const page = parsePage(html)
    // What is safe stays: the image with its alt text, the paragraph, the link text.
    const image = one(page, 'img')
    expect(attr(image, 'alt')).toBe('A picture')
    expect(attr(image, 'loading')).toBe('lazy')
    expect(text(one(page, 'main'))).toContain('Click me')
    expect(attr(one(page, 'a', (link) => text(link) === 'A script link'), 'href')).toBeUndefined()
    // A raw h1 in the body does not compete with the page title.
    expect(select(page, 'h1').map(text)).toEqual(['Raw HTML in a note'])
    expect(await validatePage(html, 'unsafe.html')).toEqual([])
  })
})

describe('html: trusted raw HTML', () => {
  it('keeps the script when the config trusts raw HTML (so the checks above can fail)', async () => {
    const site = await buildFixture(rawHtml, ['html'], {config: {markdown: {trustedHtml: true}}})
    const html = await site.read('html/unsafe.html')
    expect(html).toContain("<script>alert('from-script')</script>")
    expect(html).toMatch(/<img [^>]*onerror="alert\(/)
  })
})

describe('html: edge cases', () => {
  let site: FixtureBuild
  beforeAll(async () => {
    site = await buildFixture(edge, ['html'])
  })

  it('builds a note without front matter or headings: file-name title, cut description, no TOC', async () => {
    const page = parsePage(await site.read('html/plain.html'))
    expect(text(one(page, 'h1'))).toBe('plain')
    expect(attr(one(page, 'html'), 'lang')).toBe('en')
    const description = attr(one(page, 'meta', (meta) => attr(meta, 'name') === 'description'), 'content')!
    expect(description.startsWith('A note without front matter or headings.')).toBe(true)
    expect(description.endsWith('…')).toBe(true)
    expect(description.length).toBeLessThanOrEqual(160)
    expect(select(page, 'nav', hasClass('toc'))).toEqual([])
    expect(select(page, 'time')).toEqual([])
  })

  it('localizes a French note and shows its cover; the day is the one written, whatever the offset', async () => {
    const page = parsePage(await site.read('html/french.html'))
    expect(attr(one(page, 'html'), 'lang')).toBe('fr')
    const time = one(page, 'time')
    expect(attr(time, 'dateTime')).toBe('2023-03-05T23:30:00-05:00')
    expect(text(time)).toBe('5 mars 2023')
    const cover = one(page, 'img', hasClass('cover'))
    expect(attr(cover, 'src')).toBe('assets/images/cover.png')
    expect(site.result.written).toContain('html/assets/images/cover.png')
    // quire's own labels are English: marked so, inside a French page.
    expect(attr(one(page, 'h2', hasClass('toc-title')), 'lang')).toBe('en')
    expect(attr(one(page, 'a', hasClass('skip-link')), 'lang')).toBe('en')
    expect(select(page, 'a', hasClass('heading-anchor')).map((anchor) => attr(anchor, 'lang'))).toEqual(['en', 'en', 'en', 'en'])
    // The index is in the site language and marks the French entry.
    const index = parsePage(await site.read('html/index.html'))
    const entry = one(index, 'li', (item) => text(item).includes('Une note en français'))
    expect(attr(entry, 'lang')).toBe('fr')
  })

  it('keeps remote and missing images out of the copied assets', async () => {
    expect(site.result.written.filter((file) => file.includes('/assets/'))).toEqual(['html/assets/images/cover.png'])
    const page = parsePage(await site.read('html/french.html'))
    const sources = select(one(page, 'div', hasClass('note-body')), 'img').map((image) => attr(image, 'src'))
    expect(sources).toEqual(['https://example.com/distante.png', 'images/absente.png'])
  })

  it('nests headings without skipping levels and leaves headings in quotes out of the outline', async () => {
    const page = parsePage(await site.read('html/french.html'))
    const body = one(page, 'div', hasClass('note-body'))
    expect(headings(body).map((heading) => `${heading.tagName}#${attr(heading, 'id')}`)).toEqual([
      'h2#un',
      'h3#deux',
      'h4#trois',
      'h2#titre-dans-une-citation',
      'h2#quatre'
    ])
    expect(select(one(body, 'blockquote'), 'a', hasClass('heading-anchor'))).toEqual([])
  })

  it('warns, with a position, about links whose fragment has no target', async () => {
    const lines = messageLines(site.result, edge).filter((line) => line.includes('missing-heading'))
    expect(lines).toEqual([
      'french.md:10:22 warning Link target `#nulle-part` not found in this note missing-heading',
      'french.md:10:52 warning Link target `#absent` not found in plain.md missing-heading'
    ])
    // The page is written anyway.
    expect(site.result.written).toContain('html/french.html')
  })

  it('writes valid HTML for every page', async () => {
    for (const file of site.result.written.filter((name) => name.endsWith('.html'))) {
      expect(await validatePage(await site.read(file), file)).toEqual([])
    }
  })
})
