import {createServer, type Server} from 'node:http'
import fs from 'node:fs/promises'
import path from 'node:path'
import {PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString} from 'pdf-lib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {defineEmitter} from '../../../src/emitters/types.js'
import type {Heading, QuireDocument} from '../../../src/model.js'
import {buildFixture, fixturesDir, messageLines, sampleContent, tempDir, type FixtureBuild} from '../../helpers/build.js'
import {pageTexts, pdfinfo} from './tools.js'
import {needs} from '../../helpers/tools.js'

/** A third-party emitter that only remembers the documents the build handed to emitters. */
function probe(seen: QuireDocument[]) {
  return defineEmitter({
    name: 'probe',
    description: 'test probe',
    writes: [],
    note(doc) {
      seen.push(doc)
    }
  })
}

const flatten = (headings: readonly Heading[]): string[] => headings.flatMap((heading) => [heading.text, ...flatten(heading.children)])

async function outlineTitles(bytes: Uint8Array): Promise<{titles: string[]; depths: number[]}> {
  const pdf = await PDFDocument.load(bytes, {updateMetadata: false})
  const titles: string[] = []
  const depths: number[] = []
  const walk = (first: PDFDict | undefined, depth: number) => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = item.get(PDFName.of('Title'))
      titles.push(title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '')
      depths.push(depth)
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1)
    }
  }
  walk(pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict), 0)
  return {titles, depths}
}

async function imageSizes(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes, {updateMetadata: false})
  return pdf.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter((object): object is PDFRawStream => object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'))
    .map((image) => `${String(image.dict.get(PDFName.of('Width')))}x${String(image.dict.get(PDFName.of('Height')))}`)
}

describe('pdf: the sample', needs('chromium', 'pdfinfo', 'pdftotext'), () => {
  let built: FixtureBuild
  const seen: QuireDocument[] = []
  const file = () => path.join(built.out, 'pdf', 'nodeconfeu-2022.pdf')
  const sample = () => seen.find((doc) => doc.slug === 'nodeconfeu-2022')!

  beforeAll(async () => {
    built = await buildFixture(sampleContent, ['pdf', 'probe'], {config: {emitters: {probe: probe(seen)}}})
  })

  it('writes a PDF per note and nothing else in pdf/', async () => {
    expect(built.result.errors).toBe(0)
    expect(built.result.written.filter((name) => name.startsWith('pdf/'))).toEqual(['pdf/glossary.pdf', 'pdf/nodeconfeu-2022.pdf', 'pdf/reading-list.pdf'])
    expect((await fs.readdir(path.join(built.out, 'pdf'))).sort()).toEqual(['glossary.pdf', 'nodeconfeu-2022.pdf', 'reading-list.pdf'])
  })

  it('has more than one A4 page, numbered n / N in the footer, the title as running header', async () => {
    const info = pdfinfo(file())
    const pages = Number(info.Pages)
    expect(pages).toBeGreaterThan(1)
    expect(info['Page size']).toContain('(A4)')
    const texts = pageTexts(file())
    expect(texts).toHaveLength(pages)
    texts.forEach((text, index) => {
      expect(text).toMatch(new RegExp(`(^|\\s)${index + 1} / ${pages}(\\s|$)`))
      expect(text).toContain('nodeconfeu2022-notes')
    })
    const pdf = await PDFDocument.load(await built.readBytes('pdf/nodeconfeu-2022.pdf'), {updateMetadata: false})
    expect(pdf.getPageCount()).toBe(pages)
  })

  it('has a bookmark for every day and talk, titled exactly like the headings', async () => {
    const {titles, depths} = await outlineTitles(await built.readBytes('pdf/nodeconfeu-2022.pdf'))
    const expected = flatten(sample().headings)
    expect(expected).toContain('Robin Ricard - Record and Tuple (immutable data structures) - @r_ricard')
    expect(titles).toEqual(expected)
    expect(titles.filter((_, index) => depths[index] === 0)).toEqual(['My Twitter Summaries:', 'day 1', 'day 2', 'Day 3'])
    expect(titles.filter((title) => title.startsWith('Liz Parody'))).toHaveLength(1)
  })

  it('is tagged, with language and metadata', async () => {
    const info = pdfinfo(file())
    expect(info.Tagged).toBe('yes')
    expect(info.Title).toBe('nodeconfeu2022-notes')
    expect(info.Creator).toBe('quire')
    expect(info.Producer).toMatch(/^quire \S+ \(.*Chrom/)
    const pdf = await PDFDocument.load(await built.readBytes('pdf/nodeconfeu-2022.pdf'), {updateMetadata: false})
    expect(String(pdf.catalog.get(PDFName.of('Lang')))).toBe('(en)')
    expect(pdf.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined()

    const reading = pdfinfo(path.join(built.out, 'pdf', 'reading-list.pdf'))
    expect(reading).toMatchObject({
      Title: 'Reading list for the Node.js release team',
      Author: 'Ada Lovelace, Grace Hopper',
      Subject: 'Papers, docs and talks worth reading before helping with a Node.js release.',
      Keywords: 'nodejs, releases, reading',
      Creator: 'quire',
      Tagged: 'yes'
    })
    // No SOURCE_DATE_EPOCH: dates come from the note, never from "now".
    expect(reading.CreationDate).toMatch(/Oct 10 00:00:00 2022 UTC/)
  })

  it('prints the title block, the local image and the note text', async () => {
    const text = pageTexts(path.join(built.out, 'pdf', 'reading-list.pdf')).join('\n')
    expect(text).toContain('What to read before your first release shift')
    expect(text).toContain('Ada Lovelace, Grace Hopper')
    expect(text).toContain('October 10, 2022')
    expect(text).toContain("Releasing ${tag}")
    expect(text).not.toContain('Footnotes')
    expect(await imageSizes(await built.readBytes('pdf/reading-list.pdf'))).toContain('64x32')
    expect(await imageSizes(await built.readBytes('pdf/glossary.pdf'))).toEqual([])
  })
})

describe('pdf: images, network, options', needs('chromium', 'pdfinfo', 'pdftotext'), () => {
  let server: Server
  let requests: string[]
  let built: FixtureBuild
  let content: string
  const seen: QuireDocument[] = []

  beforeAll(async () => {
    requests = []
    server = createServer((request, response) => {
      requests.push(request.url ?? '')
      response.writeHead(200, {'content-type': 'image/png'})
      response.end()
    })
    // `localhost` is the one host the browser's resolver rules let through: only request blocking stops these.
    await new Promise<void>((resolve) => server.listen(0, resolve))
    const {port} = server.address() as {port: number}
    content = await tempDir('quire-pdf-content-')
    await fs.cp(path.join(fixturesDir, 'pdf', 'handout'), content, {recursive: true})
    await fs.writeFile(
      path.join(content, 'remote.md'),
      `# Remote\n\nText before.\n\n![far away](http://localhost:${port}/remote.png)\n`
    )
    const css = path.join(content, 'extra.css')
    await fs.writeFile(css, `body { background-image: url("http://localhost:${port}/from-css.png"); }\n.quire-title { color: rgb(1, 2, 3); }\n`)
    built = await buildFixture(content, ['pdf', 'probe'], {
      config: {emitters: {probe: probe(seen)}, pdf: {format: 'Letter', toc: true, header: 'Handout: {title}', footer: 'Page {page} of {pages}', css}}
    })
  })

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
    await fs.rm(content, {recursive: true, force: true})
  })

  it('embeds the local image as an image object', async () => {
    expect(built.result.errors).toBe(0)
    expect(await imageSizes(await built.readBytes('pdf/handout.pdf'))).toContain('64x32')
  })

  it('never fetches a remote image, and says where it was', async () => {
    expect(requests).toEqual([])
    const lines = messageLines(built.result, content)
    expect(lines).toContainEqual(expect.stringMatching(/^remote\.md:5:1 warning pdf: remote image not included .*http:\/\/localhost:\d+\/remote\.png pdf-remote-image$/))
    expect(pageTexts(path.join(built.out, 'pdf', 'remote.pdf')).join('\n')).toContain('[far away]')
  })

  it('blocks remote requests from the extra stylesheet and reports them', () => {
    expect(requests).toEqual([])
    const lines = messageLines(built.result, content)
    expect(lines.filter((line) => line.includes('from-css.png') && line.endsWith('pdf-blocked-request'))).toHaveLength(2)
  })

  it('uses the paper format, header and footer templates and the table of contents', () => {
    const file = path.join(built.out, 'pdf', 'handout.pdf')
    expect(pdfinfo(file)['Page size']).toContain('(letter)')
    const pages = pageTexts(file)
    expect(pages.length).toBeGreaterThan(1)
    pages.forEach((text, index) => {
      expect(text).toContain(`Page ${index + 1} of ${pages.length}`)
      expect(text).toContain('Handout: A handout with pictures')
    })
    // The contents page lists the headings and ends before the first section.
    expect(pages[0]).toContain('Contents')
    expect(pages[0]).toContain('Code that must wrap')
    expect(pages[0]).not.toContain('Some text.')
  })

  it('rewrites wrapped bookmark titles and keeps heading nesting', async () => {
    const {titles, depths} = await outlineTitles(await built.readBytes('pdf/handout.pdf'))
    const doc = seen.find((entry) => entry.slug === 'handout')!
    expect(titles).toEqual(flatten(doc.headings))
    expect(titles[0]).toBe('A first section whose heading is long enough to wrap across two lines on an A4 page, really')
    expect(depths).toEqual([0, 1, 1, 0])
  })

  it('sets language, keywords with spaces, and prints long code lines whole', async () => {
    const file = path.join(built.out, 'pdf', 'handout.pdf')
    const info = pdfinfo(file)
    expect(info.Keywords).toBe('print, test fixture')
    expect(info.Tagged).toBe('yes')
    const pdf = await PDFDocument.load(await built.readBytes('pdf/handout.pdf'), {updateMetadata: false})
    expect(String(pdf.catalog.get(PDFName.of('Lang')))).toBe('(en-GB)')
    // The whole string is printed (scaled down to fit), not cut at the page edge.
    const text = pageTexts(file).join('\n').replace(/\s+/g, ' ')
    expect(text).toContain('on and on and on and on')
    expect(text.match(/on and/g)!.length).toBeGreaterThanOrEqual(11)
    expect(text).toContain('supercalifragilisticexpialidocious'.slice(0, 10))
  })
})

describe('pdf: page breaks', needs('chromium', 'pdftotext'), () => {
  let content: string
  let built: FixtureBuild

  beforeAll(async () => {
    // Sections of 1 to 11 paragraphs: without care, some heading lands on the last line of a page.
    const parts = ['# Orphans\n']
    for (let section = 1; section < 90; section++) {
      parts.push(`## Heading number ${section}\n`)
      const count = ((section * 3) % 11) + 1
      parts.push(Array.from({length: count}, (_, index) => `Paragraph ${section}.${index + 1} of filler text.`).join('\n\n') + '\n')
    }
    content = await tempDir('quire-pdf-orphans-')
    await fs.writeFile(path.join(content, 'orphans.md'), parts.join('\n'))
    built = await buildFixture(content, ['pdf'])
  })

  afterAll(async () => {
    await fs.rm(content, {recursive: true, force: true})
  })

  it('never ends a page with a heading', () => {
    const pages = pageTexts(path.join(built.out, 'pdf', 'orphans.pdf'))
    expect(pages.length).toBeGreaterThan(5)
    const lastLines = pages.map((page) => {
      const lines = page
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !/^\d+ ?\/ ?\d+$/.test(line))
      return lines.at(-1)
    })
    expect(lastLines.filter((line) => line?.startsWith('Heading number'))).toEqual([])
    expect(lastLines.filter((line) => line?.startsWith('Paragraph'))).toHaveLength(pages.length)
  })
})
