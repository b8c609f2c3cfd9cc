/** The pdf emitter's pure parts: options, request rules, templates, bookmark titles, structure ids. */
import {PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, type PDFRef} from 'pdf-lib'
import {describe, expect, it} from 'vitest'
import {launchFlags} from '../../../src/browser/chromium.js'
import {printMargin, templateContent} from '../../../src/emitters/pdf/page-css.js'
import {formatDate} from '../../../src/emitters/intl.js'
import {defaultConcurrency, parsePdfOptions} from '../../../src/emitters/pdf/options.js'
import {rebuildOutline, type PrintedHeading} from '../../../src/emitters/pdf/bookmarks.js'
import {renumberStructureIds} from '../../../src/emitters/pdf/structure-ids.js'
import {isAllowed} from '../../../src/emitters/pdf/render.js'
import type {Heading, QuireDocument} from '../../../src/model.js'

describe('pdf options', () => {
  it('fills in defaults', () => {
    expect(parsePdfOptions(undefined)).toEqual({
      format: 'A4',
      margin: {top: '20mm', right: '18mm', bottom: '20mm', left: '18mm'},
      header: true,
      footer: true,
      toc: false,
      perNote: true,
      books: [],
      layout: 'page',
      pagesPerSheet: 2,
      qr: true,
      duplex: false,
      tocTitle: 'Contents',
      concurrency: defaultConcurrency(),
      timeout: 60_000
    })
    expect(defaultConcurrency()).toBeGreaterThanOrEqual(1)
    expect(defaultConcurrency()).toBeLessThanOrEqual(4)
  })

  it('keeps what the user set and does not change the input', () => {
    const input = Object.freeze({format: 'Letter', margin: Object.freeze({top: '1in'}), footer: 'p. {page}', concurrency: 2})
    const options = parsePdfOptions(input)
    expect(options).toMatchObject({format: 'Letter', margin: {top: '1in', right: '18mm'}, footer: 'p. {page}', concurrency: 2})
  })

  it('names the key it rejects', () => {
    expect(() => parsePdfOptions({format: 'A3'})).toThrow(/^`format`: /)
    expect(() => parsePdfOptions({margin: {top: 'wide'}})).toThrow(/^`margin\.top`: expected a CSS length/)
    expect(() => parsePdfOptions({timeout: 0})).toThrow(/^`timeout`/)
    expect(() => parsePdfOptions({browserWSEndpoint: 'http://x'})).toThrow(/^`browserWSEndpoint`: expected a ws:/)
    expect(() => parsePdfOptions({pageSize: 'A4'})).toThrow(/^unknown option `pageSize` \(known: format, margin/)
    expect(() => parsePdfOptions({layout: 'booklet'})).toThrow(/^`layout`: /)
    expect(() => parsePdfOptions({pagesPerSheet: 3})).toThrow(/^`pagesPerSheet`: /)
    expect(() => parsePdfOptions({books: [{title: 'T', tag: 'a', folder: 'b/'}]})).toThrow(/^`books\[0\]\.folder`: give one of `files`, `tag` and `folder`/)
    expect(() => parsePdfOptions({books: [{title: 'T'}]})).toThrow(/^`books\[0\]\.files`: a book needs its notes/)
    expect(() => parsePdfOptions({books: [{title: 'Same', tag: 'a'}, {title: 'same', folder: 'b'}]})).toThrow(/pdf\/same\.pdf/)
  })

  it('widens the right margin for the ruled space of the handout layout only', () => {
    const options = parsePdfOptions({layout: 'handout'})
    expect(printMargin(options)).toEqual({top: '20mm', right: '84mm', bottom: '20mm', left: '18mm'})
    expect(printMargin(parsePdfOptions({}))).toEqual(parsePdfOptions({}).margin)
  })
})

describe('pdf request rules', () => {
  const job = {allowedFolders: ['/tmp/quire-pdf-x'], allowedFiles: ['/notes/img/a.png']}
  it('allows the render folder, the note images and data: URLs only', () => {
    expect(isAllowed('file:///tmp/quire-pdf-x/note.html', job)).toBe(true)
    expect(isAllowed('file:///notes/img/a.png', job)).toBe(true)
    expect(isAllowed('data:image/png;base64,AAAA', job)).toBe(true)
    expect(isAllowed('file:///notes/img/b.png', job)).toBe(false)
    expect(isAllowed('file:///tmp/quire-pdf-x/../secret', job)).toBe(false)
    expect(isAllowed('file:///tmp/quire-pdf-xy/note.html', job)).toBe(false)
    expect(isAllowed('file:///etc/passwd', job)).toBe(false)
    expect(isAllowed('http://localhost/a.png', job)).toBe(false)
    expect(isAllowed('https://example.com/font.woff2', job)).toBe(false)
  })

  it('launches a browser that resolves no host name', () => {
    const flags = launchFlags()
    expect(flags).toContain('--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost')
    expect(flags).toEqual(expect.arrayContaining(['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']))
    expect(flags.includes('--no-sandbox')).toBe(process.getuid?.() === 0)
  })
})

describe('pdf header and footer templates', () => {
  const text = {title: 'Tom & <Jerry> "quoted" \\', authors: ['A', 'B'], date: '2022-10-10', lang: 'en'}
  it('makes CSS strings of the text (nothing can close the style element) and page counters of the numbers', () => {
    expect(templateContent('{title} — {author}, {date}: {page}/{pages} {other}', text)).toBe(
      '"Tom & \\3c Jerry\\3e  \\22 quoted\\22  \\5c  — A, B, October 10, 2022: " counter(page) "/" counter(pages) " {other}"'
    )
    expect(templateContent('{page}', text)).toBe('counter(page)')
    expect(templateContent('', text)).toBe('none')
  })

  it('formats dates in the note language without shifting the day', () => {
    expect(formatDate('2022-10-10', 'de')).toBe('10. Oktober 2022')
    expect(formatDate('2022-01-01', 'en')).toBe('January 1, 2022')
    expect(formatDate('not a date', 'en')).toBe('not a date')
  })
})

describe('pdf bookmarks: the note outline, built anew', () => {
  const heading = (id: string, text: string, children: Heading[] = []): Heading => ({id, depth: 1, text, children})

  /** A PDF whose outline is Chromium-like: one flat list, each entry a /Dest to page 1 at its own height. */
  async function chromiumLike(titles: string[]): Promise<PDFDocument> {
    const pdf = await PDFDocument.create()
    const page = pdf.addPage()
    const outlinesRef = pdf.context.register(pdf.context.obj({Type: 'Outlines'}))
    const refs = titles.map((title, index) =>
      pdf.context.register(pdf.context.obj({Title: PDFString.of(title), Parent: outlinesRef, Dest: [page.ref, 'XYZ', 50, 800 - index * 10, 0]}))
    )
    refs.forEach((ref, index) => {
      const next = refs[index + 1]
      if (next) (pdf.context.lookup(ref) as PDFDict).set(PDFName.of('Next'), next)
    })
    const outlines = pdf.context.lookup(outlinesRef) as PDFDict
    outlines.set(PDFName.of('First'), refs[0]!)
    outlines.set(PDFName.of('Last'), refs.at(-1)!)
    pdf.catalog.set(PDFName.of('Outlines'), outlinesRef)
    return pdf
  }

  /** The outline as [title, height the entry goes to, children]. */
  type Entry = [string, number, Entry[]]
  function tree(pdf: PDFDocument): {entries: Entry[]; count: number} {
    const walk = (first: unknown, parent: unknown): Entry[] => {
      const entries: Entry[] = []
      for (let item = first ? (pdf.context.lookup(first as PDFRef) as PDFDict) : undefined; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
        expect(item.get(PDFName.of('Parent'))).toBe(parent)
        const title = item.get(PDFName.of('Title'))
        const dest = item.lookup(PDFName.of('Dest'), PDFArray)
        entries.push([title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '?', (dest.get(3) as PDFNumber).asNumber(), walk(item.get(PDFName.of('First')), item.get(PDFName.of('First')) ? pdf.context.getObjectRef(item) : undefined)])
      }
      return entries
    }
    const outlinesRef = pdf.catalog.get(PDFName.of('Outlines')) as PDFRef
    const outlines = pdf.context.lookup(outlinesRef) as PDFDict
    return {entries: walk(outlines.get(PDFName.of('First')), outlinesRef), count: (outlines.get(PDFName.of('Count')) as PDFNumber).asNumber()}
  }

  it('keeps only outline headings, nested as the note nests them, titled with their text', async () => {
    // Chromium's list: a quoted heading and a raw HTML one among the note's, a title that lost a space.
    const pdf = await chromiumLike(['Before we start', 'A quoted heading', 'Raw HTML heading', 'Record and Tuple (immutabledata structures)', 'Liz', 'O(n log n)'])
    const printed: PrintedHeading[] = [
      {text: 'Before we start', outlineId: 'before'},
      {text: 'A quoted heading'},
      {text: 'Raw HTML heading'},
      {text: 'Record and Tuple (immutable data structures)', outlineId: 'record'},
      {text: 'Liz', outlineId: 'liz'},
      {text: 'O(n log n)', outlineId: 'math'}
    ]
    const headings = [heading('before', 'Before we start'), heading('record', 'Record and Tuple (immutable data structures)', [heading('liz', 'Liz')]), heading('math', 'O(n log n)')]
    expect(rebuildOutline(pdf, headings, printed)).toEqual({missing: 0})
    expect(tree(pdf)).toEqual({
      entries: [
        ['Before we start', 800, []],
        ['Record and Tuple (immutable data structures)', 770, [['Liz', 760, []]]],
        ['O(n log n)', 750, []]
      ],
      count: 4
    })
  })

  it('removes the entries it replaces from the file', async () => {
    const pdf = await chromiumLike(['One', 'Quoted'])
    const before = pdf.context.enumerateIndirectObjects().length
    rebuildOutline(pdf, [heading('one', 'One')], [{text: 'One', outlineId: 'one'}, {text: 'Quoted'}])
    // Two entries and the root went, one entry and the root came.
    expect(pdf.context.enumerateIndirectObjects().length).toBe(before - 1)
  })

  it('matches by text when Chromium skipped a heading, and counts outline headings left without a bookmark', async () => {
    const pdf = await chromiumLike(['Notes', 'Notes'])
    const printed: PrintedHeading[] = [{text: 'Hidden', outlineId: 'hidden'}, {text: 'Notes', outlineId: 'notes'}, {text: 'Notes', outlineId: 'notes-1'}]
    const headings = [heading('hidden', 'Hidden', [heading('notes', 'Notes')]), heading('notes-1', 'Notes')]
    expect(rebuildOutline(pdf, headings, printed)).toEqual({missing: 1})
    // The hidden heading's child moves up a level.
    expect(tree(pdf).entries).toEqual([
      ['Notes', 800, []],
      ['Notes', 790, []]
    ])
  })

  it('leaves no outline at all when the note has no headings', async () => {
    const pdf = await chromiumLike(['Quoted'])
    rebuildOutline(pdf, [], [{text: 'Quoted'}])
    expect(pdf.catalog.get(PDFName.of('Outlines'))).toBeUndefined()
  })
})

describe('pdf structure ids', () => {
  it('are numbered in tree order, whatever Chromium named them, headers and id tree alike', async () => {
    // As Chromium writes a table: header cells named after their DOM nodes, a cell pointing at them.
    const build = async (nodeIds: [string, string]) => {
      const pdf = await PDFDocument.create()
      const context = pdf.context
      const [first, second] = nodeIds.map((id) => context.register(context.obj({Type: 'StructElem', S: 'TH', ID: PDFString.of(id)})))
      const cell = context.register(context.obj({Type: 'StructElem', S: 'TD', A: [{O: 'Table', Headers: [PDFString.of(nodeIds[1]), PDFString.of(nodeIds[0])]}]}))
      const leaf = context.register(context.obj({Limits: [PDFString.of(nodeIds[0]), PDFString.of(nodeIds[1])], Names: [PDFString.of(nodeIds[0]), first!, PDFString.of(nodeIds[1]), second!]}))
      const root = context.obj({Type: 'StructTreeRoot', K: [first!, second!, cell], IDTree: context.register(context.obj({Kids: [leaf]}))})
      pdf.catalog.set(PDFName.of('StructTreeRoot'), context.register(root))
      renumberStructureIds(pdf)
      return {pdf, bytes: await pdf.save({useObjectStreams: false})}
    }
    const a = await build(['node00000335', 'node00000340'])
    const b = await build(['node00000286', 'node00000291'])
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true)
    const text = Buffer.from(a.bytes).toString('latin1')
    expect(text).not.toMatch(/node00000(?:335|340)/)
    expect(text).toContain('/Headers [ (node00000002) (node00000001) ]')
    expect(text).toMatch(/\/Names \[ \(node00000001\) \d+ 0 R \(node00000002\) \d+ 0 R \]/)
  })
})
