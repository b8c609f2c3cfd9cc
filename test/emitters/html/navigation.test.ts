/**
 * Finding one's way around the site (`test/fixtures/site-nav`, a course
 * vault with folders, numbered weeks, a nested tag, a Chinese note): the
 * sidebar in site order, previous/next, breadcrumbs, "Linked from" with the
 * linking sentence, tag pages; and the build cache writing again only the
 * pages whose neighbours or backlinks a new note changes.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type {Element} from 'hast'
import {beforeAll, describe, expect, it} from 'vitest'
import {attr, hasClass, one, parsePage, select, text} from './dom.js'
import {validatePage} from './validate.js'
import {buildFixture, fixturesDir, tempDir, type FixtureBuild} from '../../helpers/build.js'

const content = path.join(fixturesDir, 'site-nav')

/** The sidebar list as `depth label` lines: folders by name, notes by title. */
function outline(list: Element, depth = 1): string[] {
  return list.children.flatMap((item) => {
    if (item.type !== 'element' || item.tagName !== 'li') return []
    const child = (tagName: string, of: Element) => of.children.find((node): node is Element => node.type === 'element' && node.tagName === tagName)!
    if (hasClass('folder')(item)) {
      const details = child('details', item)
      return [`${depth} [${text(child('summary', details))}]`, ...outline(child('ol', details), depth + 1)]
    }
    return [`${depth} ${text(child('a', item))}`]
  })
}

const order = [
  '1 Welcome to the course',
  '1 About these notes',
  '1 读书笔记',
  '1 [lectures]',
  '2 Lecture 1: vectors',
  '2 Lecture 2: matrices',
  '2 Lecture 10: eigenvalues',
  '2 [labs]',
  '3 Lab 1: numpy',
  '1 [week 2]',
  '2 Week 2 notes',
  '1 [week 10]',
  '2 Week 10 notes'
]

describe('site navigation', () => {
  let site: FixtureBuild
  const page = async (file: string) => parsePage(await site.read(`html/${file}`))
  beforeAll(async () => {
    site = await buildFixture(content, ['html'])
  }, 60_000)

  it('lists every note in the sidebar: top-level notes by order, date and title, then folders by name, numbers as numbers', async () => {
    expect(outline(one(await page('sidebar.html'), 'ol', hasClass('sidebar-list')))).toEqual(order)
    // The same list in sidebar.js, as the string nav.js puts in each page.
    const script = await site.read('html/sidebar.js')
    const html = JSON.parse(script.replace(/^window\.quireSidebar = /, '').replace(/;\n$/, '')) as string
    expect(outline(one(parsePage(html), 'ol', hasClass('sidebar-list')))).toEqual(order)
    expect(script).not.toContain('</')
  })

  it('gives every page the sidebar place, marked with its note, and the no-script frame', async () => {
    const lecture = await page('lectures-lecture-2.html')
    const nav = one(lecture, 'nav', hasClass('sidebar'))
    expect(attr(nav, 'dataCurrent')).toBe('lectures-lecture-2')
    expect(attr(one(nav, 'iframe'), 'src')).toBe('sidebar.html')
    const tag = await page('tags/course/week-1.html')
    expect(attr(one(tag, 'nav', hasClass('sidebar')), 'dataBase')).toBe('../../')
    expect(select(tag, 'script').map((script) => attr(script, 'src'))).toEqual(['../../sidebar.js', '../../nav.js', '../../search.js'])
    expect(select(tag, 'link', (link) => attr(link, 'rel') === 'stylesheet').map((link) => attr(link, 'href'))).toEqual(['../../quire.css'])
  })

  it('links each note to the previous and next one in sidebar order', async () => {
    const sequence = ['welcome', 'about', 'note-cc2c05a9', 'lectures-lecture-1', 'lectures-lecture-2', 'lectures-lecture-10', 'lectures-labs-lab-1', 'week-2-notes', 'week-10-notes']
    for (const [index, slug] of sequence.entries()) {
      const pager = select(await page(`${slug}.html`), 'nav', hasClass('pager'))[0]!
      const href = (rel: string) => select(pager, 'a', (link) => attr(link, 'rel') === rel)[0]
      expect(href('prev') && attr(href('prev')!, 'href'), slug).toBe(index > 0 ? `${sequence[index - 1]}.html` : undefined)
      expect(href('next') && attr(href('next')!, 'href'), slug).toBe(index < sequence.length - 1 ? `${sequence[index + 1]}.html` : undefined)
    }
  })

  it('shows breadcrumbs for notes in folders only', async () => {
    const crumbs = one(await page('lectures-labs-lab-1.html'), 'nav', hasClass('breadcrumbs'))
    expect(select(crumbs, 'li').map(text)).toEqual(['Notes', 'lectures', 'labs', 'Lab 1: numpy'])
    expect(attr(one(crumbs, 'a'), 'href')).toBe('index.html')
    expect(select(await page('welcome.html'), 'nav', hasClass('breadcrumbs'))).toEqual([])
  })

  it('lists the notes linking here, with the sentence of each link, and the notes embedding it', async () => {
    const section = one(await page('lectures-lecture-1.html'), 'section', hasClass('backlinks'))
    expect(text(one(section, 'h2'))).toBe('Linked from')
    const entries = select(section, 'li').map((item) => [attr(one(item, 'a'), 'href'), text(item)])
    expect(entries).toEqual([
      ['lectures-labs-lab-1.html', 'Lab 1: numpyWork through the first lecture with numpy.'],
      ['lectures-lecture-2.html', 'Lecture 2: matrices (embeds this note)We use the dot product from lecture one again.'],
      ['lectures-lecture-10.html', 'Lecture 10: eigenvaluesVectors | Lecture 1'],
      ['note-cc2c05a9.html', '读书笔记参见Lecture 1。']
    ])
    // A welcome page linked from one sentence of the about page; a note nothing links to has no section.
    expect(text(one(await page('welcome.html'), 'section', hasClass('backlinks')))).toContain('See the welcome page.')
    // A sentence that runs over a line break of the source is whole.
    expect(text(one(await page('lectures-lecture-2.html'), 'section', hasClass('backlinks')))).toContain('The second one builds on it: read Lecture 2 before the lab.')
    expect(select(await page('week-2-notes.html'), 'section', hasClass('backlinks'))).toEqual([])
  })

  it('writes a page per tag (nested tags nested) and an index of tags with counts; tags link there', async () => {
    const tags = await page('tags/index.html')
    expect(select(one(tags, 'ul', hasClass('tag-index')), 'li').map((item) => [text(item), attr(one(item, 'a'), 'href')])).toEqual([
      ['course (2)', '../tags/course.html'],
      ['course/week-1 (1)', '../tags/course/week-1.html']
    ])
    const course = await page('tags/course.html')
    expect(text(one(course, 'h1'))).toBe('Tagged course')
    expect(select(course, 'li', hasClass('note-entry')).map((item) => attr(one(item, 'a'), 'href'))).toEqual(['../lectures-lecture-2.html', '../welcome.html'])
    const lecture = await page('lectures-lecture-1.html')
    expect(select(lecture, 'a', hasClass('tag')).map((link) => [text(link), attr(link, 'href')])).toEqual([['#course/week-1', 'tags/course/week-1.html']])
    expect(select(one(lecture, 'ul', hasClass('tags')), 'a').map((link) => attr(link, 'href'))).toEqual(['tags/course/week-1.html'])
  })

  it('keeps every page valid, tag pages and the sidebar page included', async () => {
    for (const file of site.result.written.filter((name) => name.endsWith('.html'))) {
      expect(await validatePage(await site.read(file), file), file).toEqual([])
    }
  })
})

describe('site navigation and the build cache', () => {
  it('writes again only the pages whose neighbours or backlinks a new note changes', async () => {
    const dir = await tempDir('quire-nav-cache-')
    const copy = path.join(dir, 'content')
    await fs.cp(content, copy, {recursive: true})
    const run = () => buildFixture(copy, ['html'], {out: path.join(dir, 'out'), cache: path.join(dir, 'cache')})
    await run()
    const notePages = (written: readonly string[]) =>
      written.filter((file) => /^html\/[^/]+\.html$/.test(file) && !['html/index.html', 'html/sidebar.html', 'html/404.html'].includes(file)).sort()
    expect(notePages((await run()).result.written)).toEqual([])

    // Lecture 3 goes between lectures 2 and 10, and links to the welcome page.
    await fs.writeFile(path.join(copy, 'lectures', 'Lecture 3.md'), '---\ndate: 2024-02-19\n---\n\n# Lecture 3: bases\n\nBack to [[Welcome]] for the plan.\n')
    const added = await run()
    expect(notePages(added.result.written)).toEqual(['html/lectures-lecture-10.html', 'html/lectures-lecture-2.html', 'html/lectures-lecture-3.html', 'html/welcome.html'])
    expect(added.result.written).toContain('html/sidebar.js')
    expect(await added.read('html/sidebar.js')).toContain('Lecture 3: bases')
  }, 60_000)
})
