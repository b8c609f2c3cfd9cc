/** EPUB fixtures: footnotes across chapters, links between notes, books, covers, remote images. */
import fs from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildFixture, fixturesDir, messageLines, type FixtureBuild} from '../../helpers/build.js'
import {epubcheckAll, epubFiles, flatten, openEpub, parseNav, type EpubcheckResult, type OpenedEpub} from './helpers.js'
import {needs} from '../../helpers/tools.js'

const features = path.join(fixturesDir, 'epub/features')
const coverDir = path.join(fixturesDir, 'epub/cover')
const remoteDir = path.join(fixturesDir, 'epub/remote')
const book = {title: 'Fixture book', files: ['split.md', 'other.md'], author: 'Book Author', description: 'Two notes in one book.'}

let plain: FixtureBuild
let withSite: FixtureBuild
let covered: FixtureBuild
let remote: FixtureBuild
let partial: FixtureBuild
let reserved: FixtureBuild
const open = async (build: FixtureBuild, file: string): Promise<OpenedEpub> => openEpub(await build.readBytes(file))

beforeAll(async () => {
  plain = await buildFixture(features, ['epub'], {config: {epub: {books: [book]}}})
  withSite = await buildFixture(features, ['epub'], {config: {site: {url: 'https://notes.example/'}}})
  covered = await buildFixture(coverDir, ['epub'], {config: {epub: {css: 'test/fixtures/epub/extra.css'}}})
  remote = await buildFixture(remoteDir, ['epub'])
  partial = await buildFixture(features, ['epub'], {config: {epub: {perNote: false, books: [{title: 'Partial', files: ['other.md', 'missing.md']}]}}})
  reserved = await buildFixture(path.join(fixturesDir, 'epub/names'), ['epub'], {config: {epub: {perNote: false, books: [{title: 'Reserved names', files: ['cover.md', 'toc.md']}]}}})
}, 180_000)

/** Every local link of every content document resolves to a file and id of the EPUB. */
async function brokenLinks(epub: OpenedEpub): Promise<string[]> {
  const ids = new Map<string, Set<string>>()
  const documents = epub.names().filter((name) => name.endsWith('.xhtml'))
  for (const name of documents) ids.set(name, new Set([...(await epub.text(name)).matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!)))
  const broken: string[] = []
  for (const name of documents) {
    for (const [, href] of (await epub.text(name)).matchAll(/\shref="([^"]+)"/g)) {
      if (/^[a-z]+:/.test(href!) || href!.endsWith('.css')) continue
      const [file, fragment] = href!.split('#') as [string, string | undefined]
      const target = file ? path.posix.join(path.posix.dirname(name), file) : name
      const known = ids.get(target)
      if (!known || (fragment !== undefined && !known.has(decodeURIComponent(fragment)))) broken.push(`${name} → ${href}`)
    }
  }
  return broken
}

describe('epub: chapters and footnotes', () => {
  it('carries the definitions each chapter references, numbered as in the note', async () => {
    const epub = await open(plain, 'epub/split.epub')
    const definitions = async (file: string) => [...(await epub.text(`OEBPS/${file}`)).matchAll(/<li id="(user-content-fn-[^"]+)" value="(\d+)">/g)].map((match) => `${match[2]} ${match[1]}`)
    expect(await definitions('chapter-01.xhtml')).toEqual(['1 user-content-fn-shared'])
    expect(await definitions('chapter-02.xhtml')).toEqual(['1 user-content-fn-shared', '2 user-content-fn-one'])
    expect(await definitions('chapter-03.xhtml')).toEqual(['3 user-content-fn-two'])
  })

  it('re-points back-references and fragment links at the chapter that holds them', async () => {
    const epub = await open(plain, 'epub/split.epub')
    expect(await epub.text('OEBPS/chapter-02.xhtml')).toContain('href="chapter-01.xhtml#user-content-fnref-shared"')
    expect(await epub.text('OEBPS/chapter-03.xhtml')).toContain('<a href="chapter-02.xhtml#part-one">part one</a>')
    for (const file of ['split.epub', 'other.epub', 'fixture-book.epub']) expect(await brokenLinks(await open(plain, `epub/${file}`))).toEqual([])
  })

  it('nests sub-sections in the navigation and keeps the note language on every document', async () => {
    const epub = await open(plain, 'epub/split.epub')
    expect(flatten(parseNav(await epub.text('OEBPS/toc.xhtml')))).toEqual(['1 Split across chapters', '1 Part one', '1 Part two', '2 A sub-section'])
    expect(await epub.text('OEBPS/content.opf')).toContain('<dc:language>en-GB</dc:language>')
    expect(await epub.text('OEBPS/chapter-03.xhtml')).toContain('xml:lang="en-GB" lang="en-GB"')
  })

  it('embeds the image once, not empty, under a stable name', async () => {
    const epub = await open(plain, 'epub/split.epub')
    const images = epub.names().filter((name) => name.startsWith('OEBPS/images/'))
    expect(images).toEqual(['OEBPS/images/01-dot.png'])
    for (const name of images) expect((await epub.zip.file(name)!.async('nodebuffer')).byteLength).toBeGreaterThan(0)
  })
})

describe('epub: links to other notes', () => {
  it('become plain text in a single-note EPUB without `site.url`', async () => {
    const chapter = await (await open(plain, 'epub/split.epub')).text('OEBPS/chapter-03.xhtml')
    expect(chapter).toContain('<span class="link-text">the other note</span>')
    expect(chapter).not.toMatch(/href="other\./)
  })

  it('point at the published site when `site.url` is set', async () => {
    const chapter = await (await open(withSite, 'epub/split.epub')).text('OEBPS/chapter-03.xhtml')
    expect(chapter).toContain('<a href="https://notes.example/other.html#section-x" data-note="other">the other note</a>')
    expect(chapter).toContain('<a href="https://notes.example/other.html" data-note="other">its top</a>')
  })

  it('point at the target chapter inside a book', async () => {
    const epub = await open(plain, 'epub/fixture-book.epub')
    const split = await epub.text('OEBPS/split.xhtml')
    expect(split).toContain('<a href="other.xhtml#section-x" data-note="other">the other note</a>')
    expect(split).toContain('<a href="other.xhtml" data-note="other">its top</a>')
    expect(await epub.text('OEBPS/other.xhtml')).toContain('<a href="split.xhtml#part-two" data-note="split">the split note</a>')
  })
})

describe('epub: books', () => {
  it('writes one chapter per note in the configured order, each note’s headings nested', async () => {
    const epub = await open(plain, 'epub/fixture-book.epub')
    const opf = await epub.text('OEBPS/content.opf')
    expect([...opf.matchAll(/<item id="chapter-\d+" href="([^"]+)"/g)].map((match) => match[1])).toEqual(['cover.xhtml', 'split.xhtml', 'other.xhtml'])
    const nav = parseNav(await epub.text('OEBPS/toc.xhtml'))
    expect(flatten(nav)).toEqual(['1 Split across chapters', '2 Part one', '2 Part two', '3 A sub-section', '1 The other note', '2 Section X'])
    expect(nav[0]!.href).toBe('split.xhtml')
    expect(nav[0]!.children[0]!.href).toBe('split.xhtml#part-one')
  })

  it('uses the book’s own metadata, and the notes’ tags and newest date', async () => {
    const opf = await (await open(plain, 'epub/fixture-book.epub')).text('OEBPS/content.opf')
    expect(opf).toContain('<dc:title id="title">Fixture book</dc:title>')
    expect(opf).toContain('<dc:creator id="creator-1">Book Author</dc:creator>')
    expect(opf).toContain('<dc:description>Two notes in one book.</dc:description>')
    expect(opf).toContain('<dc:date>2023-05-06</dc:date>')
    expect(opf).toContain('<meta property="dcterms:modified">2023-05-06T00:00:00Z</meta>')
    expect(opf).toMatch(/<dc:identifier id="book-id">urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/dc:identifier>/)
    expect([...opf.matchAll(/<dc:subject>([^<]*)</g)].map((match) => match[1])).toEqual(['fixtures', 'epub'])
  })

  it('reports a listed file that is not a note, and still writes the book', () => {
    expect(partial.result.written).toEqual(['epub/partial.epub'])
    expect(partial.result.messages.map((message) => `${message.ruleId} ${message.reason}`)).toEqual([
      'epub-book-file epub book “Partial”: `missing.md` is not a note of this build (paths are relative to the content folder)'
    ])
  })
})

describe('epub: raw HTML in notes', () => {
  it('keeps alignment as a class, anchors as ids, and drops scripts, handlers and srcset', async () => {
    const chapter = await (await open(plain, 'epub/other.epub')).text('OEBPS/chapter-02.xhtml')
    expect(chapter).toContain('<div class="align-center">Centred by raw HTML, <code>typewriter</code> and <s>struck</s></div>')
    expect(chapter).toContain('<a id="old-anchor">old anchor</a>')
    expect(chapter).not.toMatch(/<script|onerror|srcset|<source|<picture|align="/)
  })

  it('embeds raw-HTML images from the content folder like Markdown ones (the pipeline checks both)', async () => {
    const chapter = await (await open(plain, 'epub/other.epub')).text('OEBPS/chapter-02.xhtml')
    expect(chapter).toContain('<img src="images/01-dot.png" alt="picture dot"/>')
    expect(chapter).toContain('<img src="images/01-dot.png" alt="handler dot"/>')
    expect(chapter).not.toContain('image-alt')
    expect(messageLines(plain.result, features)).toEqual([])
  })

  it('turns relative links to other files into text, or site links with `site.url`', async () => {
    expect(await (await open(plain, 'epub/other.epub')).text('OEBPS/chapter-02.xhtml')).toContain('A <span class="link-text">local file</span>')
    expect(await (await open(withSite, 'epub/other.epub')).text('OEBPS/chapter-02.xhtml')).toContain('A <a href="https://notes.example/assets/files/notes.txt">local file</a>')
  })
})

describe('epub: book chapter files', () => {
  it('never take the name of the cover page or the contents', async () => {
    const epub = await open(reserved, 'epub/reserved-names.epub')
    const opf = await epub.text('OEBPS/content.opf')
    expect([...opf.matchAll(/<item id="chapter-\d+" href="([^"]+)"/g)].map((match) => match[1])).toEqual(['cover.xhtml', 'cover-1.xhtml', 'toc-2.xhtml'])
    expect(await epub.text('OEBPS/cover-1.xhtml')).toContain('<a href="toc-2.xhtml#part" data-note="toc">the contents note</a>')
    expect(await brokenLinks(epub)).toEqual([])
  })
})

describe('epub: cover and identity from front matter', () => {
  it('marks the cover image as `cover-image` and shows it on the cover page', async () => {
    const epub = await open(covered, 'epub/covered.epub')
    const opf = await epub.text('OEBPS/content.opf')
    expect(opf).toContain('<item id="cover-image" href="images/cover.png" media-type="image/png" properties="cover-image"/>')
    expect(await epub.text('OEBPS/cover.xhtml')).toContain('<img src="images/cover.png" alt="With a cover" role="doc-cover"/>')
    const bytes = await epub.zip.file('OEBPS/images/cover.png')!.async('nodebuffer')
    expect(bytes.equals(await fs.readFile(path.join(coverDir, 'images/cover.png')))).toBe(true)
  })

  it('appends the `css` option’s stylesheet to quire’s', async () => {
    const css = await (await open(covered, 'epub/covered.epub')).text('OEBPS/style.css')
    expect(css.startsWith(await fs.readFile(path.join(fixturesDir, '../../templates/epub/style.css'), 'utf8'))).toBe(true)
    expect(css.trimEnd().endsWith('body { hyphens: auto; }')).toBe(true)
  })

  it('uses the front matter identifier and rights', async () => {
    const opf = await (await open(covered, 'epub/covered.epub')).text('OEBPS/content.opf')
    expect(opf).toContain('<dc:identifier id="book-id">urn:uuid:6f1c2a1e-3b4d-4c5e-8f70-1a2b3c4d5e6f</dc:identifier>')
    expect(opf).toContain('<dc:rights>CC BY 4.0</dc:rights>')
    expect(opf).toContain('<dc:description>A note with a cover image and its own identifier.</dc:description>')
  })
})

describe('epub: dates with a time', () => {
  it('are written in W3CDTF with a zone, UTC when the note gave none', async () => {
    const opf = await (await open(remote, 'epub/remote.epub')).text('OEBPS/content.opf')
    expect(opf).toContain('<dc:date>2024-02-29T23:30:00Z</dc:date>')
    expect(opf).toContain('<meta property="dcterms:modified">2024-02-29T23:30:00Z</meta>')
  })
})

describe('epub: remote images', () => {
  it('are not fetched: a positioned warning, the alt text, and no image in the EPUB', async () => {
    expect(messageLines(remote.result, remoteDir)).toEqual(['remote.md:8:1 warning Remote image `https://example.com/logo.png` is not fetched for the EPUB; shown as its alt text remote-image'])
    const epub = await open(remote, 'epub/remote.epub')
    expect(epub.names().filter((name) => name.includes('images/'))).toEqual([])
    expect(await epub.text('OEBPS/chapter-01.xhtml')).toContain('<span class="image-alt">[Remote logo]</span>')
    expect(await epub.text('OEBPS/content.opf')).not.toContain('example.com')
    for (const file of Object.values(epub.zip.files)) if (!file.dir) expect((await file.async('nodebuffer')).byteLength).toBeGreaterThan(0)
  })
})

describe('epub: epubcheck on every fixture EPUB', needs('epubcheck'), () => {
  let results: EpubcheckResult[]
  beforeAll(async () => {
    const files = (await Promise.all([plain, withSite, covered, remote, partial, reserved].map((build) => epubFiles(build.out)))).flat()
    results = await epubcheckAll(files)
  }, 600_000)

  it('passes them all with no message', () => {
    expect(results.map((result) => path.basename(result.file)).sort()).toEqual(['covered.epub', 'fixture-book.epub', 'other.epub', 'other.epub', 'partial.epub', 'remote.epub', 'reserved-names.epub', 'split.epub', 'split.epub'])
    for (const result of results) {
      expect({file: result.file, messages: result.messages}).toEqual({file: result.file, messages: []})
      expect(result.fatals + result.errors + result.warnings).toBe(0)
    }
  })
})
