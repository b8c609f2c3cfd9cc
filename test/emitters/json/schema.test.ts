/**
 * Every JSON file the format writes validates against the schemas quire
 * ships (`schema/*.schema.json`), with and without the mdast; and the
 * validators are shown to reject broken files, so these tests can fail.
 */
import fs from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {fixturesDir, sampleContent} from '../../helpers/build.js'
import {buildJson, type JsonBuild} from './read.js'
import {describeErrors, validateDocument, validateIndex} from './validate.js'

const jsonFixtures = path.join(fixturesDir, 'json')

// Fixture folders of other formats too: whatever notes they hold, the JSON must be valid.
const otherFixtures = fs
  .readdirSync(fixturesDir, {withFileTypes: true})
  .filter((entry) => entry.isDirectory() && entry.name !== 'json')
  .map((entry) => path.join(fixturesDir, entry.name))

const cases = [
  {name: 'content/', content: sampleContent, notes: 3, strict: true},
  {name: 'test/fixtures/json', content: jsonFixtures, notes: 3, strict: true},
  ...otherFixtures.map((content) => ({name: path.relative(fixturesDir, content), content, notes: undefined, strict: false}))
]

describe.each(cases)('$name', ({content, notes, strict}) => {
  describe.each([false, true])('includeMdast: %s', (includeMdast) => {
    let built: JsonBuild
    beforeAll(async () => {
      built = await buildJson(content, {includeMdast})
    })

    it('writes one file per note and the index', () => {
      if (strict) expect(built.result.errors).toBe(0)
      const noteFiles = [...built.files.keys()].filter((file) => file !== 'json/index.json')
      if (notes !== undefined) expect(noteFiles).toHaveLength(notes)
      expect(built.files.has('json/index.json')).toBe(true)
      expect(built.index.notes.map((entry) => entry.json).sort()).toEqual(noteFiles.sort())
    })

    it('every note file validates against schema/document.schema.json', () => {
      for (const [file, text] of built.files) {
        if (file === 'json/index.json') continue
        const doc: unknown = JSON.parse(text)
        const valid = validateDocument(doc)
        expect(valid, `${file}:\n${describeErrors(validateDocument.errors)}`).toBe(true)
        expect('mdast' in (doc as object), file).toBe(includeMdast)
      }
    })

    it('the index validates against schema/index.schema.json', () => {
      const valid = validateIndex(built.index)
      expect(valid, describeErrors(validateIndex.errors)).toBe(true)
    })
  })
})

describe('the validators reject broken files', () => {
  let built: JsonBuild
  beforeAll(async () => {
    built = await buildJson(sampleContent, {includeMdast: true})
  })

  type Breakage = [string, (doc: Record<string, any>) => void]
  const documentBreakages: Breakage[] = [
    ['a missing key', (doc) => delete doc.slug],
    ['an unknown key', (doc) => (doc.extraKey = 1)],
    ['an absolute asset path', (doc) => (doc.assets[0].relativePath = '/home/someone/notes/images/checker.png')],
    ['a Windows asset path', (doc) => (doc.assets[0].relativePath = 'C:\\notes\\images\\checker.png')],
    ['the model\'s absolute `path` on an asset', (doc) => (doc.assets[0].path = '/tmp/content/images/checker.png')],
    ['a source path leaving the content folder', (doc) => (doc.source = '../secret.md')],
    ['a task state that is not a boolean', (doc) => (doc.sections[1].lists[0].items[0].checked = 'yes')],
    ['a start on a bullet list', (doc) => (doc.sections[1].lists[0].start = 1)],
    ['a heading depth of 7', (doc) => (doc.headings[0].depth = 7)],
    ['a note link without a target', (doc) => (doc.links.find((link: {kind: string}) => link.kind === 'note').target = null)],
    ['an unknown link kind', (doc) => (doc.links[0].kind = 'mailto')],
    ['a preamble with an id', (doc) => (doc.sections[0].id = 'intro')],
    ['a bad date', (doc) => (doc.meta.date = 'October 2022')],
    ['a major schema version this schema does not describe', (doc) => (doc.schemaVersion = '2.0.0')],
    ['an mdast node without a type', (doc) => delete doc.mdast.children[0].type],
    ['an mdast root of another type', (doc) => (doc.mdast.type = 'paragraph')]
  ]

  it.each(documentBreakages)('note file with %s', (_name, breakIt) => {
    const doc = structuredClone(built.note('reading-list')) as unknown as Record<string, any>
    expect(validateDocument(doc), 'the unbroken file must be valid').toBe(true)
    breakIt(doc)
    expect(validateDocument(doc)).toBe(false)
  })

  const indexBreakages: Breakage[] = [
    ['an absolute html path', (index) => (index.notes[0].html = '/var/www/html/glossary.html')],
    ['a json path outside json/', (index) => (index.notes[0].json = '../glossary.json')],
    ['a site url that is not http(s)', (index) => (index.site.url = 'file:///home/me/site')],
    ['a note url that is not a URL', (index) => (index.notes[0].url = 'http://exa mple/a b.html')],
    ['words that are not a count', (index) => (index.notes[0].words = -1)],
    ['a missing site', (index) => delete index.site]
  ]

  it.each(indexBreakages)('index with %s', (_name, breakIt) => {
    const index = structuredClone(built.index) as unknown as Record<string, any>
    expect(validateIndex(index), 'the unbroken index must be valid').toBe(true)
    breakIt(index)
    expect(validateIndex(index)).toBe(false)
  })
})
