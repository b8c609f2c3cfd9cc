/** Two builds of the same input are byte-identical; dates come from SOURCE_DATE_EPOCH or the notes, never the clock. */
import {createHash} from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {buildFixture, fixturesDir, tempDir, type FixtureBuild} from '../../helpers/build.js'
import {epubcheckAll, epubFiles, openEpub} from './helpers.js'
import {needs} from '../../helpers/tools.js'

const features = path.join(fixturesDir, 'epub/features')
const config = {epub: {books: [{title: 'Fixture book', files: ['split.md', 'other.md']}]}}
const names = ['fixture-book.epub', 'other.epub', 'split.epub']

let first: FixtureBuild
let second: FixtureBuild
let dated: FixtureBuild

async function withSourceDateEpoch<T>(value: string, action: () => Promise<T>): Promise<T> {
  const previous = process.env.SOURCE_DATE_EPOCH
  process.env.SOURCE_DATE_EPOCH = value
  try {
    return await action()
  } finally {
    process.env.SOURCE_DATE_EPOCH = previous
  }
}

beforeAll(async () => {
  first = await buildFixture(features, ['epub'], {config})
  // Zip timestamps have a 2 s resolution: wait long enough for "now" to show if it leaked in.
  await sleep(2100)
  second = await buildFixture(features, ['epub'], {config})
  dated = await withSourceDateEpoch('1700000000', () => buildFixture(features, ['epub'], {config}))
}, 120_000)

describe('epub: reproducible builds', () => {
  it('writes byte-identical EPUBs when built twice', async () => {
    expect((await epubFiles(first.out)).map((file) => path.basename(file))).toEqual(names)
    for (const name of names) {
      const a = await first.readBytes(`epub/${name}`)
      const b = await second.readBytes(`epub/${name}`)
      expect({name, same: a.equals(b)}).toEqual({name, same: true})
    }
  })

  it('takes dcterms:modified and zip dates from SOURCE_DATE_EPOCH when set', async () => {
    const epub = await openEpub(await dated.readBytes('epub/split.epub'))
    expect(await epub.text('OEBPS/content.opf')).toContain('<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>')
    // DOS timestamps have 2-second resolution.
    for (const file of Object.values(epub.zip.files)) expect(file.date.toISOString()).toBe('2023-11-14T22:13:20.000Z')
    // The publication date stays the note's own.
    expect(await epub.text('OEBPS/content.opf')).toContain('<dc:date>2023-05-06</dc:date>')
  })

  it('takes them from the note date otherwise', async () => {
    const epub = await openEpub(await first.readBytes('epub/split.epub'))
    expect(await epub.text('OEBPS/content.opf')).toContain('<meta property="dcterms:modified">2023-05-06T00:00:00Z</meta>')
    for (const file of Object.values(epub.zip.files)) expect(file.date.toISOString()).toBe('2023-05-06T00:00:00.000Z')
  })

  describe('identifier', () => {
    let copy: string
    afterEach(async () => {
      if (copy) await fs.rm(copy, {recursive: true, force: true})
    })

    it('is derived from the content: the same for the same note, different when it changes', async () => {
      copy = await tempDir('quire-epub-copy-')
      await fs.cp(features, copy, {recursive: true})
      const identifier = async (build: FixtureBuild) => /<dc:identifier id="book-id">([^<]+)</.exec(await (await openEpub(await build.readBytes('epub/other.epub'))).text('OEBPS/content.opf'))![1]
      const same = await buildFixture(copy, ['epub'])
      expect(await identifier(same)).toBe(await identifier(first))
      await fs.appendFile(path.join(copy, 'other.md'), '\nOne more line.\n')
      const changed = await buildFixture(copy, ['epub'])
      expect(await identifier(changed)).not.toBe(await identifier(first))
    })
  })
})

describe('epub: epubcheck on the rebuilt EPUBs', needs('epubcheck'), () => {
  it('passes each distinct EPUB with no message', async () => {
    // Identical bytes are the same EPUB: check each distinct one once.
    const distinct = new Map<string, string>()
    for (const file of [...(await epubFiles(first.out)), ...(await epubFiles(second.out)), ...(await epubFiles(dated.out))]) {
      distinct.set(createHash('sha256').update(await fs.readFile(file)).digest('hex'), file)
    }
    expect(distinct.size).toBe(6)
    for (const result of await epubcheckAll([...distinct.values()])) {
      expect({file: result.file, messages: result.messages}).toEqual({file: result.file, messages: []})
      expect(result.errors + result.warnings + result.fatals).toBe(0)
    }
  }, 600_000)
})
