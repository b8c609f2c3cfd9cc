import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildFixture, fixturesDir, type FixtureBuild} from '../../helpers/build.js'
import {pdfinfo} from './tools.js'
import {needs} from '../../helpers/tools.js'

describe('pdf: reproducible with SOURCE_DATE_EPOCH', needs('chromium', 'pdfinfo'), () => {
  const saved = process.env.SOURCE_DATE_EPOCH
  const content = path.join(fixturesDir, 'pdf', 'handout')
  let first: FixtureBuild
  let second: FixtureBuild

  beforeAll(async () => {
    process.env.SOURCE_DATE_EPOCH = '1700000000'
    first = await buildFixture(content, ['pdf'])
    second = await buildFixture(content, ['pdf'], {config: {pdf: {concurrency: 1}}})
  })

  afterAll(() => {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH
    else process.env.SOURCE_DATE_EPOCH = saved
  })

  it('writes byte-identical PDFs in two builds', async () => {
    expect(first.result.errors).toBe(0)
    const a = await first.readBytes('pdf/handout.pdf')
    const b = await second.readBytes('pdf/handout.pdf')
    expect(a.length).toBeGreaterThan(1000)
    expect(Buffer.compare(a, b)).toBe(0)
  })

  it('writes byte-identical books, and n-up sheets, in two builds', async () => {
    const books = path.join(fixturesDir, 'pdf', 'books')
    const config = {site: {url: 'https://notes.example'}, books: [{title: 'Course', folder: 'course/'}], pdf: {perNote: false}}
    const a = await buildFixture(books, ['pdf'], {config})
    const b = await buildFixture(books, ['pdf'], {config: {...config, pdf: {...config.pdf, concurrency: 1}}})
    expect(Buffer.compare(await a.readBytes('pdf/course.pdf'), await b.readBytes('pdf/course.pdf'))).toBe(0)
    const nUp = {...config, pdf: {perNote: false, layout: 'n-up', pagesPerSheet: 4}}
    const c = await buildFixture(books, ['pdf'], {config: nUp})
    const d = await buildFixture(books, ['pdf'], {config: nUp})
    expect(Buffer.compare(await c.readBytes('pdf/course.pdf'), await d.readBytes('pdf/course.pdf'))).toBe(0)
    expect(pdfinfo(path.join(a.out, 'pdf', 'course.pdf')).CreationDate).toMatch(/Nov 14 22:13:20 2023 UTC/)
  }, 240_000)

  it('dates the PDF from SOURCE_DATE_EPOCH, keeps it tagged, and fixes the /ID', async () => {
    const info = pdfinfo(path.join(first.out, 'pdf', 'handout.pdf'))
    expect(info.CreationDate).toMatch(/Nov 14 22:13:20 2023 UTC/)
    expect(info.ModDate).toMatch(/Nov 14 22:13:20 2023 UTC/)
    expect(info.Tagged).toBe('yes')
    const text = (await first.readBytes('pdf/handout.pdf')).toString('latin1')
    expect(text).toMatch(/\/ID \[ ?<[0-9A-F]{32}> ?<[0-9A-F]{32}> ?\]/)
  })
})
