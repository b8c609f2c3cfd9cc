/**
 * What the html format writes for search: the index of every section
 * (plain text, page top included, ids that are the pages' ids), the same
 * bytes for the same notes, and one script for pages, within budget.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import vm from 'node:vm'
import MiniSearch from 'minisearch'
import {beforeAll, describe, expect, it} from 'vitest'
import {defineEmitter} from '../../../../src/emitters/types.js'
import {loadSearchCore, type SearchCore} from '../../../../src/emitters/html/search/core.js'
import {searchIndexData, searchIndexScript, storedTextLength, type SearchIndexData} from '../../../../src/emitters/html/search/index-data.js'
import {miniSearchBuild, stripComments} from '../../../../src/emitters/html/search/bundle.js'
import {readTheme} from '../../../../src/emitters/html/assets.js'
import type {NoteSummary} from '../../../../src/model.js'
import {buildFixture, fixturesDir, repoRoot, tempDir, type FixtureBuild} from '../../../helpers/build.js'
import {ids, parsePage} from '../dom.js'

const content = path.join(fixturesDir, 'search')
const templates = path.join(repoRoot, 'templates')

/** The global search-index.js assigns. */
function evaluateIndex(script: string): SearchIndexData {
  const context: {window: Record<string, unknown>} = {window: {}}
  vm.runInNewContext(script, context)
  return context.window.quireSearchIndex as SearchIndexData
}

function summarySpy(seen: NoteSummary[]) {
  return defineEmitter({
    name: 'spy',
    description: 'keeps the summaries',
    writes: [],
    collection(notes) {
      seen.push(...notes)
    }
  })
}

let site: FixtureBuild
let data: SearchIndexData
let core: SearchCore
const summaries: NoteSummary[] = []

beforeAll(async () => {
  site = await buildFixture(content, ['html', 'spy'], {config: {emitters: {spy: summarySpy(summaries)}}})
  data = evaluateIndex(await site.read('html/search-index.js'))
  core = await loadSearchCore(templates)
})

describe('note summaries: section texts', () => {
  it('flattens the sections in document order: page top (no id, depth 0), then each heading with its own text only', () => {
    const garden = summaries.find((note) => note.slug === 'garden')!
    expect(garden.sectionTexts).toEqual([
      {heading: 'Garden journal', depth: 0, text: 'What grew, what did not, and what to try next year.'},
      {id: 'soil', heading: 'Soil', depth: 2, text: 'The beds are heavy clay. Two barrows of compost per bed in autumn loosened them; worms came back by spring.'},
      {id: 'testing-the-soil', heading: 'Testing the soil', depth: 3, text: 'A jar test: soil, water, a spoonful of salt, shake, wait a day. Sand settles first, then silt, then clay.'},
      {id: 'tomatoes', heading: 'Tomatoes', depth: 2, text: 'Cherry tomatoes did best against the south wall. The beefsteak variety split after heavy rain.'},
      {id: 'compost', heading: 'Compost', depth: 2, text: 'Greens and browns in equal parts; turn it every two weeks. A hot heap kills weed seeds.'}
    ])
  })
})

describe('html/search-index.js', () => {
  it('is written with search.js and search-engine.js by the html format', () => {
    expect(site.result.errors).toBe(0)
    expect(site.result.written).toEqual(expect.arrayContaining(['html/search-engine.js', 'html/search-index.js', 'html/search.js']))
  })

  it('lists the notes by slug with title, page and language, and every section with its note, id and heading', async () => {
    expect(data.format).toBe(1)
    expect(data.fields).toEqual(['title', 'heading', 'text'])
    expect(data.notes).toEqual([
      ['Café culture', 'cafe-culture.html', 'en'],
      ['Garden journal', 'garden.html', 'en'],
      ['线性代数讲义', 'linear-algebra.html', 'zh'],
      ['Streams in Node.js', 'streams.html', 'en']
    ])
    const of = (note: number) => data.sections.filter((section) => section[0] === note).map((section) => [section[1], section[2]])
    expect(of(1)).toEqual([
      ['', ''],
      ['soil', 'Soil'],
      ['testing-the-soil', 'Testing the soil'],
      ['tomatoes', 'Tomatoes'],
      ['compost', 'Compost']
    ])
    // A note that starts with a heading still has its page top, with no text: its title finds it.
    expect(data.sections.find((section) => section[0] === 3)).toEqual([3, '', '', ''])
    expect(of(2).map(([id]) => id)).toEqual(['', '向量空间', '矩阵与线性变换', '特征值', '其他语言的笔记'])
    // Every id is an element of the note's page.
    for (const [note, id] of data.sections) {
      if (id === '') continue
      expect(ids(parsePage(await site.read(`html/${data.notes[note]![1]}`)))).toContain(id)
    }
  })

  it('keeps plain text, code included, cut at a word after a few hundred characters', () => {
    const pipelines = data.sections.find((section) => section[1] === 'pipelines')!
    expect(pipelines[3]).toContain('stream.pipeline() connects streams')
    expect(pipelines[3]).toContain("await pipeline(fs.createReadStream('in.txt')")
    for (const section of data.sections) expect(Array.from(section[3]).length).toBeLessThanOrEqual(storedTextLength)
  })

  it('finds what a reader would look for with the index as the browser loads it', () => {
    const engine = MiniSearch.loadJS(core.expandIndex(data.index) as never, {fields: [...data.fields], storeFields: [], tokenize: core.tokenize, processTerm: core.processTerm})
    const where = (query: string) => engine.search(query, {prefix: true}).map((result) => data.sections[result.id as number]!.slice(0, 2).join('#'))
    expect(where('代数')).toEqual(expect.arrayContaining(['2#', '2#向量空间']))
    expect(where('cafe')[0]).toMatch(/^0#/)
    expect(where('müller')).toEqual(['0#vienna'])
    expect(where('backpressure')).toEqual(['3#readable-streams'])
  })

  it('holds text as text: markup, quotes, backslashes and line separators survive, none of it runs', async () => {
    const folder = await tempDir('quire-search-odd-')
    await fs.writeFile(
      path.join(folder, 'odd.md'),
      "---\ntitle: It's \"odd\"\u2028\\ </script>\n---\n\nA <b>bold</b> word, `<script>alert(1)</script>` and a backslash \\\\ here.\n\n## A 'quoted' heading\n\nText.\n"
    )
    const odd = await buildFixture(folder, ['html'])
    const script = await odd.read('html/search-index.js')
    expect(script.split('\n')).toHaveLength(3)
    expect(script).not.toMatch(/[\u2028\u2029]/)
    const index = evaluateIndex(script)
    expect(index.notes[0]![0]).toBe('It\'s "odd"\u2028\\ </script>')
    const text = index.sections[0]![3]
    expect(text).toContain('<script>alert(1)</script>')
    expect(text).toContain('backslash \\ here')
    expect(text).not.toContain('<b>')
    expect(index.sections[1]![2]).toBe("A 'quoted' heading")
  })
})

describe('search index: reproducible', () => {
  it('gives the same bytes for the same notes, whatever order they come in', async () => {
    const first = searchIndexScript(await searchIndexData(summaries, core))
    const reversed = searchIndexScript(await searchIndexData([...summaries].reverse(), core))
    expect(reversed).toBe(first)
    expect(first).toBe(await site.read('html/search-index.js'))
  })

  it('writes an index that loads for a site without notes', async () => {
    const empty = evaluateIndex(searchIndexScript(await searchIndexData([], core)))
    expect([empty.notes, empty.sections]).toEqual([[], []])
    const engine = MiniSearch.loadJS(core.expandIndex(empty.index) as never, {fields: [...empty.fields], storeFields: [], tokenize: core.tokenize, processTerm: core.processTerm})
    expect(engine.search('anything')).toEqual([])
  })

  it('writes byte-identical search files when built again', async () => {
    const again = await buildFixture(content, ['html'])
    for (const file of ['html/search-engine.js', 'html/search-index.js', 'html/search.js']) expect((await again.readBytes(file)).equals(await site.readBytes(file)), file).toBe(true)
  })
})

describe('html/search.js and html/search-engine.js', () => {
  const stubs = () => ({window: {} as Record<string, unknown>, document: {documentElement: {lang: 'en'}, addEventListener() {}, querySelectorAll: () => []}})

  it('search.js, the script every page loads, adds no global', async () => {
    const context: Record<string, unknown> = stubs()
    const before = Object.keys(context)
    vm.runInNewContext(await site.read('html/search.js'), context)
    expect(Object.keys(context)).toEqual(before)
  })

  it('search-engine.js brings MiniSearch, with its licence, and the core as one global', async () => {
    const script = await site.read('html/search-engine.js')
    const {version} = await miniSearchBuild()
    expect(script).toContain(`MiniSearch ${version}`)
    expect(script).toContain('Permission is hereby granted')
    const context = stubs()
    vm.runInNewContext(script, context)
    expect(Object.keys(context.window)).toEqual(['quireSearchEngine'])
    const engine = context.window.quireSearchEngine as {MiniSearch: typeof MiniSearch; core: SearchCore}
    expect(engine.core.queryTerms('Café').required).toEqual(['cafe'])
    const loaded = engine.MiniSearch.loadJS(engine.core.expandIndex(data.index) as never, {fields: [...data.fields], storeFields: [], tokenize: engine.core.tokenize, processTerm: engine.core.processTerm})
    expect(loaded.search('compost').length).toBeGreaterThan(0)
  })

  it('keeps what a page loads small: search.js and search.css (inside quire.css) under 16 KB, the engine under 40 KB', async () => {
    const script = (await site.readBytes('html/search.js')).length
    const css = (await fs.readFile(path.join(templates, 'html', 'search.css'))).length
    expect(await readTheme(templates)).toContain('.quire-search-result')
    expect(script + css).toBeLessThan(16_000)
    expect((await site.readBytes('html/search-engine.js')).length).toBeLessThan(40_000)
  })
})

describe('stripComments', () => {
  it('drops comment lines and indentation, keeps code after a comment, and MiniSearch still works', async () => {
    expect(stripComments('/**\n * doc\n */\n  const a = 1 // kept\n\n  /* x */ const b = 2\n// gone\nreturn a + b')).toBe('const a = 1 // kept\nconst b = 2\nreturn a + b')
    const {source} = await miniSearchBuild()
    const module = {exports: {} as unknown}
    vm.runInNewContext(stripComments(source), {module, exports: module.exports})
    const Stripped = module.exports as typeof MiniSearch
    const search = new Stripped({fields: ['text']})
    search.addAll([{id: 1, text: 'minisearch without comments'}])
    expect(search.search('comments').map((result) => result.id)).toEqual([1])
  })

  it('leaves a text alone when a line of code may open a multi-line string', () => {
    const source = 'const a = `\n  // not a comment\n`'
    expect(stripComments(source)).toBe(source)
    expect(stripComments('const b = "a\\\n  /* b */"')).toBe('const b = "a\\\n  /* b */"')
  })
})
