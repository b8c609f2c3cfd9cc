/**
 * The title rule: front matter, else the heading that opens the note at any
 * depth (or the first `#` heading), else the file name; the headings below a
 * lifted title keep their levels relative to it, in every outline.
 */
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {flatten} from '../../src/pipeline/outline.js'
import {buildFixture, fixturesDir} from '../helpers/build.js'
import {byName, parseFolder} from '../helpers/probe.js'

const content = path.join(fixturesDir, 'pipeline/title-depth')

describe('a note that opens with a heading deeper than #', () => {
  it('is titled by it, and the headings below move up with it', async () => {
    const {documents} = await parseFolder(content)
    const chapter = byName(documents, 'ch04-01-what-is-ownership.md')
    expect(chapter.meta.title).toBe('What Is Ownership?')
    expect(flatten(chapter.headings).map((heading) => `${heading.depth} ${heading.text}`)).toEqual(['2 The Stack and the Heap', '2 Ownership Rules', '3 Variable Scope'])
    expect(chapter.sections.map((section) => section.title)).toEqual(['What Is Ownership?', 'The Stack and the Heap', 'Ownership Rules'])
    expect(byName(documents, 'commented.md').headings).toEqual([])
  })

  it('leads the page, the index and the book contents by that title', async () => {
    const built = await buildFixture(content, ['html', 'epub'], {config: {epub: {perNote: false, books: [{title: 'Book', files: ['ch04-01-what-is-ownership.md', 'intro-then-section.md']}]}}})
    const page = await built.read('html/ch04-01-what-is-ownership.html')
    expect(page).toMatch(/<h1[^>]*>What Is Ownership\?<\/h1>/)
    expect(page).toMatch(/<h2 id="the-stack-and-the-heap">The Stack and the Heap\b/)
    expect(page).toMatch(/<h3 id="variable-scope">Variable Scope\b/)
    expect(page).not.toMatch(/<h2[^>]*>What Is Ownership/)
    expect(await built.read('html/index.html')).toContain('>What Is Ownership?</a>')
    const {openEpub} = await import('../emitters/epub/helpers.js')
    const epub = await openEpub(await built.readBytes('epub/book.epub'))
    const nav = await epub.text('OEBPS/toc.xhtml')
    expect(nav).toContain('>What Is Ownership?</a>')
    expect(nav).not.toContain('ch04-01-what-is-ownership</a>')
    // A section after some text is no title: the file name is, and the section keeps its level.
    expect(await built.read('html/intro-then-section.html')).toMatch(/<h2 id="a-section-not-the-title">/)
  })
})
