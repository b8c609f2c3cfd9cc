/**
 * The HTML site built from the bundled sample content: index, note pages,
 * table of contents, GFM features, assets, links between pages, validity
 * and reproducibility.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {defineEmitter} from '../../../src/emitters/types.js'
import {flatten} from '../../../src/pipeline/outline.js'
import type {QuireDocument} from '../../../src/model.js'
import {buildFixture, sampleContent, type FixtureBuild} from '../../helpers/build.js'
import {attr, hasClass, headings, ids, one, parsePage, select, text, withLang} from './dom.js'
import {validatePage} from './validate.js'

/** Records the documents of the build, to compare pages with the model they come from. */
function spyEmitter(seen: QuireDocument[]) {
  return defineEmitter({
    name: 'spy',
    description: 'test spy',
    writes: [],
    note(doc) {
      seen.push(doc)
    }
  })
}

let site: FixtureBuild
const documents: QuireDocument[] = []
const bySlug = (slug: string) => documents.find((doc) => doc.slug === slug)!

beforeAll(async () => {
  site = await buildFixture(sampleContent, ['html', 'spy'], {
    config: {site: {title: 'Conference notes', lang: 'en'}, emitters: {spy: spyEmitter(documents)}}
  })
})

describe('html site of the sample content', () => {
  it('builds without messages and writes pages, index, stylesheet and image', () => {
    expect(site.result.errors).toBe(0)
    expect(site.result.warnings).toBe(0)
    expect(site.result.written).toEqual([
      'html/404.html',
      'html/assets/images/checker.png',
      'html/glossary.html',
      'html/index.html',
      'html/nav.js',
      'html/nodeconfeu-2022.html',
      'html/quire.css',
      'html/reading-list.html',
      'html/search-engine.js',
      'html/search-index.js',
      'html/search.js',
      'html/sidebar.html',
      'html/sidebar.js',
      'html/tags/glossary.html',
      'html/tags/index.html',
      'html/tags/nodejs.html',
      'html/tags/reading.html',
      'html/tags/releases.html'
    ])
  })

  it('lists every note in the index with title, date, description, tags and reading time', async () => {
    const index = parsePage(await site.read('html/index.html'))
    expect(attr(one(index, 'html'), 'lang')).toBe('en')
    expect(text(one(index, 'title'))).toBe('Conference notes')
    expect(text(one(index, 'h1'))).toBe('Conference notes')
    const entries = select(index, 'li', hasClass('note-entry'))
    const titleLink = (entry: Parameters<typeof one>[0]) => one(one(entry, 'h2'), 'a')
    expect(entries.map((entry) => attr(titleLink(entry), 'href'))).toEqual(['glossary.html', 'reading-list.html', 'nodeconfeu-2022.html'])
    for (const entry of entries) {
      const doc = bySlug(attr(titleLink(entry), 'href')!.replace(/\.html$/, ''))
      expect(text(one(entry, 'h2'))).toBe(doc.meta.title)
      const times = select(entry, 'time')
      expect(times.map((time) => attr(time, 'dateTime'))).toEqual(doc.meta.date ? [doc.meta.date] : [])
      const minutes = doc.stats.readingMinutes
      expect(text(one(entry, 'span', hasClass('reading-time')))).toBe(`Reading time: ${minutes} minute${minutes === 1 ? '' : 's'}`)
      expect(select(entry, 'ul', hasClass('tags')).flatMap((list) => select(list, 'li').map(text))).toEqual([...doc.meta.tags])
      if (doc.meta.description) expect(text(one(entry, 'p', hasClass('description')))).toBe(doc.meta.description)
    }
    expect(text(entries[1]!)).toContain('October 10, 2022')
    expect(text(entries[2]!)).toContain('22 minutes')
  })

  it('gives the sample page every heading with its id, a TOC linking to each, and one h1', async () => {
    const doc = bySlug('nodeconfeu-2022')
    const page = parsePage(await site.read('html/nodeconfeu-2022.html'))
    const body = one(page, 'div', hasClass('note-body'))
    const expected = flatten(doc.headings)
    // The three days and every talk.
    expect(expected.filter((heading) => heading.depth === 1).map((heading) => heading.text)).toEqual(['day 1', 'day 2', 'Day 3'])
    expect(expected.filter((heading) => heading.depth === 2).length).toBeGreaterThan(20)
    expect(headings(body).map((heading) => attr(heading, 'id'))).toEqual(expected.map((heading) => heading.id))
    expect(headings(body).map((heading) => text(heading).replace(/ #$/, ''))).toEqual(expected.map((heading) => heading.text))

    const toc = one(page, 'nav', hasClass('toc'))
    expect(select(toc, 'a').map((link) => attr(link, 'href'))).toEqual(expected.map((heading) => `#${heading.id}`))
    const pageIds = ids(page)
    for (const link of select(toc, 'a')) expect(pageIds.has(attr(link, 'href')!.slice(1))).toBe(true)
    // Days are top-level entries; talks are nested under their day.
    const day3 = select(toc, 'li').find((item) => text(select(item, 'a')[0]!) === 'Day 3')!
    expect(select(day3, 'a').map(text)).toContain('Kassian Wren - Augmenting Node.js with WebAssembly @nodebotanist')

    // The title is the only h1; days become h2, talks h3.
    expect(select(page, 'h1').map(text)).toEqual([doc.meta.title])
    expect(text(one(body, 'h2', (element) => attr(element, 'id') === 'day-1'))).toBe('day 1 #')
    expect(one(body, 'h3', (element) => attr(element, 'id') === 'liz-parody---new-features-in-nodejs')).toBeDefined()
  })

  it('puts a self-link in every heading', async () => {
    const page = parsePage(await site.read('html/nodeconfeu-2022.html'))
    const body = one(page, 'div', hasClass('note-body'))
    for (const heading of headings(body)) {
      const anchor = one(heading, 'a', hasClass('heading-anchor'))
      expect(attr(anchor, 'href')).toBe(`#${attr(heading, 'id')}`)
      expect(text(anchor)).toBe('#')
    }
  })

  it('has lang, title, description, charset and viewport on note pages', async () => {
    for (const doc of documents) {
      const page = parsePage(await site.read(`html/${doc.slug}.html`))
      expect(attr(one(page, 'html'), 'lang')).toBe(doc.meta.lang)
      expect(text(one(page, 'title'))).toBe(`${doc.meta.title} · Conference notes`)
      const description = attr(one(page, 'meta', (meta) => attr(meta, 'name') === 'description'), 'content')!
      if (doc.meta.description) expect(description).toBe(doc.meta.description)
      else expect(description).toBe(doc.summary)
      expect(description.length).toBeLessThanOrEqual(160)
      expect(select(page, 'meta', (meta) => attr(meta, 'charSet') === 'utf-8')).toHaveLength(1)
      expect(select(page, 'meta', (meta) => attr(meta, 'name') === 'viewport')).toHaveLength(1)
      expect(select(page, 'link', (link) => attr(link, 'rel') === 'stylesheet').map((link) => attr(link, 'href'))).toEqual(['quire.css'])
      expect(select(page, 'a', (link) => attr(link, 'href') === 'index.html').length).toBeGreaterThan(0)
      // English labels in an English page need no lang of their own.
      expect(withLang(page).map((element) => element.tagName)).toEqual(['html'])
    }
    const sample = parsePage(await site.read('html/nodeconfeu-2022.html'))
    const description = attr(one(sample, 'meta', (meta) => attr(meta, 'name') === 'description'), 'content')!
    expect(description.startsWith('My notes from NodeConfEU 2022')).toBe(true)
  })

  it('renders the reading list header: subtitle, authors, date, tags, reading time', async () => {
    const header = one(parsePage(await site.read('html/reading-list.html')), 'header', hasClass('note-header'))
    expect(text(one(header, 'h1'))).toBe('Reading list for the Node.js release team')
    expect(text(one(header, 'p', hasClass('subtitle')))).toBe('What to read before your first release shift')
    expect(text(one(header, 'span', hasClass('authors')))).toBe('Ada Lovelace and Grace Hopper')
    const time = one(header, 'time')
    expect(attr(time, 'dateTime')).toBe('2022-10-10')
    expect(text(time)).toBe('October 10, 2022')
    expect(select(one(header, 'ul', hasClass('tags')), 'li').map(text)).toEqual(['nodejs', 'releases', 'reading'])
    expect(text(one(header, 'span', hasClass('reading-time')))).toBe('Reading time: 1 minute')
  })

  it('keeps task list checkboxes, table alignment, the list start and highlighted code', async () => {
    const page = parsePage(await site.read('html/reading-list.html'))
    const boxes = select(page, 'input', (input) => attr(input, 'type') === 'checkbox')
    expect(boxes.map((box) => attr(box, 'checked') !== undefined)).toEqual([true, true, false, false])
    for (const box of boxes) expect(attr(box, 'disabled')).toBeDefined()

    const table = one(page, 'table')
    expect(select(table, 'th').map((cell) => attr(cell, 'className'))).toEqual(['align-left', 'align-center', 'align-right'])
    expect(select(table, 'td').map((cell) => attr(cell, 'className')).slice(0, 3)).toEqual(['align-left', 'align-center', 'align-right'])
    expect(select(table, 'th', (cell) => attr(cell, 'align') !== undefined)).toEqual([])

    expect(attr(one(page, 'ol', (list) => attr(list, 'start') !== undefined), 'start')).toBe('3')

    const code = one(page, 'code', hasClass('language-js'))
    const tokens = select(code, 'span').map((span) => attr(span, 'className'))
    expect(tokens).toContain('hljs-keyword')
    expect(tokens).toContain('hljs-string')
  })

  it('links footnote references and back-references to ids in the same page', async () => {
    const page = parsePage(await site.read('html/reading-list.html'))
    const pageIds = ids(page)
    const reference = one(page, 'a', (link) => attr(link, 'dataFootnoteRef') !== undefined)
    const backReference = one(page, 'a', (link) => attr(link, 'dataFootnoteBackref') !== undefined)
    expect(pageIds.has(attr(reference, 'href')!.slice(1))).toBe(true)
    expect(pageIds.has(attr(backReference, 'href')!.slice(1))).toBe(true)
    expect(attr(backReference, 'href')).toBe(`#${attr(reference, 'id')}`)
    const footnotes = one(page, 'section', hasClass('footnotes'))
    expect(text(footnotes)).toContain('On the blog and on social media, in that order.')
  })

  it('copies the local image next to the pages and keeps its alt text', async () => {
    const page = parsePage(await site.read('html/reading-list.html'))
    const image = one(page, 'img')
    expect(attr(image, 'src')).toBe('assets/images/checker.png')
    expect(attr(image, 'alt')).toBe('A checkerboard, used as a stand-in diagram')
    expect(attr(image, 'loading')).toBe('lazy')
    // Its pixel size, so the page does not jump when it loads.
    expect([attr(image, 'width'), attr(image, 'height')]).toEqual(['64', '32'])
    const copied = await site.readBytes('html/assets/images/checker.png')
    expect(copied.equals(await fs.readFile(path.join(sampleContent, 'images/checker.png')))).toBe(true)
  })

  it('resolves every local link and image of every page to a file, and every fragment to an id', async () => {
    const pages = site.result.written.filter((file) => file.endsWith('.html'))
    const parsed = new Map<string, ReturnType<typeof parsePage>>()
    // By path below html/ (`tags/node.html`): pages in folders link with `../`.
    for (const file of pages) parsed.set(path.posix.relative('html', file), parsePage(await site.read(file)))
    let noteLinks = 0
    for (const [name, page] of parsed) {
      const targets = [
        ...select(page, 'a').map((link) => attr(link, 'href')),
        ...select(page, 'img').map((image) => attr(image, 'src')),
        ...select(page, 'link').map((link) => attr(link, 'href'))
      ]
      for (const target of targets) {
        if (!target || /^[a-z]+:/i.test(target)) continue
        const [relative = '', fragment] = target.split('#')
        const file = relative ? path.posix.join(path.posix.dirname(name), decodeURI(relative)) : ''
        const where = `${target} in ${name}`
        if (file) await expect(fs.access(path.join(site.out, 'html', file)), where).resolves.toBeUndefined()
        if (fragment !== undefined) {
          const targetPage = parsed.get(file || name)
          expect(targetPage, where).toBeDefined()
          expect(ids(targetPage!).has(decodeURIComponent(fragment)), where).toBe(true)
        }
        if (file.endsWith('.html') && !['index.html', 'sidebar.html'].includes(file) && !file.startsWith('tags/')) noteLinks++
      }
    }
    // The index links the three notes; the reading list and glossary link other notes.
    expect(noteLinks).toBeGreaterThanOrEqual(8)
    const readingList = parsed.get('reading-list.html')!
    expect(select(readingList, 'a', (link) => attr(link, 'href')?.startsWith('nodeconfeu-2022.html#') ?? false).map((link) => attr(link, 'href'))).toEqual([
      'nodeconfeu-2022.html#day-2',
      'nodeconfeu-2022.html#danielle-adams---life-and-times-of-a-nodejs-release---adamzdanielle-aws-amplify'
    ])
  })

  it('writes valid HTML5 on every page (html-validate, recommended rules)', async () => {
    for (const file of site.result.written.filter((name) => name.endsWith('.html'))) {
      expect(await validatePage(await site.read(file), file)).toEqual([])
    }
  })

  it('ships a stylesheet with dark mode, print styles and highlight colours', async () => {
    const css = await site.read('html/quire.css')
    expect(css).toContain('@media (prefers-color-scheme: dark)')
    expect(css).toContain('@media print')
    expect(css).toContain('.hljs-keyword')
    expect(css).toContain('.align-center')
  })

  it('writes byte-identical files when built again', async () => {
    const again = await buildFixture(sampleContent, ['html'], {config: {site: {title: 'Conference notes', lang: 'en'}}})
    expect(again.result.written).toEqual(site.result.written.filter((file) => file.startsWith('html/')))
    for (const file of again.result.written) {
      const [first, second] = await Promise.all([site.readBytes(file), again.readBytes(file)])
      expect(first.equals(second), file).toBe(true)
    }
  })
})
