/**
 * The three outlines of a note are one list: the HTML table of contents, the
 * PDF bookmarks and the EPUB nav carry the same headings, with the same
 * text, nested the same way. Checked over every note of every fixture folder
 * (each built as its own content folder), and in detail on
 * `test/fixtures/outlines`, whose notes put headings where outlines go wrong:
 * in quotes, callouts, list items, raw HTML, `<details>` and embeds, with
 * math, markup and links in them, repeated, wrapping and skipping levels.
 */
import {readdirSync} from 'node:fs'
import path from 'node:path'
import {PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFObject} from 'pdf-lib'
import type {Element} from 'hast'
import {beforeAll, describe, expect, it} from 'vitest'
import {attr, parsePage, select, text} from './html/dom.js'
import {openEpub, parseNav, type TocNode} from './epub/helpers.js'
import {buildFixture, fixturesDir, type FixtureBuild} from '../helpers/build.js'
import {needs} from '../helpers/tools.js'

/** An outline as `depth text` lines. */
type Outline = string[]

const config = {html: {tocDepth: 6, tocCollapse: false}}

/** Every fixture folder that holds notes. */
const roots = readdirSync(fixturesDir, {withFileTypes: true})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .filter((name) => readdirSync(path.join(fixturesDir, name), {recursive: true}).some((file) => String(file).endsWith('.md')))
  .sort()

/** The HTML page's table of contents; empty when the page has none. */
function htmlOutline(page: string): Outline {
  const tree = parsePage(page)
  const nav = select(tree, 'nav', (element) => (attr(element, 'className') ?? '').split(' ').includes('toc'))[0]
  if (!nav) return []
  const lines: Outline = []
  const walk = (list: Element, depth: number) => {
    for (const item of list.children) {
      if (item.type !== 'element' || item.tagName !== 'li') continue
      const link = select(item, 'a')[0]!
      lines.push(`${depth} ${text(link)}`)
      // This entry's own sub-list: the first `ol` inside it (folded in `<details>` or not); deeper ones are its entries'.
      const nested = select(item, 'ol')[0]
      if (nested) walk(nested, depth + 1)
    }
  }
  walk(select(nav, 'ol')[0]!, 1)
  return lines
}

function pdfTitle(value: PDFObject | undefined): string {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : '?'
}

async function pdfOutline(bytes: Buffer): Promise<Outline> {
  const pdf = await PDFDocument.load(bytes, {updateMetadata: false})
  const lines: Outline = []
  const walk = (first: PDFDict | undefined, depth: number) => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      lines.push(`${depth} ${pdfTitle(item.get(PDFName.of('Title')))}`)
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1)
    }
  }
  walk(pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict), 1)
  return lines
}

/** The EPUB nav without its first entry, the note's title (its own chapter). */
async function epubOutline(bytes: Buffer): Promise<Outline> {
  const epub = await openEpub(bytes)
  for (const name of epub.names().filter((file) => file.endsWith('.xhtml'))) {
    const xhtml = await epub.text(name)
    if (!xhtml.includes('epub:type="toc"')) continue
    const lines = (nodes: readonly TocNode[], depth: number): Outline => nodes.flatMap((node) => [`${depth} ${node.label}`, ...lines(node.children, depth + 1)])
    return lines(parseNav(xhtml).slice(1), 1)
  }
  throw new Error('no navigation document')
}

interface NoteOutlines {
  readonly html: Outline
  readonly pdf: Outline
  readonly epub: Outline
}

async function outlinesOf(site: FixtureBuild, slug: string): Promise<NoteOutlines> {
  return {
    html: htmlOutline(await site.read(`html/${slug}.html`)),
    pdf: await pdfOutline(await site.readBytes(`pdf/${slug}.pdf`)),
    epub: await epubOutline(await site.readBytes(`epub/${slug}.epub`))
  }
}

/** The notes of a build that every format wrote. */
function builtSlugs(site: FixtureBuild): string[] {
  const written = new Set(site.result.written)
  return site.result.notes
    .map((note) => note.slug)
    .filter((slug): slug is string => slug !== undefined && ['html', 'pdf', 'epub'].every((format) => written.has(`${format}/${slug}.${format}`)))
    .sort()
}

describe('three outlines', needs('chromium'), () => {
  describe('on notes that put headings where outlines go wrong', () => {
    let site: FixtureBuild
    beforeAll(async () => {
      site = await buildFixture(path.join(fixturesDir, 'outlines'), ['html', 'pdf', 'epub'], {config})
    }, 120_000)

    it('list only the page’s own headings, nested by the note, with their text', async () => {
      const expected = [
        '1 Before we start',
        '1 Chapter 2: Streams and pipe()',
        '2 Back-pressure, explained with a very long heading that has to wrap onto a second line in print',
        '3 Deep, skipping level five',
        '4 Level six directly',
        '1 Math: O(n log n) sorting',
        '2 The §1 rule',
        '1 Before we start',
        '1 Wrap-up with a link'
      ]
      expect(await outlinesOf(site, 'reading-group')).toEqual({html: expected, pdf: expected, epub: expected})
      const soup = ['1 Starts at three', '1 Then two', '1 Then one', '2 Emoji 🚀 and Ünïcödé', '3 代数系统与 ℝ']
      expect(await outlinesOf(site, 'heading-soup')).toEqual({html: soup, pdf: soup, epub: soup})
    })

    it('send each PDF bookmark to the page its heading is on', async () => {
      const pdf = await PDFDocument.load(await site.readBytes('pdf/reading-group.pdf'), {updateMetadata: false})
      const pages = pdf.getPages().map((page) => page.ref.toString())
      const targets: Array<[string, number]> = []
      const walk = (first: PDFDict | undefined) => {
        for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
          const dest = item.lookup(PDFName.of('Dest'), PDFArray)
          targets.push([pdfTitle(item.get(PDFName.of('Title'))), pages.indexOf(String(dest.get(0)))])
          walk(item.lookupMaybe(PDFName.of('First'), PDFDict))
        }
      }
      walk(pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict))
      expect(targets.every(([, page]) => page >= 0)).toBe(true)
      // The embed and the last heading come after everything else: on the last page.
      expect(targets.at(-1)![1]).toBe(pages.length - 1)
      expect(targets.map(([, page]) => page)).toEqual([...targets.map(([, page]) => page)].sort((a, b) => a - b))
    })
  })

  describe('over every fixture note', () => {
    const sites = new Map<string, FixtureBuild>()
    beforeAll(async () => {
      for (const root of roots) sites.set(root, await buildFixture(path.join(fixturesDir, root), ['html', 'pdf', 'epub'], {config}))
    }, 900_000)

    it.each(roots)('%s: are one list', async (root) => {
      const site = sites.get(root)!
      const slugs = builtSlugs(site)
      if (!['bad', 'pipeline'].includes(root)) expect(slugs.length, `${root} built no note in all three formats`).toBeGreaterThan(0)
      for (const slug of slugs) {
        const outlines = await outlinesOf(site, slug)
        expect(outlines.pdf, `${root}: ${slug}, PDF`).toEqual(outlines.html)
        expect(outlines.epub, `${root}: ${slug}, EPUB`).toEqual(outlines.html)
      }
    })
  })
})
