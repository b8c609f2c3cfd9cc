/**
 * The search core (templates/html/search-core.js), as the index builder
 * runs it: words and character pairs, folding, the terms a query requires,
 * and the packed index unpacking to exactly what MiniSearch serialized.
 */
import path from 'node:path'
import MiniSearch from 'minisearch'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadSearchCore, type SearchCore} from '../../../../src/emitters/html/search/core.js'
import {packIndex} from '../../../../src/emitters/html/search/index-data.js'
import {repoRoot} from '../../../helpers/build.js'

let core: SearchCore
const terms = (text: string) => core.tokenize(text).map((term) => core.processTerm(term))

beforeAll(async () => {
  core = await loadSearchCore(path.join(repoRoot, 'templates'))
})

describe('search core: terms', () => {
  it('cuts Chinese with Intl.Segmenter and adds every pair of neighbouring characters', () => {
    // 线性代数 is one dictionary word: its pairs make 代数 findable on its own.
    expect(terms('线性代数讲义')).toEqual(['线性代数', '线性', '性代', '代数', '数讲', '讲义', '义'])
    expect(terms('向量空间是线性代数的基本对象')).toEqual(expect.arrayContaining(['向量', '空间', '代数', '对象']))
  })

  it('cuts Japanese and Korean, keeping voicing marks and Hangul syllables', () => {
    expect(terms('固有値の計算')).toEqual(expect.arrayContaining(['固有', '有値', '計算']))
    expect(terms('ガイド')).toContain('ガイ')
    expect(terms('행렬식을 계산합니다')).toEqual(expect.arrayContaining(['행렬식을', '행렬', '렬식', '계산합니다']))
  })

  it('folds case, Latin accents, compatibility forms and a few letters', () => {
    expect(terms('Café Müller naïve São Paulo façade Ringstraße Ærø ＡＢＣ ﬁle')).toEqual(['cafe', 'muller', 'naive', 'sao', 'paulo', 'facade', 'ringstrasse', 'aero', 'abc', 'file'])
    // Decomposed input (e + combining acute) folds the same as precomposed.
    expect(terms('cafe\u0301')).toEqual(['cafe'])
    for (const term of ['café', 'ガ', '한', 'strasse']) expect(core.processTerm(core.processTerm(term)!)).toBe(core.processTerm(term))
  })

  it('keeps dotted names whole and adds their parts', () => {
    expect(terms('fs.stat() in node.js, l’été')).toEqual(['fs.stat', 'fs', 'stat', 'in', 'node.js', 'node', 'js', 'l’ete', 'ete'])
  })

  it('segments a long text piece by piece (the segmenter slows down on long strings) and loses no word', () => {
    const text = '线性代数的基本对象。'.repeat(400)
    const tokens = core.tokenize(text)
    expect(tokens.filter((term) => term === '线性代数')).toHaveLength(400)
    expect(tokens.filter((term) => term === '对象')).toHaveLength(400)
  })

  it('requires every term of a query but whole CJK words, which a note may cut differently', () => {
    expect(core.queryTerms('Café  cafe')).toEqual({all: ['cafe'], required: ['cafe']})
    expect(core.queryTerms('代数')).toEqual({all: ['代数'], required: ['代数']})
    const long = core.queryTerms('线性代数')
    expect(long.all).toContain('线性代数')
    expect(long.required).toEqual(['线性', '性代', '代数'])
    expect(core.queryTerms('代')).toEqual({all: ['代'], required: ['代']})
    expect(core.queryTerms(' ,.; ')).toEqual({all: [], required: []})
  })

  it('tells Latin terms (which may match with a typo) and spaced scripts apart', () => {
    expect(core.isLatin('compost')).toBe(true)
    expect(core.isLatin('2024')).toBe(false)
    expect(core.isLatin('代数')).toBe(false)
    expect(core.spaced('node.js')).toBe(true)
    expect(core.spaced('代数')).toBe(false)
  })
})

describe('search core: packed index', () => {
  it('unpacks to what MiniSearch serialized', () => {
    const documents = [
      {id: 0, title: 'Café culture', heading: '', text: 'cafés and café, café again'},
      {id: 1, title: 'Café culture', heading: 'São Paulo', text: 'In São Paulo the cafezinho'},
      {id: 2, title: '线性代数讲义', heading: '向量空间', text: '向量空间是线性代数的基本对象'}
    ]
    const options = {fields: ['title', 'heading', 'text'], storeFields: [], tokenize: core.tokenize, processTerm: core.processTerm}
    const search = new MiniSearch(options)
    search.addAll(documents)
    const json = JSON.parse(JSON.stringify(search))
    const packed = packIndex(json)
    expect(packed.terms.find(([term]) => term === 'cafe')).toEqual(['cafe', '0:0,1;2:0*2'])
    expect(core.expandIndex(JSON.parse(JSON.stringify(packed)))).toEqual({...json, storedFields: {}})
    const loaded = MiniSearch.loadJS(core.expandIndex(packed) as never, options)
    expect(loaded.search('代数').map((result) => result.id)).toEqual(search.search('代数').map((result) => result.id))
    expect(loaded.search('paulo').map((result) => result.id)).toEqual([1])
  })
})
