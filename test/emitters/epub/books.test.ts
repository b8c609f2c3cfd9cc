/**
 * Books chosen by front matter, in EPUB: the config's top-level `books`
 * (the same definitions the PDF books come from), by tag and by folder,
 * in site order; the PDF books' fixture (`test/fixtures/pdf/books`).
 */
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildFixture, fixturesDir, type FixtureBuild} from '../../helpers/build.js'
import {needs} from '../../helpers/tools.js'
import {epubcheckAll, openEpub, parseNav} from './helpers.js'

const content = path.join(fixturesDir, 'pdf', 'books')

describe('epub: books by tag and by folder', () => {
  let built: FixtureBuild
  beforeAll(async () => {
    built = await buildFixture(content, ['epub'], {
      config: {
        books: [
          {title: 'NodeConf EU 2023', subtitle: 'Notes from the talks', tag: 'nodeconfeu', date: '2023-11-08'},
          {title: 'Programming course', folder: 'course'}
        ],
        epub: {perNote: false, books: [{title: 'Nothing', tag: 'no-such-tag'}]}
      }
    })
  }, 120_000)

  const chapters = async (name: string) => parseNav(await (await openEpub(await built.readBytes(name))).text('OEBPS/toc.xhtml')).map((entry) => entry.label)

  it('writes the shared books, each note a chapter, by date for a tag and by `order` for a folder', async () => {
    expect(built.result.written.sort()).toEqual(['epub/node-conf-eu-2023.epub', 'epub/programming-course.epub'])
    expect(await chapters('epub/node-conf-eu-2023.epub')).toEqual(['Opening keynote: the state of Node.js', 'Streams in practice', 'The permission model', 'Closing panel'])
    expect(await chapters('epub/programming-course.epub')).toEqual(['Lecture 1: Introduction', 'Lecture 2: Types', 'Lecture 3: Asynchronous code', 'Lecture 4: Testing'])
  })

  it('takes the book’s subtitle and date', async () => {
    const opf = await (await openEpub(await built.readBytes('epub/node-conf-eu-2023.epub'))).text('OEBPS/content.opf')
    expect(opf).toContain('Notes from the talks')
    expect(opf).toContain('<dc:date>2023-11-08</dc:date>')
  })

  it('warns about a book that gathers no note', () => {
    expect(built.result.messages.map((message) => `${message.ruleId} ${message.reason}`)).toEqual(['epub-book-empty epub book “Nothing”: no note of this build has the tag `no-such-tag`'])
  })

  it('passes epubcheck', {...needs('epubcheck'), timeout: 120_000}, async () => {
    const results = await epubcheckAll(['epub/node-conf-eu-2023.epub', 'epub/programming-course.epub'].map((name) => path.join(built.out, name)))
    for (const result of results) expect(result.messages, result.file).toEqual([])
  })
})
