/**
 * Links that leave a note, in the formats that are not the site: a PDF
 * handout and an EPUB point at what the site publishes (under `site.url`)
 * or print the link text; nothing points into the build machine.
 */
import {execFileSync} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildFixture, fixturesDir, messageLines, tempDir, type FixtureBuild} from '../helpers/build.js'
import {epubcheck, openEpub} from './epub/helpers.js'
import {has, needs} from '../helpers/tools.js'

const content = path.join(fixturesDir, 'links-out')
const book = {title: 'API', files: ['api/fs.md', 'api/util.md']}
let withSite: FixtureBuild
let plain: FixtureBuild

beforeAll(async () => {
  const formats = ['html', 'epub', ...(has('chromium') ? ['pdf'] : [])]
  withSite = await buildFixture(content, formats, {config: {site: {url: 'https://docs.example/node'}, epub: {books: [book]}}})
  plain = await buildFixture(content, formats, {config: {epub: {books: [book]}}})
}, 180_000)

/** Every link annotation's URI in a PDF. */
async function pdfLinks(file: string): Promise<string[]> {
  const expanded = path.join(await tempDir(), 'expanded.pdf')
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, expanded])
  return [...(await fs.readFile(expanded)).toString('latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((match) => match[1]!).sort()
}

const anchors = (xhtml: string) => [...xhtml.matchAll(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map((match) => `${match[2]} → ${match[1]}`)
const texts = (xhtml: string) => [...xhtml.matchAll(/<span class="link-text">(.*?)<\/span>/g)].map((match) => match[1]!)

describe('links to files that are not notes', () => {
  it('copy a file of the content folder with the site, and warn, positioned, about the others', async () => {
    expect(messageLines(withSite.result, content)).toEqual([
      'api/fs.md:15:1 warning Linked file is not in the content folder, so quire does not publish it: CHANGELOG.txt (the site links to it as written; PDF and EPUB print the link text) unpublished-file',
      'api/fs.md:17:30 warning Linked file is outside the content folder, so quire does not publish it: ../../std/index.html (the site links to it as written; PDF and EPUB print the link text) unpublished-file'
    ])
    expect(withSite.result.written).toContain('html/assets/api/slides/fs-deck.pdf')
    const page = await withSite.read('html/api-fs.html')
    expect(page).toContain('<a href="assets/api/slides/fs-deck.pdf#page=3">slides</a>')
    expect(page).toContain('<a href="CHANGELOG.txt">CHANGELOG</a>')
    expect(page).toContain('<a href="/about">about page</a>')
  })
})

describe('PDF: links out of the handout', needs('chromium', 'pdftotext', 'qpdf'), () => {
  it('go to the site under `site.url`: other notes with their heading, copied files, the site root', async () => {
    expect(await pdfLinks(path.join(withSite.out, 'pdf/api-fs.pdf'))).toEqual([
      'https://docs.example/about',
      'https://docs.example/node/api-util.html',
      'https://docs.example/node/api-util.html#utilpromisifyoriginal',
      'https://docs.example/node/assets/api/slides/fs-deck.pdf#page=3'
    ])
  })

  it('print as text without `site.url`, and never name a file of the build machine', async () => {
    expect(await pdfLinks(path.join(plain.out, 'pdf/api-fs.pdf'))).toEqual([])
    for (const build of [withSite, plain]) {
      const bytes = (await build.readBytes('pdf/api-fs.pdf')).toString('latin1')
      expect(bytes).not.toMatch(/file:|\/tmp\/|quire-pdf/)
    }
  })
})

describe('EPUB: links out of a chapter', needs('epubcheck'), () => {
  it('go to the other chapter of the book, at its heading', async () => {
    const epub = await openEpub(await plain.readBytes('epub/api.epub'))
    expect(anchors(await epub.text('OEBPS/api-fs.xhtml'))).toEqual([
      '<code>util.promisify()</code> → api-util.xhtml#utilpromisifyoriginal',
      'the utilities → api-util.xhtml',
      'stats → #fsstatpath'
    ])
    expect(anchors(await epub.text('OEBPS/api-util.xhtml'))).toEqual(['fs.stat → api-fs.xhtml#fsstatpath'])
    expect(texts(await epub.text('OEBPS/api-fs.xhtml'))).toEqual(['slides', 'CHANGELOG', 'std', 'about page'])
    expect((await epubcheck(path.join(plain.out, 'epub/api.epub'))).messages).toEqual([])
  })

  it('of a single note go to the site like the PDF’s, or print as text', async () => {
    const linked = await openEpub(await withSite.readBytes('epub/api-fs.epub'))
    const chapter = (await Promise.all(linked.names().filter((name) => /chapter-\d+\.xhtml$/.test(name)).map((name) => linked.text(name)))).join('\n')
    expect(anchors(chapter).filter((link) => link.includes('https:'))).toEqual([
      '<code>util.promisify()</code> → https://docs.example/node/api-util.html#utilpromisifyoriginal',
      'the utilities → https://docs.example/node/api-util.html',
      'slides → https://docs.example/node/assets/api/slides/fs-deck.pdf#page=3',
      'about page → https://docs.example/about'
    ])
    expect(texts(chapter)).toEqual(['CHANGELOG', 'std'])
    expect((await epubcheck(path.join(withSite.out, 'epub/api-fs.epub'))).messages).toEqual([])
  })
})
