/** The sample content as EPUB: layout, navigation, metadata, content, epubcheck and pandoc. */
import fs from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {uuidUrn} from '../../../src/emitters/epub/metadata.js'
import type {Heading, QuireDocument} from '../../../src/model.js'
import {buildFixture, sampleContent, type FixtureBuild} from '../../helpers/build.js'
import {
  captureEmitter,
  epubcheckAll,
  epubFiles,
  firstEntry,
  flatten,
  openEpub,
  pandocPlain,
  parseNav,
  type EpubcheckResult,
  type OpenedEpub
} from './helpers.js'
import {needs} from '../../helpers/tools.js'

let built: FixtureBuild
let documents: Map<string, QuireDocument>
const epubs = new Map<string, OpenedEpub>()

beforeAll(async () => {
  const capture = captureEmitter()
  documents = capture.documents
  built = await buildFixture(sampleContent, ['epub', 'capture'], {config: {emitters: {capture: capture.emitter}}})
  for (const slug of ['nodeconfeu-2022', 'reading-list', 'glossary']) epubs.set(slug, await openEpub(await built.readBytes(`epub/${slug}.epub`)))
})

const sample = () => epubs.get('nodeconfeu-2022')!
const readingList = () => epubs.get('reading-list')!

describe('epub: the sample', () => {
  it('writes one EPUB per note and reports nothing', () => {
    expect(built.result.written.filter((file) => file.startsWith('epub/'))).toEqual(['epub/glossary.epub', 'epub/nodeconfeu-2022.epub', 'epub/reading-list.epub'])
    expect(built.result.errors).toBe(0)
    expect(built.result.warnings).toBe(0)
  })

  it('starts the zip with an uncompressed `mimetype` without extra field', () => {
    for (const epub of epubs.values()) {
      expect(firstEntry(epub.bytes)).toEqual({name: 'mimetype', method: 0, extraLength: 0, content: 'application/epub+zip'})
    }
  })

  it('points the container at the package document and has no folder entries or clock dates', async () => {
    const epub = sample()
    expect(await epub.text('META-INF/container.xml')).toContain('full-path="OEBPS/content.opf"')
    expect(Object.values(epub.zip.files).filter((file) => file.dir)).toEqual([])
    // No date in the sample and no SOURCE_DATE_EPOCH: the fixed fallback, not "now".
    for (const file of Object.values(epub.zip.files)) expect(file.date.toISOString()).toBe('1980-01-01T00:00:00.000Z')
  })

  it('splits the sample at its days: a title chapter, then one chapter per day, titles not repeated', async () => {
    const epub = sample()
    const opf = await epub.text('OEBPS/content.opf')
    const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((match) => match[1])
    expect(spine).toEqual(['chapter-0', 'nav', 'chapter-1', 'chapter-2', 'chapter-3', 'chapter-4'])
    const titles: string[] = []
    for (const file of ['chapter-01.xhtml', 'chapter-02.xhtml', 'chapter-03.xhtml', 'chapter-04.xhtml']) {
      const xhtml = await epub.text(`OEBPS/${file}`)
      titles.push(/<title>([^<]*)<\/title>/.exec(xhtml)![1]!)
      // The chapter heading appears once: epub-gen-memory's prepended title is off.
      const h1 = [...xhtml.matchAll(/<h1[^>]*>([^<]*)<\/h1>/g)].map((match) => match[1])
      expect(h1).toHaveLength(1)
    }
    expect(titles).toEqual(['nodeconfeu2022-notes', 'day 1', 'day 2', 'Day 3'])
    expect(new Set(titles).size).toBe(titles.length)
    expect(await epub.text('OEBPS/chapter-02.xhtml')).toMatch(/<body class="chapter">\s*<h1 id="day-1">day 1<\/h1>/)
  })

  it('has a navigation document equal to the heading tree (days and talks)', async () => {
    for (const [slug, epub] of epubs) {
      const doc = documents.get(slug)!
      const nav = parseNav(await epub.text('OEBPS/toc.xhtml'))
      expect(flatten(nav)).toEqual([`1 ${doc.meta.title}`, ...flatten(doc.headings as Heading[])])
    }
    const nav = parseNav(await sample().text('OEBPS/toc.xhtml'))
    const day2 = nav.find((entry) => entry.label === 'day 2')!
    expect(day2.href).toBe('chapter-03.xhtml')
    expect(day2.children.map((entry) => entry.label)).toContain('Danielle Adams - life and times of a Node.js release - @adamzdanielle (AWS Amplify)')
    expect(day2.children[0]!.href).toBe('chapter-03.xhtml#ethan-arrowood-arrowoodtech---making-fetch-happen')
  })

  it('mirrors the navigation in the NCX, nested and numbered in reading order', async () => {
    const ncx = await sample().text('OEBPS/toc.ncx')
    const orders = [...ncx.matchAll(/playOrder="(\d+)"/g)].map((match) => Number(match[1]))
    expect(orders).toEqual(orders.map((_, index) => index + 1))
    expect(orders.length).toBe(flatten(documents.get('nodeconfeu-2022')!.headings as Heading[]).length + 1)
    expect(ncx).toContain('<meta name="dtb:depth" content="2"/>')
  })

  it('writes the metadata from front matter, with a stable identifier and no invented rights', async () => {
    const doc = documents.get('reading-list')!
    const opf = await readingList().text('OEBPS/content.opf')
    expect(opf).toContain(`<dc:identifier id="book-id">${uuidUrn(doc.hash)}</dc:identifier>`)
    expect(opf).toMatch(/<package [^>]*xml:lang="en"/)
    expect(opf).toContain('<dc:title id="title">Reading list for the Node.js release team</dc:title>')
    expect(opf).toContain('<dc:title id="subtitle">What to read before your first release shift</dc:title>')
    expect(opf).toContain('<dc:creator id="creator-1">Ada Lovelace</dc:creator>')
    expect(opf).toContain('<dc:creator id="creator-2">Grace Hopper</dc:creator>')
    expect(opf).toContain('<dc:language>en</dc:language>')
    expect(opf).toContain('<dc:description>Papers, docs and talks worth reading before helping with a Node.js release.</dc:description>')
    expect(opf).toContain('<dc:date>2022-10-10</dc:date>')
    expect([...opf.matchAll(/<dc:subject>([^<]*)<\/dc:subject>/g)].map((match) => match[1])).toEqual(['nodejs', 'releases', 'reading'])
    expect(opf).toContain('<meta property="dcterms:modified">2022-10-10T00:00:00Z</meta>')
    expect(opf).not.toMatch(/rights|<guide|epub-gen|anonymous/i)
    expect(await readingList().text('OEBPS/chapter-02.xhtml')).toMatch(/<html [^>]*xml:lang="en" lang="en"/)
  })

  it('falls back to the first text for the description (never empty)', async () => {
    const opf = await sample().text('OEBPS/content.opf')
    expect(opf).toContain('<dc:description>My notes from NodeConfEU 2022</dc:description>')
  })

  it('generates a plain cover page with the title when there is no cover image', async () => {
    const epub = sample()
    const cover = await epub.text('OEBPS/cover.xhtml')
    expect(cover).toContain('<p class="cover-title">nodeconfeu2022-notes</p>')
    expect(await epub.text('OEBPS/content.opf')).not.toContain('cover-image')
  })

  it('keeps task-list ticks, the ordered-list start and table alignment', async () => {
    const epub = readingList()
    const progress = await epub.text('OEBPS/chapter-02.xhtml')
    expect(progress.match(/☑/g)).toHaveLength(2)
    expect(progress.match(/☐/g)).toHaveLength(2)
    expect(progress).not.toContain('<input')
    const table = await epub.text('OEBPS/chapter-03.xhtml')
    expect(table).toContain('<th class="align-left">Line</th>')
    expect(table).toContain('<th class="align-center">Status</th>')
    expect(table).toContain('<td class="align-right">6 months</td>')
    expect(table).not.toContain('align="')
    expect(await epub.text('OEBPS/chapter-04.xhtml')).toContain('<ol start="3">')
    const css = await epub.text('OEBPS/style.css')
    expect(css).toMatch(/\.align-center\s*\{\s*text-align: center;/)
    expect(css).toBe(await fs.readFile(path.join(import.meta.dirname, '../../../templates/epub/style.css'), 'utf8'))
  })

  it('embeds the local image with its media type and bytes', async () => {
    const epub = readingList()
    const opf = await epub.text('OEBPS/content.opf')
    expect(opf).toContain('<item id="image-1" href="images/01-checker.png" media-type="image/png"/>')
    const embedded = await epub.zip.file('OEBPS/images/01-checker.png')!.async('nodebuffer')
    expect(embedded.equals(await fs.readFile(path.join(sampleContent, 'images/checker.png')))).toBe(true)
    expect(await epub.text('OEBPS/chapter-05.xhtml')).toContain('<img src="images/01-checker.png" alt="A checkerboard, used as a stand-in diagram"/>')
  })

  it('turns links to other notes into text without `site.url`', async () => {
    const first = await readingList().text('OEBPS/chapter-01.xhtml')
    expect(first).toContain('<span class="link-text">conference notes</span>')
    expect(first).not.toContain('nodeconfeu-2022.html')
  })

  it('keeps each footnote with the chapter that references it', async () => {
    const steps = await readingList().text('OEBPS/chapter-04.xhtml')
    expect(steps).toContain('href="#user-content-fn-announce"')
    expect(steps).toContain('<li id="user-content-fn-announce" value="1">')
    for (const other of ['chapter-01.xhtml', 'chapter-02.xhtml', 'chapter-03.xhtml', 'chapter-05.xhtml']) {
      expect(await readingList().text(`OEBPS/${other}`)).not.toContain('user-content-fn-announce')
    }
  })
})

describe('epub: read back with pandoc', needs('pandoc'), () => {
  it('finds every talk title of the sample', async () => {
    const text = await pandocPlain(path.join(built.out, 'epub/nodeconfeu-2022.epub'))
    const talks = documents.get('nodeconfeu-2022')!.headings.flatMap((day) => day.children.map((talk) => talk.text))
    expect(talks.length).toBeGreaterThan(20)
    for (const talk of talks) expect(text).toContain(talk)
    expect(text).toContain('Danielle Adams - life and times of a Node.js release')
  })

  it('reads the list start, ticks and footnote of the reading list', async () => {
    const text = await pandocPlain(path.join(built.out, 'epub/reading-list.epub'))
    expect(text).toMatch(/3\.\s+Tag the commit/)
    expect(text).toMatch(/☑ Read the release guide/)
    expect(text).toMatch(/☐ Cut a release alone/)
    expect(text).toContain('On the blog and on social media, in that order.')
  })
})

describe('epub: epubcheck', needs('epubcheck'), () => {
  let results: EpubcheckResult[]
  beforeAll(async () => {
    results = await epubcheckAll(await epubFiles(built.out))
  }, 300_000)

  it('passes every EPUB of the sample with no message at all', () => {
    expect(results).toHaveLength(3)
    for (const result of results) {
      expect({file: path.basename(result.file), messages: result.messages}).toEqual({file: path.basename(result.file), messages: []})
      expect(result.fatals + result.errors + result.warnings).toBe(0)
    }
  })
})
