/**
 * Math in all five formats, from a lecture note built through the real
 * build (test/fixtures/dialect-math): KaTeX in the pages and the handout
 * (its stylesheet and fonts local, never a CDN), MathML in the e-book, the
 * TeX in the JSON and the thread drafts, prices left as prose, one
 * positioned warning for the TeX KaTeX cannot read, the same bytes on a
 * rebuild. A second note without math shows what a page without math gets.
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import type {Element} from 'hast'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildFixture, fixturesDir, messageLines, repoRoot, tempDir, type FixtureBuild} from '../helpers/build.js'
import {snapshot} from '../helpers/tree.js'
import {epubcheckAll, openEpub} from './epub/helpers.js'
import {attr, hasClass, headings, one, parsePage, select, text} from './html/dom.js'
import {validatePage} from './html/validate.js'
import {describeErrors, validateDocument} from './json/validate.js'
import {pageTexts} from './pdf/tools.js'
import {has, needs} from '../helpers/tools.js'
import {parseDraft} from './thread/drafts.js'

const content = path.join(fixturesDir, 'dialect-math')
// PDF only with a browser: the `math: pdf` tests say they were skipped when there is none.
const formats = ['html', 'json', 'epub', 'thread', ...(has('chromium') ? ['pdf'] : [])]
const saved = process.env.SOURCE_DATE_EPOCH
let built: FixtureBuild
let rebuilt: FixtureBuild

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = '1764000000'
  built = await buildFixture(content, formats)
  rebuilt = await buildFixture(content, formats)
}, 180_000)

afterAll(() => {
  if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH
  else process.env.SOURCE_DATE_EPOCH = saved
})

/** The display equation and a formula in a line of the lecture, as written. */
const sumTex = String.raw`\sum_{i=1}^{n} i = \frac{n(n+1)}{2}`
const badTex = String.raw`\frac{1}{`

describe('math: the build', () => {
  it('builds both notes, with one positioned warning for the TeX KaTeX cannot read', () => {
    expect(built.result.errors).toBe(0)
    expect(messageLines(built.result, content)).toEqual([
      "lecture.md:38:9 warning Invalid TeX `\\frac{1}{`, shown as code: Unexpected end of input in a macro argument, expected '}' at end of input math-invalid"
    ])
  })

  it('writes the same bytes when built again', async () => {
    const [first, second] = [await snapshot(built.out), await snapshot(rebuilt.out)]
    expect(first.size).toBeGreaterThan(30)
    expect(second).toEqual(first)
  })

  it('puts no path of this machine in any text it writes', async () => {
    const leaks: string[] = []
    for (const file of (await snapshot(built.out)).keys()) {
      if (!/\.(?:html|css|json|md)$/.test(file)) continue
      const body = await built.read(file)
      if (body.includes(repoRoot) || body.includes('node_modules') || body.includes('file:')) leaks.push(file)
    }
    expect(leaks).toEqual([])
  })
})

describe('math: html', () => {
  const page = async (name: string) => parsePage(await built.read(`html/${name}`))
  const katex = (node: Element) => node.tagName === 'span' && hasClass('katex')(node)

  it('lays the math out with KaTeX at build time: HTML and MathML, no script, no dollars left', async () => {
    const tree = await page('lecture.html')
    // 20 expressions, one of them invalid.
    expect(select(tree, 'span', katex)).toHaveLength(19)
    expect(select(tree, 'span', hasClass('katex-display'))).toHaveLength(2)
    expect(select(tree, 'math')).toHaveLength(19)
    // The site frame's own scripts only.
    expect(select(tree, 'script').map((script) => attr(script, 'src'))).toEqual(['sidebar.js', 'nav.js', 'search.js'])
    const body = one(tree, 'div', hasClass('note-body'))
    expect(text(body)).not.toContain('$$')
    expect(text(select(body, 'p')[0]!)).toContain('The textbook costs $5 and $10 for the workbook')
    expect(text(body)).toContain('教科書は $5 でした。')
  })

  it('shows the TeX it cannot read as code, and highlights nothing', async () => {
    const tree = await page('lecture.html')
    expect(select(tree, 'code', hasClass('math-error')).map((node) => text(node))).toEqual([badTex])
    expect(select(tree, 'span', (node) => (attr(node, 'class') ?? '').startsWith('hljs'))).toEqual([])
  })

  it('reads a heading with math as its TeX in the contents, and shows it rendered', async () => {
    const tree = await page('lecture.html')
    const toc = one(tree, 'nav', hasClass('toc'))
    expect(select(toc, 'a').map((link) => text(link))).toEqual(['Arithmetic series', 'Geometric series', 'Proof of §1', '日本語のメモ'])
    const heading = headings(tree).find((node) => attr(node, 'id') === 'proof-of-s1')!
    expect(select(heading, 'span', katex)).toHaveLength(1)
  })

  it('links KaTeX’s stylesheet from pages with math only, before quire’s', async () => {
    const stylesheets = async (name: string) => select(await page(name), 'link', (node) => attr(node, 'rel') === 'stylesheet').map((node) => attr(node, 'href'))
    expect(await stylesheets('lecture.html')).toEqual(['katex/katex.css', 'quire.css'])
    expect(await stylesheets('reading.html')).toEqual(['quire.css'])
    expect(await stylesheets('index.html')).toEqual(['quire.css'])
  })

  it('writes KaTeX’s stylesheet and every font it names, WOFF2 only, all local', async () => {
    const css = await built.read('html/katex/katex.css')
    const urls = [...css.matchAll(/url\(([^)]*)\)/g)].map((match) => match[1]!)
    expect(urls).toHaveLength(20)
    for (const url of urls) expect(url).toMatch(/^fonts\/KaTeX_[\w-]+\.woff2$/)
    const fonts = (await fs.readdir(path.join(built.out, 'html/katex/fonts'))).sort()
    expect(fonts).toEqual(urls.map((url) => url.slice('fonts/'.length)).sort())
    expect(built.result.written).toContain('html/katex/fonts/KaTeX_Main-Regular.woff2')
  })

  it('gives valid pages', async () => {
    for (const name of ['lecture.html', 'reading.html', 'index.html']) expect(await validatePage(await built.read(`html/${name}`), name)).toEqual([])
  })
})

describe('math: a site without math', () => {
  it('gets no KaTeX files', async () => {
    const folder = await tempDir('quire-math-none-')
    await fs.copyFile(path.join(content, 'reading.md'), path.join(folder, 'reading.md'))
    const plain = await buildFixture(folder, ['html'])
    expect(plain.result.written.filter((file) => file.includes('katex'))).toEqual([])
  })
})

describe('math: pdf', needs('chromium', 'pdftotext', 'pdffonts', 'qpdf'), () => {
  const file = () => path.join(built.out, 'pdf', 'lecture.pdf')

  it('prints the math as text a reader can extract and search, no dollars left', () => {
    const printed = pageTexts(file()).join('\n')
    for (const rendered of ['∑', '∞', '§1', '1−r', 'n(n + 1)', 'n = 100', 'a + kd']) expect(printed).toContain(rendered)
    expect(printed).toContain('The textbook costs $5 and $10 for the workbook')
    expect(printed).not.toContain('$$')
    expect(printed).not.toContain('\\sum')
    // The TeX KaTeX could not read, as written.
    expect(printed).toContain(badTex)
  })

  it('embeds KaTeX’s fonts, loaded from the installed package', () => {
    const fonts = spawnSync('pdffonts', [file()], {encoding: 'utf8'}).stdout
    for (const font of ['KaTeX_Main-Regular', 'KaTeX_Math-Italic', 'KaTeX_Size1-Regular']) expect(fonts).toContain(font)
  })

  it('titles the bookmark of a heading with math with its TeX', () => {
    const outline = JSON.parse(spawnSync('qpdf', ['--json', file()], {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024}).stdout) as {outlines: Array<{title: string}>}
    expect(outline.outlines.map((item) => item.title)).toEqual(['Arithmetic series', 'Geometric series', 'Proof of §1', '日本語のメモ'])
  })
})

describe('math: epub', () => {
  it('passes epubcheck without errors or warnings', needs('epubcheck'), async () => {
    const results = await epubcheckAll([path.join(built.out, 'epub/lecture.epub'), path.join(built.out, 'epub/reading.epub')])
    for (const result of results) expect({file: path.basename(result.file), errors: result.errors, warnings: result.warnings, fatals: result.fatals, messages: result.messages}).toEqual({file: path.basename(result.file), errors: 0, warnings: 0, fatals: 0, messages: []})
  })

  it('keeps the MathML with the TeX as alttext, and none of KaTeX’s HTML', async () => {
    const epub = await openEpub(await built.readBytes('epub/lecture.epub'))
    const chapters = epub.names().filter((name) => /chapter-\d+\.xhtml$/.test(name))
    const all = (await Promise.all(chapters.map((name) => epub.text(name)))).join('\n')
    const maths = [...all.matchAll(/<math\b[^>]*>/g)].map((match) => match[0])
    expect(maths).toHaveLength(19)
    for (const math of maths) expect(math).toMatch(/^<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML"( display="block")? alttext="[^"]+">$/)
    expect(maths).toContain(`<math xmlns="http://www.w3.org/1998/Math/MathML" display="block" alttext="${sumTex}">`)
    expect(all).not.toContain('katex')
    expect(all).toContain(`<code class="math-error">${badTex}</code>`)
  })

  it('declares the mathml property on the manifest items of chapters with math, and only those', async () => {
    const manifest = async (book: string) => {
      const epub = await openEpub(await built.readBytes(`epub/${book}`))
      const opf = await epub.text('OEBPS/content.opf')
      const items = [...opf.matchAll(/<item id="chapter-\d+" href="([^"]+)"[^>]*?(?: properties="([^"]*)")?\/>/g)]
      return Promise.all(items.map(async ([, href, properties]) => ({href, mathml: properties === 'mathml', hasMath: (await epub.text(`OEBPS/${href}`)).includes('<math')})))
    }
    const lecture = await manifest('lecture.epub')
    expect(lecture.filter((item) => item.hasMath).length).toBeGreaterThan(3)
    for (const item of [...lecture, ...(await manifest('reading.epub'))]) expect(item.mathml, item.href).toBe(item.hasMath)
  })
})

describe('math: json', () => {
  const note = async (slug: string) => JSON.parse(await built.read(`json/${slug}.json`)) as {
    stats: {math: number; codeBlocks: number}
    headings: Array<{text: string}>
    sections: Array<{title: string; paragraphs: string[]; math: Array<{display: boolean; tex: string; line: number; column: number}>; tables: Array<{rows: string[][]}>}>
  }

  it('validates against the shipped schema', async () => {
    for (const slug of ['lecture', 'reading']) {
      const json = JSON.parse(await built.read(`json/${slug}.json`)) as unknown
      expect(validateDocument(json), describeErrors(validateDocument.errors)).toBe(true)
    }
  })

  it('lists each section’s math as its TeX, display or in a line, where it was written', async () => {
    const lecture = await note('lecture')
    const arithmetic = lecture.sections.find((section) => section.title === 'Arithmetic series')!
    expect(arithmetic.math).toEqual([
      {display: false, tex: 'n', line: 14, column: 22},
      {display: true, tex: sumTex, line: 16, column: 1},
      {display: false, tex: 'n = 100', line: 20, column: 8},
      {display: false, tex: '5050', line: 20, column: 24}
    ])
    const geometric = lecture.sections.find((section) => section.title === 'Geometric series')!
    expect(geometric.math.filter((math) => math.display).map((math) => math.tex)).toEqual([String.raw`\sum_{k=0}^{\infty} a r^k = \frac{a}{1-r}`])
    expect(geometric.tables[0]!.rows[1]).toEqual(['geometric', 'a r^k', String.raw`\frac{a(1-r^n)}{1-r}`])
    expect(lecture.stats).toMatchObject({math: 20, codeBlocks: 0})
    expect((await note('reading')).stats.math).toBe(0)
  })

  it('keeps math in a line as its TeX in the paragraph text, prices as written', async () => {
    const lecture = await note('lecture')
    expect(lecture.sections[0]!.paragraphs).toEqual(['Notes from Tuesday. The textbook costs $5 and $10 for the workbook; bring\nboth, and the problem sheet on \\sum notation.'])
    expect(lecture.headings.map((heading) => heading.text)).toContain('Proof of §1')
  })
})

describe('math: thread', () => {
  it('writes the TeX into the posts, without dollars, like the titles', async () => {
    for (const platform of ['x', 'bluesky', 'mastodon']) {
      const threads = parseDraft(await built.read(`thread/lecture.${platform}.md`))
      expect(threads.map((thread) => thread.title)).toContain('Proof of §1')
      const posts = threads.flatMap((thread) => thread.posts.map((post) => post.text)).join('\n')
      expect(posts).toContain(sumTex)
      expect(posts).toContain('For |r| < 1 the series converges')
      expect(posts).not.toContain('$$')
      for (const thread of threads) for (const post of thread.posts) expect(post.length).toBeLessThanOrEqual(post.limit)
    }
  })
})
