/** The `epub` options: defaults, validation messages that name the key, and the emitter's registration. */
import {createRequire} from 'node:module'
import {describe, expect, it} from 'vitest'
import {bookSlug, parseEpubOptions} from '../../../src/emitters/epub/options.js'
import {uuidUrn} from '../../../src/emitters/epub/metadata.js'
import {builtinEmitters} from '../../../src/emitters/registry.js'
import {buildFixture, sampleContent} from '../../helpers/build.js'

const epubLibraryLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((key) => key.includes('/epub-gen-memory/'))

describe('epub emitter loading', () => {
  // First in this file: nothing here has run the epub emitter yet.
  it('loads epub-gen-memory only when the epub emitter is loaded', async () => {
    expect(epubLibraryLoaded()).toBe(false)
    await builtinEmitters.epub!()
    expect(epubLibraryLoaded()).toBe(true)
  })
})

describe('epub options', () => {
  it('has a default for every option', () => {
    expect(parseEpubOptions(undefined)).toEqual({perNote: true, books: [], remoteImages: 'skip', tocTitle: 'Contents'})
    expect(parseEpubOptions({})).toEqual(parseEpubOptions(null))
  })

  it('does not change what the caller passed', () => {
    const input = Object.freeze({books: Object.freeze([Object.freeze({title: 'T', files: Object.freeze(['a.md'])})])})
    const parsed = parseEpubOptions(input)
    expect(parsed.books[0]).toEqual({title: 'T', files: ['a.md']})
    expect(input).toEqual({books: [{title: 'T', files: ['a.md']}]})
  })

  it('names the key of a bad value', () => {
    expect(() => parseEpubOptions({perNote: 'yes'})).toThrow(/`perNote`/)
    expect(() => parseEpubOptions({books: [{title: 'T', files: []}]})).toThrow(/`books\[0\]\.files`/)
    expect(() => parseEpubOptions({books: [{title: 'T', files: ['a.md'], slug: '../x'}]})).toThrow(/`books\[0\]\.slug`/)
    expect(() => parseEpubOptions({remoteImages: 'fetch'})).toThrow("`remoteImages`: only 'skip' is supported: remote images are never fetched")
    expect(() => parseEpubOptions({colour: true})).toThrow(/unknown option `colour`/)
    expect(() => parseEpubOptions({books: [{title: 'Same', files: ['a.md']}, {title: 'same', files: ['b.md']}]})).toThrow(/epub\/same\.epub/)
  })

  it('reports bad options as a config error naming the format', async () => {
    await expect(buildFixture(sampleContent, ['epub'], {config: {epub: {books: [{files: ['a.md']}]}}})).rejects.toThrow(/`epub`: `books\[0\]\.title`/)
  })

  it('makes file names from book titles', () => {
    expect(bookSlug('NodeConfEU: the Companion!')).toBe('node-conf-eu-the-companion')
    expect(bookSlug('Ça déménage')).toBe('ca-demenage')
    expect(bookSlug('***')).toBe('book')
  })

  it('shapes identifiers as version-8 UUID URNs', () => {
    expect(uuidUrn('0'.repeat(64))).toBe('urn:uuid:00000000-0000-8000-8000-000000000000')
    expect(uuidUrn('f'.repeat(64))).toBe('urn:uuid:ffffffff-ffff-8fff-bfff-ffffffffffff')
  })

  it('is a built-in format loaded on demand', async () => {
    expect(Object.keys(builtinEmitters)).toContain('epub')
    const emitter = await builtinEmitters.epub!()
    expect(emitter.name).toBe('epub')
    expect(emitter.writes).toEqual(['epub/<slug>.epub', 'epub/<book-slug>.epub'])
  })
})

describe('epub book cover', () => {
  it('refuses a cover that is a symlink leading out of the content folder, and embeds nothing from there', async () => {
    const fs = await import('node:fs/promises')
    const path = await import('node:path')
    const {tempDir} = await import('../../helpers/build.js')
    const outside = await tempDir('quire-outside-')
    await fs.writeFile(path.join(outside, 'secret.png'), 'SECRET-OUTSIDE-BYTES')
    const content = path.join(await tempDir('quire-book-cover-'), 'content')
    await fs.mkdir(content)
    await fs.writeFile(path.join(content, 'a.md'), '# A\n\nText.\n')
    await fs.symlink(path.join(outside, 'secret.png'), path.join(content, 'cover.png'))
    const built = await buildFixture(content, ['epub'], {config: {epub: {perNote: false, books: [{title: 'Book', files: ['a.md'], cover: 'cover.png'}]}}})
    expect(built.result.messages.map((message) => `${message.reason} ${message.ruleId}`)).toContain('epub book “Book”: `cover` must be inside the content folder epub-book-cover')
    expect((await built.readBytes('epub/book.epub')).includes('SECRET-OUTSIDE-BYTES')).toBe(false)
  })
})
