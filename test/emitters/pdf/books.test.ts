/**
 * PDF books and handout layouts, read back from the real PDFs
 * (`test/fixtures/pdf/books`: a conference's talks by tag, a course's
 * lectures by folder with front matter `order`, a hand-made list; images,
 * footnotes, links between notes, a wide table, a long one).
 */
import {spawnSync} from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildFixture, fixturesDir, repoRoot, type FixtureBuild} from '../../helpers/build.js'
import {needs} from '../../helpers/tools.js'
import {bookmarks, decodeQr, links, type Bookmark} from './read.js'
import {pageLines, pageTexts, pdfinfo, structure} from './tools.js'

const content = path.join(fixturesDir, 'pdf', 'books')
const site = {url: 'https://notes.example'}
const books = [
  {title: 'NodeConf EU 2023', subtitle: 'Notes from the talks', tag: 'nodeconfeu'},
  {title: 'Programming course', folder: 'course/'}
]
const selection = {title: 'Selection', files: ['course/testing.md', 'conference/keynote.md']}

const conferenceTree = [
  {title: 'Opening keynote: the state of Node.js', headings: ['What shipped this year', 'Release lines', 'What the project needs']},
  {title: 'Streams in practice', headings: ['The three ways to consume a stream', 'Backpressure', 'Web streams']},
  {
    title: 'The permission model',
    headings: ['Why a permission model', 'Turning it on', 'File system rules', 'Checking at run time', 'What it does not cover', 'Migrating an application']
  },
  {title: 'Closing panel', headings: ['Questions from the room', 'Thanks']}
]

const shape = (marks: readonly Bookmark[]): unknown => marks.map((mark) => ({title: mark.title, children: shape(mark.children)}))

/** `Title ….. 12` lines of the contents (the front matter's pages after the cover): the entry and the page number it gives. */
function contentsEntries(file: string, frontPages: number): Array<{title: string; page: number}> {
  const lines = Array.from({length: frontPages - 1}, (_, index) => pageLines(file, index + 2)).flat()
  return lines.flatMap((line) => {
    const match = /^(.*\S)\s+(\d+)$/.exec(line)
    return match ? [{title: match[1]!, page: Number(match[2])}] : []
  })
}

describe('pdf: books', needs('chromium', 'pdfinfo', 'pdftotext', 'pdftoppm', 'qpdf'), () => {
  let built: FixtureBuild
  const file = (name: string) => path.join(built.out, 'pdf', name)

  beforeAll(async () => {
    built = await buildFixture(content, ['pdf'], {config: {site, books, pdf: {books: [selection]}}})
  }, 240_000)

  it('writes a book per definition beside the handouts, with no message', () => {
    expect(built.result.errors + built.result.warnings).toBe(0)
    const written = built.result.written.filter((name) => name.startsWith('pdf/'))
    expect(written).toEqual(expect.arrayContaining(['pdf/node-conf-eu-2023.pdf', 'pdf/programming-course.pdf', 'pdf/selection.pdf', 'pdf/conference-keynote.pdf', 'pdf/about.pdf']))
  })

  it('nests the bookmarks book → note → headings, titled exactly, the notes by tag in date order', async () => {
    const marks = await bookmarks(await built.readBytes('pdf/node-conf-eu-2023.pdf'))
    expect(shape(marks)).toEqual([
      {title: 'NodeConf EU 2023', children: conferenceTree.map((note) => ({title: note.title, children: note.headings.map((title) => ({title, children: []}))}))}
    ])
    expect(marks[0]!.page).toBe(1)
  })

  it('orders a folder by front matter `order` before the date, and a list as written', async () => {
    const course = await bookmarks(await built.readBytes('pdf/programming-course.pdf'))
    expect(course[0]!.children.map((mark) => mark.title)).toEqual(['Lecture 1: Introduction', 'Lecture 2: Types', 'Lecture 3: Asynchronous code', 'Lecture 4: Testing'])
    const list = await bookmarks(await built.readBytes('pdf/selection.pdf'))
    expect(list[0]!.children.map((mark) => mark.title)).toEqual(['Lecture 4: Testing', 'Opening keynote: the state of Node.js'])
  })

  it('has a cover, the contents, then every page of every note, numbered on from 1', async () => {
    const book = file('node-conf-eu-2023.pdf')
    const pages = Number(pdfinfo(book).Pages)
    const texts = pageTexts(book)
    expect(texts).toHaveLength(pages)
    expect(pageLines(book, 1)).toEqual(['NodeConf EU 2023', 'Notes from the talks', 'Matteo Collina, Robert Nagy, Rafael Gonzaga', 'November 7, 2023'])
    expect(pageLines(book, 2)[0]).toBe('Contents')
    // The body's pages: `n / N`, n from 1 on the page after the contents, N the body's pages.
    const body = pages - 2
    for (let page = 3; page <= pages; page++) expect(pageLines(book, page).at(-1)!.replace(/\s+/g, '')).toBe(`${page - 2}/${body}`)
    // The viewer shows the printed numbers: the front matter i, ii, the body 1, 2, …
    const labels = spawnSync('qpdf', ['--json', '--json-key=pagelabels', book], {encoding: 'utf8'})
    expect(JSON.parse(labels.stdout).pagelabels).toEqual([
      {index: 0, label: {'/S': '/r', '/St': 1}},
      {index: 2, label: {'/S': '/D', '/St': 1}}
    ])
  })

  it('gives each note and its headings in the contents the page they are printed on', async () => {
    const book = file('node-conf-eu-2023.pdf')
    const entries = contentsEntries(book, 2)
    expect(entries.map((entry) => entry.title)).toEqual(conferenceTree.flatMap((note) => [note.title, ...note.headings]))
    for (const {title, page} of entries) {
      // Printed page n of the body is page n + 2 of the file (cover and contents before it).
      const text = pageLines(book, page + 2).join(' ')
      expect(text, `${title} on page ${page}`).toContain(title)
    }
    // And the bookmarks agree.
    const marks = (await bookmarks(await built.readBytes('pdf/node-conf-eu-2023.pdf')))[0]!.children
    expect(marks.map((mark) => mark.page! - 2)).toEqual(entries.filter((entry) => conferenceTree.some((note) => note.title === entry.title)).map((entry) => entry.page))
    // Every note opens a page with its title block.
    for (const mark of marks) expect(pageLines(book, mark.page!).slice(0, 3).join(' ')).toContain(mark.title.slice(0, 20))
  })

  it('heads the pages of each note with its title, on a page in the middle of the third note too', async () => {
    const book = file('node-conf-eu-2023.pdf')
    const marks = (await bookmarks(await built.readBytes('pdf/node-conf-eu-2023.pdf')))[0]!.children
    const third = marks[2]!
    const after = marks[3]!.page!
    expect(after - third.page!).toBeGreaterThanOrEqual(3)
    const middle = Math.floor((third.page! + after - 1) / 2)
    expect(middle).toBeGreaterThan(third.page!)
    expect(pageLines(book, middle)[0]).toBe('The permission model')
    expect(pageLines(book, middle).join(' ')).not.toContain('Rafael walked through')
    expect(pageLines(book, after)[0]).toBe('Closing panel')
    expect(pageLines(book, 3)[0]).toBe('Opening keynote: the state of Node.js')
  })

  it('links the notes of the book inside the PDF, and to the site the notes it does not hold', async () => {
    const book = await built.readBytes('pdf/node-conf-eu-2023.pdf')
    const marks = (await bookmarks(book))[0]!
    const start = (title: string) => marks.children.find((mark) => mark.title === title)!
    const found = await links(book)
    // The keynote links to the permission talk and to the streams talk's backpressure section.
    const keynote = start('Opening keynote: the state of Node.js')
    const fromKeynote = found.filter((link) => link.on >= keynote.page! && link.on < start('Streams in practice').page!)
    expect(fromKeynote.map((link) => link.page)).toEqual(expect.arrayContaining([start('The permission model').page, start('Streams in practice').children[1]!.page]))
    expect(found.filter((link) => link.uri !== undefined)).toEqual([])
    // The contents link every entry to its page.
    const contents = found.filter((link) => link.on === 2)
    expect(contents).toHaveLength(conferenceTree.flatMap((note) => [note.title, ...note.headings]).length)
    expect(contents.every((link) => link.page !== undefined && link.page > 2)).toBe(true)

    const list = await links(await built.readBytes('pdf/selection.pdf'))
    expect(list.map((link) => link.uri).filter(Boolean)).toEqual(expect.arrayContaining(['https://notes.example/conference-permissions.html', 'https://notes.example/conference-streams.html#backpressure']))
    expect(list.some((link) => link.uri?.includes('quire.invalid'))).toBe(false)
  })

  it('keeps footnotes and images, and never writes a path of the build machine', async () => {
    const book = file('node-conf-eu-2023.pdf')
    const text = pageTexts(book).join('\n')
    expect(text).toContain('Single executable applications are still experimental')
    expect(text).toContain('The conversion keeps backpressure in both directions.')
    const {elements} = structure(book)
    const alts = elements.filter((element) => element['/S'] === '/Figure').map((element) => element['/Alt'])
    expect(alts).toEqual(expect.arrayContaining(['u:A pipeline of streams', 'u:The three stages', 'u:QR code: https://notes.example/conference-keynote.html']))
    const qdf = spawnSync('qpdf', ['--qdf', '--object-streams=disable', book, '-'], {maxBuffer: 64 * 1024 * 1024})
    const raw = qdf.stdout.toString('latin1')
    for (const machine of [repoRoot, content, os.tmpdir(), built.out]) expect(raw).not.toContain(machine)
    expect(raw).not.toContain('quire.invalid')
  })

  it('is tagged, in one structure tree, with language, title shown, and alt text on every figure', () => {
    for (const name of ['node-conf-eu-2023.pdf', 'conference-keynote.pdf']) {
      const {catalog, elements} = structure(file(name))
      expect(pdfinfo(file(name)).Tagged).toBe('yes')
      expect(catalog['/Lang']).toBe('u:en')
      expect(catalog['/MarkInfo']).toMatchObject({'/Marked': true})
      expect(catalog['/ViewerPreferences']).toMatchObject({'/DisplayDocTitle': true})
      expect(elements.filter((element) => element['/S'] === '/Document')).toHaveLength(1)
      const figures = elements.filter((element) => element['/S'] === '/Figure')
      expect(figures.length).toBeGreaterThan(0)
      expect(figures.filter((figure) => typeof figure['/Alt'] !== 'string' || figure['/Alt'] === 'u:')).toEqual([])
      // The note titles are the book's chapters; their sections come under them.
      if (name.startsWith('node')) expect(elements.filter((element) => element['/S'] === '/H1')).toHaveLength(5)
    }
  })

  it('moves a table too wide for the page to a landscape page, its words whole and its heading with it', () => {
    const book = file('programming-course.pdf')
    const pages = Number(pdfinfo(book).Pages)
    const sizes = spawnSync('pdfinfo', ['-f', '1', '-l', String(pages), book], {encoding: 'utf8'}).stdout
    const landscape = [...sizes.matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/g)].filter((match) => Number(match[2]) > Number(match[3])).map((match) => Number(match[1]))
    expect(landscape).toHaveLength(1)
    const lines = pageLines(book, landscape[0]!)
    expect(lines[0]).toBe('Lecture 3: Asynchronous code')
    expect(lines[1]).toBe('Comparing the styles')
    for (const word of ['Algorithm', 'Callbacks', 'Cancellation', 'Observables', 'Generators']) expect(lines.join(' ')).toMatch(new RegExp(`(^|\\s)${word}(\\s|$)`))
  })

  it('repeats a long table’s header row on every page it spans, and ends no page with a heading', async () => {
    const book = file('node-conf-eu-2023.pdf')
    const marks = (await bookmarks(await built.readBytes('pdf/node-conf-eu-2023.pdf')))[0]!
    const closing = marks.children[3]!.page!
    const pages = Number(pdfinfo(book).Pages)
    const withRows = Array.from({length: pages - closing + 1}, (_, index) => closing + index).filter((page) => pageLines(book, page).some((line) => /^\d+\s+(Should|Is|Does|What|Can|How)\b/.test(line)))
    expect(withRows.length).toBeGreaterThanOrEqual(2)
    for (const page of withRows) expect(pageLines(book, page).some((line) => /^#\s+Question\s+Answer$/.test(line)), `page ${page}`).toBe(true)
    const headings = new Set(marks.children.flatMap((mark) => mark.children.map((child) => child.title)))
    for (let page = 3; page <= pages; page++) {
      const lines = pageLines(book, page)
      expect(headings.has(lines.at(-2) ?? ''), `page ${page} ends with ${lines.at(-2)}`).toBe(false)
    }
  })

  it('wraps a long line of code with its text whole', () => {
    const text = pageTexts(file('conference-streams.pdf')).join('\n')
    const at = text.indexOf('process.stdout.write(chunk)')
    expect(at).toBeGreaterThan(-1)
    const rows = text.slice(at).split('\n')
    expect(rows[0]).not.toContain('somewhere')
    expect(`${rows[0]} ${rows[1]}`.replace(/\s+/g, ' ')).toContain('goes on past the right margin of the page, so that the line has to wrap somewhere')
  })

  it('prints the QR code of the note’s page on its first page, with the address under it', async () => {
    const handout = file('conference-keynote.pdf')
    expect(await decodeQr(handout, 1)).toBe('https://notes.example/conference-keynote.html')
    expect(pageLines(handout, 1).join('').replace(/\s+/g, '')).toContain('https://notes.example/conference-keynote.html')
    expect(await decodeQr(handout, 2)).toBeUndefined()
    expect(await decodeQr(file('about.pdf'), 1)).toBe('https://notes.example/about.html')
  })
})

describe('pdf: layouts and duplex books', needs('chromium', 'pdfinfo', 'pdftotext', 'pdftoppm'), () => {
  let page: FixtureBuild
  let twoUp: FixtureBuild
  let fourUp: FixtureBuild
  let duplex: FixtureBuild
  let handout: FixtureBuild

  beforeAll(async () => {
    const only = {site, books: [books[0]!]}
    page = await buildFixture(content, ['pdf'], {config: {...only, pdf: {qr: false}}})
    twoUp = await buildFixture(content, ['pdf'], {config: {...only, pdf: {qr: false, layout: 'n-up', pagesPerSheet: 2}}})
    fourUp = await buildFixture(content, ['pdf'], {config: {...only, pdf: {qr: false, layout: 'n-up', pagesPerSheet: 4}}})
    duplex = await buildFixture(content, ['pdf'], {config: {site, books: [books[0]!, {...books[1]!, cover: 'images/pipeline.png'}], pdf: {duplex: true, perNote: false}}})
    handout = await buildFixture(content, ['pdf'], {config: {site, pdf: {layout: 'handout'}}})
  }, 400_000)

  const pages = (built: FixtureBuild, name: string) => Number(pdfinfo(path.join(built.out, 'pdf', name)).Pages)
  const size = (built: FixtureBuild, name: string) => pdfinfo(path.join(built.out, 'pdf', name))['Page size']

  it('turns the QR code off with `qr: false`', async () => {
    expect(page.result.errors + page.result.warnings).toBe(0)
    expect(await decodeQr(path.join(page.out, 'pdf', 'conference-keynote.pdf'), 1)).toBeUndefined()
    expect(pageTexts(path.join(page.out, 'pdf', 'conference-keynote.pdf')).join('\n')).not.toContain('https://notes.example/conference-keynote.html')
  })

  it('puts 2 pages on a landscape sheet and 4 on a portrait one, books too', async () => {
    for (const name of ['conference-permissions.pdf', 'node-conf-eu-2023.pdf']) {
      const single = pages(page, name)
      expect(single).toBeGreaterThan(2)
      expect(pages(twoUp, name)).toBe(Math.ceil(single / 2))
      expect(pages(fourUp, name)).toBe(Math.ceil(single / 4))
      expect(size(twoUp, name)).toBe('841.92 x 595.92 pts (A4)')
      expect(size(fourUp, name)).toBe('595.92 x 841.92 pts (A4)')
      // The text is still text, in reading order, and the bookmarks point at the sheets.
      expect(pageTexts(path.join(fourUp.out, 'pdf', name)).join('\n')).toContain('What it does not cover')
    }
    const marks = await bookmarks(await fourUp.readBytes('pdf/node-conf-eu-2023.pdf'))
    expect(marks[0]!.children.map((mark) => mark.title)).toEqual(conferenceTree.map((note) => note.title))
    expect(marks[0]!.children.every((mark) => mark.page !== undefined && mark.page <= pages(fourUp, 'node-conf-eu-2023.pdf'))).toBe(true)
  })

  it('starts every note of a duplex book on a right-hand page, with blank pages before those that need one', async () => {
    expect(duplex.result.written.filter((name) => name.startsWith('pdf/')).sort()).toEqual(['pdf/node-conf-eu-2023.pdf', 'pdf/programming-course.pdf'])
    for (const name of ['node-conf-eu-2023.pdf', 'programming-course.pdf']) {
      const book = path.join(duplex.out, 'pdf', name)
      const marks = (await bookmarks(await duplex.readBytes(`pdf/${name}`)))[0]!.children
      for (const mark of marks) expect(mark.page! % 2, `${mark.title} on page ${mark.page}`).toBe(1)
      const blank = pageTexts(book).filter((text) => text.trim() === '')
      expect(blank.length).toBeGreaterThan(0)
      // The contents still give the page each note is printed on.
      const entries = contentsEntries(book, 2)
      for (const mark of marks) expect(entries.find((entry) => entry.title === mark.title)!.page).toBe(mark.page! - 2)
    }
    expect(pages(duplex, 'node-conf-eu-2023.pdf')).toBeGreaterThan(pages(page, 'node-conf-eu-2023.pdf'))
  })

  it('uses the book’s `cover` image as its cover page', () => {
    const book = path.join(duplex.out, 'pdf', 'programming-course.pdf')
    expect(pageTexts(book)[0]!.trim()).toBe('')
    const images = spawnSync('pdfimages', ['-list', '-f', '1', '-l', '1', book], {encoding: 'utf8'}).stdout
    expect(images).toMatch(/^\s*1\s+0\s+image\s+800\s+300\s/m)
    expect(pageLines(path.join(duplex.out, 'pdf', 'node-conf-eu-2023.pdf'), 1)[0]).toBe('NodeConf EU 2023')
  })

  it('prints the handout layout beside ruled space: a narrow text column, the same text', () => {
    const narrow = pageTexts(path.join(handout.out, 'pdf', 'conference-permissions.pdf'))
    const wide = pageTexts(path.join(page.out, 'pdf', 'conference-permissions.pdf'))
    expect(narrow.length).toBeGreaterThan(wide.length)
    const longest = (texts: string[]) => Math.max(...texts.flatMap((text) => text.split('\n').map((line) => line.trim().length)))
    expect(longest(narrow)).toBeLessThan(longest(wide) * 0.8)
    expect(narrow.join(' ').replace(/\s+/g, ' ')).toContain('a seat belt for well-behaved code')
  })
})
