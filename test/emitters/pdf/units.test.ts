/** The pdf emitter's pure parts: options, request rules, templates, bookmark titles, structure ids. */
import {PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFRef} from 'pdf-lib'
import {describe, expect, it} from 'vitest'
import {launchFlags} from '../../../src/browser/chromium.js'
import {expandTemplate} from '../../../src/emitters/pdf/html.js'
import {formatDate} from '../../../src/emitters/intl.js'
import {defaultConcurrency, parsePdfOptions} from '../../../src/emitters/pdf/options.js'
import {fixOutlineTitles} from '../../../src/emitters/pdf/outline.js'
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
  const doc = {meta: {title: 'Tom & <Jerry>', authors: ['A', 'B'], date: '2022-10-10', lang: 'en'}} as unknown as QuireDocument
  it('escapes text and fills page numbers', () => {
    expect(expandTemplate('{title} — {author}, {date}: {page}/{pages} {other}', doc)).toBe(
      'Tom &amp; &lt;Jerry&gt; — A, B, October 10, 2022: <span class="pageNumber"></span>/<span class="totalPages"></span> {other}'
    )
    expect(expandTemplate('<b>{page}</b>', doc)).toBe('&lt;b&gt;<span class="pageNumber"></span>&lt;/b&gt;')
  })

  it('formats dates in the note language without shifting the day', () => {
    expect(formatDate('2022-10-10', 'de')).toBe('10. Oktober 2022')
    expect(formatDate('2022-01-01', 'en')).toBe('January 1, 2022')
    expect(formatDate('not a date', 'en')).toBe('not a date')
  })
})

describe('pdf bookmark titles', () => {
  const heading = (text: string, children: Heading[] = []): Heading => ({id: text, depth: 1, text, children})

  async function withOutline(titles: string[][]): Promise<PDFDocument> {
    const pdf = await PDFDocument.create()
    pdf.addPage()
    const outlines = pdf.context.obj({Type: 'Outlines'})
    const outlinesRef = pdf.context.register(outlines)
    const refs: PDFRef[] = []
    // Flat list of [title] or [title, childTitle...]: enough to build two levels.
    for (const [title, ...children] of titles) {
      const item = pdf.context.obj({Title: PDFString.of(title!), Parent: outlinesRef})
      const ref = pdf.context.register(item)
      const childRefs = children.map((child) => pdf.context.register(pdf.context.obj({Title: PDFString.of(child), Parent: ref})))
      childRefs.forEach((child, index) => {
        const next = childRefs[index + 1]
        if (next) (pdf.context.lookup(child) as PDFDict).set(PDFName.of('Next'), next)
      })
      if (childRefs.length > 0) item.set(PDFName.of('First'), childRefs[0]!)
      refs.push(ref)
    }
    refs.forEach((ref, index) => {
      const next = refs[index + 1]
      if (next) (pdf.context.lookup(ref) as PDFDict).set(PDFName.of('Next'), next)
    })
    outlines.set(PDFName.of('First'), refs[0]!)
    pdf.catalog.set(PDFName.of('Outlines'), outlinesRef)
    return pdf
  }

  function titles(pdf: PDFDocument): string[] {
    const result: string[] = []
    const walk = (ref: unknown) => {
      for (let item = ref ? (pdf.context.lookup(ref as PDFRef) as PDFDict) : undefined; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
        const title = item.get(PDFName.of('Title'))
        result.push(title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '?')
        walk(item.get(PDFName.of('First')))
      }
    }
    walk((pdf.catalog.lookup(PDFName.of('Outlines')) as PDFDict).get(PDFName.of('First')))
    return result
  }

  it('restores spaces Chromium dropped at line wraps, in order, with non-ASCII text', async () => {
    const pdf = await withOutline([['Robin Ricard - Record and Tuple (immutabledata structures)', 'Liz'], ['Día dos']])
    const unmatched = fixOutlineTitles(pdf, [
      heading('Robin Ricard - Record and Tuple (immutable data structures)', [heading('Liz  ')]),
      heading('Día  dos')
    ])
    expect(unmatched).toBe(0)
    expect(titles(pdf)).toEqual(['Robin Ricard - Record and Tuple (immutable data structures)', 'Liz  ', 'Día  dos'])
  })

  it('leaves a bookmark that matches no heading as it was and counts it', async () => {
    const pdf = await withOutline([['Footnotes'], ['Intro']])
    expect(fixOutlineTitles(pdf, [heading('Intro')])).toBe(1)
    expect(titles(pdf)).toEqual(['Footnotes', 'Intro'])
  })

  it('matches repeated headings one after the other', async () => {
    const pdf = await withOutline([['Notes'], ['Notes']])
    expect(fixOutlineTitles(pdf, [heading('Notes'), heading('Notes')])).toBe(0)
  })
})

describe('pdf bookmark titles of headings with math', () => {
  it('match the heading without its math (Chromium leaves math out) and read its TeX', async () => {
    const pdf = await PDFDocument.create()
    pdf.addPage()
    const outlines = pdf.context.obj({Type: 'Outlines'})
    const outlinesRef = pdf.context.register(outlines)
    const item = pdf.context.register(pdf.context.obj({Title: PDFString.of('Proof of '), Parent: outlinesRef}))
    outlines.set(PDFName.of('First'), item)
    pdf.catalog.set(PDFName.of('Outlines'), outlinesRef)
    const heading: Heading = {id: 'proof-of-s1', depth: 2, text: 'Proof of \\S1', children: []}
    expect(fixOutlineTitles(pdf, [heading], new Map([['proof-of-s1', 'Proof of ']]))).toBe(0)
    expect((pdf.context.lookup(item) as PDFDict).get(PDFName.of('Title'))).toEqual(PDFHexString.fromText('Proof of \\S1'))
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
