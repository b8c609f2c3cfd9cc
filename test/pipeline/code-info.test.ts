/**
 * Code fence info strings as the tools that wrote them mean them
 * (`src/pipeline/code-info.ts`, `plugins/remark-code-info.ts`): an mdBook
 * chapter's `rust,ignore` and a pandoc note's `{.python}` highlight as their
 * language, a `title="…"` becomes a caption, and only a language no
 * highlighter knows is a warning. Fixture: `test/fixtures/code-fences`.
 */
import type {Element} from 'hast'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parseCodeInfo} from '../../src/pipeline/code-info.js'
import type {JsonCodeBlock, JsonDocument, JsonSection} from '../../src/emitters/json/shape.js'
import {attr, hasClass, one, parsePage, select, text} from '../emitters/html/dom.js'
import {validatePage} from '../emitters/html/validate.js'
import {openEpub} from '../emitters/epub/helpers.js'
import {describeErrors, validateDocument} from '../emitters/json/validate.js'
import {buildFixture, fixturesDir, messageLines, type FixtureBuild} from '../helpers/build.js'

const fixture = path.join(fixturesDir, 'code-fences')

describe('parseCodeInfo', () => {
  it.each([
    ['rust', 'rust', undefined, undefined],
    ['rust,ignore', 'rust', 'ignore', undefined],
    ['rust,should_panic,edition2021', 'rust', 'should_panic,edition2021', undefined],
    ['rust, noplayground', 'rust', 'noplayground', undefined],
    ['js title="x.js"', 'js', 'title="x.js"', 'x.js'],
    ["ts twoslash title='a b.ts'", 'ts', "twoslash title='a b.ts'", 'a b.ts'],
    ['js{1,3}', 'js', '{1,3}', undefined],
    ['js {1,3} title=app.js', 'js', '{1,3} title=app.js', 'app.js'],
    ['{.python}', 'python', undefined, undefined],
    ['{.python .numberLines startFrom="10"}', 'python', '{.numberLines startFrom="10"}', undefined],
    ['{#fetch .bash}', 'bash', '{#fetch}', undefined],
    ['{.js title="x.js"}', 'js', '{title="x.js"}', 'x.js'],
    ['{r, echo=FALSE}', 'r', '{echo=FALSE}', undefined],
    ['{python}', 'python', undefined, undefined],
    ['{#only-an-id}', undefined, '{#only-an-id}', undefined],
    ['{.haskell} main.hs', 'haskell', 'main.hs', undefined],
    ['{.python title="a}b.py"}', 'python', '{title="a}b.py"}', 'a}b.py'],
    ['mermaid title', 'mermaid', 'title', undefined],
    ['c++', 'c++', undefined, undefined],
    ['  ', undefined, undefined, undefined]
  ])('%s', (info, lang, meta, title) => {
    expect(parseCodeInfo(info)).toEqual({lang, meta, title})
  })
})

describe('code fences in an mdBook chapter and a pandoc note', () => {
  let site: FixtureBuild
  beforeAll(async () => {
    site = await buildFixture(fixture, ['html', 'json', 'epub'])
  }, 120_000)

  const codes = (html: string): Element[] => select(parsePage(html), 'code', (node) => attr(node, 'className')?.includes('language-') === true)

  it('warns only about the language no highlighter knows', () => {
    expect(messageLines(site.result, fixture)).toEqual(['dataframes.md:47:1 warning Cannot highlight as `pikchr`, it’s not registered missing-language'])
  })

  it('HTML: every block is highlighted as the language its info string names', async () => {
    const chapter = codes(await site.read('html/ch04-02-borrowing.html'))
    expect(chapter.map((code) => attr(code, 'className'))).toEqual([
      'hljs language-rust',
      'hljs language-rust',
      'hljs language-console',
      'hljs language-rust',
      'hljs language-rust',
      'hljs language-toml',
      'hljs language-text'
    ])
    // Highlighted, not only classed: the `fn` of every Rust block is a keyword.
    for (const code of chapter.filter((node) => attr(node, 'className') === 'hljs language-rust')) {
      expect(select(code, 'span', hasClass('hljs-keyword')).map(text)).toContain('let')
    }
    const notes = codes(await site.read('html/dataframes.html'))
    expect(notes.map((code) => attr(code, 'className'))).toEqual([
      'hljs language-python',
      'hljs language-python',
      'hljs language-python',
      'hljs language-r',
      'hljs language-bash',
      'hljs language-pikchr'
    ])
    expect(select(notes[0]!, 'span', hasClass('hljs-keyword')).map(text)).toContain('import')
    // The unknown one is left as written.
    expect(select(notes.at(-1)!, 'span')).toEqual([])
  })

  it('HTML: a title becomes the caption of the block, on valid pages', async () => {
    const html = await site.read('html/dataframes.html')
    const figure = one(parsePage(html), 'figure', hasClass('code'))
    expect(text(one(figure, 'figcaption', hasClass('code-title')))).toBe('pivot.py')
    expect(text(one(figure, 'pre'))).toContain('long.pivot(')
    for (const file of ['html/dataframes.html', 'html/ch04-02-borrowing.html']) expect(await validatePage(await site.read(file), file)).toEqual([])
  })

  it('EPUB: the caption too', async () => {
    const book = await openEpub(await site.readBytes('epub/dataframes.epub'))
    const chapters = await Promise.all(book.names().filter((name) => name.endsWith('.xhtml')).map((name) => book.text(name)))
    expect(chapters.join('\n')).toContain('<figure class="code"><figcaption class="code-title">pivot.py</figcaption><pre><code class="hljs language-python">')
  })

  it('JSON: the language, the rest of the info string and the title of every block', async () => {
    const blocks = (doc: JsonDocument) =>
      doc.sections.flatMap(function collect(section: JsonSection): JsonCodeBlock[] {
        return [...section.codeBlocks, ...section.children.flatMap(collect)]
      })
    const chapter = JSON.parse(await site.read('json/ch04-02-borrowing.json')) as JsonDocument
    const notes = JSON.parse(await site.read('json/dataframes.json')) as JsonDocument
    for (const doc of [chapter, notes]) expect(validateDocument(doc), describeErrors(validateDocument.errors)).toBe(true)
    expect(blocks(chapter).map((block) => [block.lang, block.meta, block.title])).toEqual([
      ['rust', null, null],
      ['rust', 'ignore', null],
      ['console', null, null],
      ['rust', 'noplayground', null],
      ['rust', 'should_panic,edition2021', null],
      ['toml', null, null],
      ['text', null, null]
    ])
    expect(blocks(notes).map((block) => [block.lang, block.meta, block.title])).toEqual([
      ['python', null, null],
      ['python', '{.numberLines startFrom="10"}', null],
      ['python', 'title="pivot.py"', 'pivot.py'],
      ['r', '{echo=FALSE}', null],
      ['bash', '{#fetch}', null],
      ['pikchr', null, null]
    ])
  })
})
