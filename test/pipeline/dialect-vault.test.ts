/**
 * The whole notes dialect at once, on a small course vault
 * (`test/fixtures/dialect-vault`): wikilinks and embeds across folders, a
 * name clash, an embed cycle, math (and bad TeX) inside callouts and embeds,
 * highlights, comments, tags, a diagram and a broken one. Built in all five
 * formats and read back through each format's own checker.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {attr, hasClass, one, parsePage, select, text} from '../emitters/html/dom.js'
import {validatePage} from '../emitters/html/validate.js'
import {epubcheckAll, epubFiles} from '../emitters/epub/helpers.js'
import {describeErrors, validateDocument} from '../emitters/json/validate.js'
import {pageTexts} from '../emitters/pdf/tools.js'
import {needs} from '../helpers/tools.js'
import {withinLimit, type PlatformName} from '../emitters/thread/rules.js'
import {buildFixture, fixturesDir, messageLines, type FixtureBuild} from '../helpers/build.js'

const vault = path.join(fixturesDir, 'dialect-vault')
/** What no output may show once the dialect is read. */
const syntax = [/\[\[/, /\$\$/, /\[!(?:info|tip|warning)\]/i, /%%/, /==[^=]/]

describe('the notes dialect, all of it, in every format', needs('chromium', 'pdftotext'), () => {
  let site: FixtureBuild
  beforeAll(async () => {
    site = await buildFixture(vault, ['html', 'json', 'pdf', 'epub', 'thread'], {config: {site: {title: 'Linear algebra', url: 'https://course.example'}}})
  }, 180_000)

  it('gives every message with its place and rule, and fails only the notes of the cycle', () => {
    expect(messageLines(site.result, vault).filter((line) => !line.includes('pdf-outline'))).toEqual([
      'Course.md:6:136 warning `Notes` matches 2 files (archive/Notes.md, lectures/Notes.md); linked to archive/Notes.md: write the path to choose ambiguous-note',
      'Loop 2.md:3:1 error ![[Loop]] embeds notes in a cycle: Loop 2.md → Loop.md → Loop 2.md embed-cycle',
      'Loop.md:3:1 error ![[Loop 2]] embeds notes in a cycle: Loop.md → Loop 2.md → Loop.md embed-cycle',
      "lectures/Lecture 1.md:25:42 warning Invalid TeX `\\frac{1}{`, shown as code: Unexpected end of input in a macro argument, expected '}' at end of input math-invalid",
      'lectures/Lecture 2.md:7:24 warning Linked note not found: [[Missing lecture]] missing-note',
      expect.stringMatching(/^lectures\/Lecture 2\.md:12:1 warning Diagram not drawn: Parse error on line 3: .* diagram-invalid$/)
    ])
    expect(site.result.notes.filter((note) => !note.built).map((note) => path.basename(note.path)).sort()).toEqual(['Loop 2.md', 'Loop.md'])
  })

  it('HTML: valid pages where every construct is drawn and no syntax is left', async () => {
    for (const file of site.result.written.filter((name) => /^html\/[^/]+\.html$/.test(name) && name !== 'html/sidebar.html')) {
      const html = await site.read(file)
      expect(await validatePage(html, file), file).toEqual([])
      const body = text(one(parsePage(html), 'main'))
      for (const pattern of syntax) expect(body, `${file} ${pattern}`).not.toMatch(pattern)
    }
    const course = parsePage(await site.read('html/course.html'))
    // The embedded summary brings its highlight; the callout its title; the diagram its labels.
    const embed = one(course, 'div', hasClass('embed'))
    expect(select(embed, 'mark').map(text)).toEqual(['measure each other'])
    expect(text(one(course, 'div', hasClass('callout')))).toContain('Office hours')
    expect(text(one(course, 'figure', hasClass('diagram')))).toContain('Lecture 2: matrices')
    // An inline tag links to its page.
    expect(select(course, 'a', hasClass('tag')).map((tag) => [text(tag), attr(tag, 'href')])).toContainEqual(['#linear-algebra', 'tags/linear-algebra.html'])
    const second = parsePage(await site.read('html/lectures-lecture-2.html'))
    // Math inside a folded callout, in a table, and in an embedded block.
    expect(select(one(second, 'details'), 'span', hasClass('katex')).length).toBeGreaterThan(0)
    expect(select(one(second, 'table'), 'span', hasClass('katex'))).toHaveLength(2)
    expect(text(one(second, 'div', hasClass('embed')))).toContain('The triangle inequality holds for every norm.')
    expect(text(one(second, 'main'))).not.toContain('Not the proofs')
  })

  it('PDF: rendered math and diagram labels, no syntax, no link into the build machine', () => {
    const first = pageTexts(path.join(site.out, 'pdf', 'lectures-lecture-1.pdf')).join('\n')
    expect(first).toMatch(/∑/)
    expect(first).toContain('Why dot products')
    expect(first).toContain('measure each other')
    const course = pageTexts(path.join(site.out, 'pdf', 'course.pdf')).join('\n')
    expect(course).toContain('Lecture 2: matrices')
    for (const printed of [first, course]) for (const pattern of syntax) expect(printed).not.toMatch(pattern)
  })

  it('EPUB: every book passes epubcheck with no message', {...needs('epubcheck'), timeout: 120_000}, async () => {
    const reports = await epubcheckAll(await epubFiles(site.out))
    expect(reports.length).toBe(5)
    for (const report of reports) expect(report.messages, report.file).toEqual([])
  })

  it('JSON: every document valid against the schema, with callouts, math and tags', async () => {
    for (const file of site.result.written.filter((name) => /^json\/(?!index)[^/]+\.json$/.test(name))) {
      const json = JSON.parse(await site.read(file))
      expect(validateDocument(json), `${file}: ${describeErrors(validateDocument.errors)}`).toBe(true)
    }
    const first = JSON.parse(await site.read('json/lectures-lecture-1.json'))
    expect(first.meta.tags).toEqual(['lecture'])
    expect(first.sections[0].callouts.map((callout: {type: string; title: string}) => [callout.type, callout.title])).toEqual([['tip', 'Why dot products']])
    expect(first.sections[0].math.map((math: {tex: string}) => math.tex)).toContain('\\sum_{i=1}^{n} v_i w_i = v \\cdot w')
    const course = JSON.parse(await site.read('json/course.json'))
    expect(course.meta.tags).toEqual(['course', 'linear-algebra'])
  })

  it('threads: every post within its platform’s limit, by the platform’s own counter, and no syntax left', async () => {
    let posts = 0
    for (const file of site.result.written.filter((name) => /^thread\/[^/]+\.json$/.test(name))) {
      const json = JSON.parse(await site.read(file)) as {threads: Array<{posts: Record<PlatformName, Array<{text: string}>>}>}
      for (const thread of json.threads) {
        for (const [platform, list] of Object.entries(thread.posts) as Array<[PlatformName, Array<{text: string}>]>) {
          for (const post of list) {
            posts++
            expect(withinLimit(platform, post.text), `${file} ${platform}: ${post.text}`).toBe(true)
            for (const pattern of syntax) expect(post.text, `${file} ${pattern}`).not.toMatch(pattern)
          }
        }
      }
    }
    expect(posts).toBeGreaterThan(10)
  })

  it('builds the same bytes again', async () => {
    const again = await buildFixture(vault, ['html', 'json', 'epub', 'thread'], {config: {site: {title: 'Linear algebra', url: 'https://course.example'}}})
    for (const file of again.result.written) {
      expect((await fs.readFile(path.join(again.out, file))).equals(await fs.readFile(path.join(site.out, file))), file).toBe(true)
    }
  })
})
