/**
 * Wikilinks, embeds and block ids on a small Obsidian vault
 * (`test/fixtures/dialect-links`), through the real build in all five
 * formats: what each construct becomes, and the messages it gives.
 */
import {execFileSync} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {LinkTargets} from '../../src/pipeline/link-targets.js'
import {attr, hasClass, ids, one, parsePage, select, text} from '../emitters/html/dom.js'
import {validatePage} from '../emitters/html/validate.js'
import {epubcheck, openEpub} from '../emitters/epub/helpers.js'
import {describeErrors, validateDocument} from '../emitters/json/validate.js'
import {pageTexts} from '../emitters/pdf/tools.js'
import {needs} from '../helpers/tools.js'
import {buildFixture, fixturesDir, messageLines, tempDir, type FixtureBuild} from '../helpers/build.js'

const vault = path.join(fixturesDir, 'dialect-links')

describe('link targets (Obsidian resolution)', () => {
  const targets = new LinkTargets(
    [
      ['Home.md', 'home'],
      ['talks/Day 1.md', 'talks-day-1'],
      ['archive/Day 1.md', 'archive-day-1'],
      ['deep/nested/Glossary.md', 'deep-nested-glossary']
    ],
    ['attachments/diagram.png', 'talks/diagram.png']
  )

  it('finds a note by path or by name anywhere, in any case, with or without .md', () => {
    expect(targets.resolve('talks/Day 1', 'Home.md')).toEqual({path: 'talks/Day 1.md', candidates: ['talks/Day 1.md']})
    expect(targets.resolve('glossary', 'Home.md').path).toBe('deep/nested/Glossary.md')
    expect(targets.resolve('nested/GLOSSARY.md', 'Home.md').path).toBe('deep/nested/Glossary.md')
    expect(targets.resolve('Day 1', 'talks/Day 1.md').path).toBe('talks/Day 1.md')
    expect(targets.resolve('Nowhere', 'Home.md')).toEqual({path: undefined, candidates: []})
    // A path prefix must be whole folders: `alks/Day 1` is not `talks/Day 1`.
    expect(targets.resolve('alks/Day 1', 'Home.md').path).toBeUndefined()
  })

  it('gives every candidate of a shared name, the note’s own folder first, then the shortest path', () => {
    expect(targets.resolve('Day 1', 'Home.md')).toEqual({path: 'talks/Day 1.md', candidates: ['talks/Day 1.md', 'archive/Day 1.md']})
    expect(targets.resolve('Day 1', 'archive/Other.md').path).toBe('archive/Day 1.md')
    expect(targets.resolve('diagram.png', 'talks/Day 1.md').path).toBe('talks/diagram.png')
    expect(targets.resolve('diagram.png', 'Home.md').candidates).toEqual(['talks/diagram.png', 'attachments/diagram.png'])
  })

  it('answers the queries a parse recorded, so the cache sees a new namesake', () => {
    const query = LinkTargets.wikiQuery('Home.md', 'Glossary')
    const before = targets.answer(query)
    const after = new LinkTargets([['Home.md', 'home'], ['deep/nested/Glossary.md', 'g'], ['Glossary.md', 'glossary']]).answer(query)
    expect(before).toBe('deep/nested/Glossary.md')
    expect(after).not.toBe(before)
  })
})

describe('wikilinks, embeds and block ids in every format', () => {
  let site: FixtureBuild
  beforeAll(async () => {
    site = await buildFixture(vault, ['html', 'json', 'pdf', 'epub', 'thread'], {config: {site: {title: 'Vault'}}})
  }, 120_000)

  it('gives positioned messages: ambiguous and missing targets, a missing section, embed cycles', () => {
    expect(messageLines(site.result, vault).filter((line) => !line.includes('pdf-outline'))).toEqual([
      'Cycle A.md:3:1 error ![[Cycle B]] embeds notes in a cycle: Cycle A.md → Cycle B.md → Cycle A.md embed-cycle',
      'Cycle B.md:3:1 error ![[Cycle A]] embeds notes in a cycle: Cycle B.md → Cycle A.md → Cycle B.md embed-cycle',
      'Home.md:6:8 warning `Day 1` matches 2 files (talks/Day 1.md, archive/Day 1.md); linked to talks/Day 1.md: write the path to choose ambiguous-note',
      'Home.md:6:104 warning Linked note not found: [[Missing note]] missing-note',
      'Home.md:30:1 warning Embedded section `#Nowhere` not found in Glossary.md missing-heading',
      'Self.md:3:1 error ![[Self]] embeds notes in a cycle: Self.md → Self.md embed-cycle',
      'people/Profile.md:5:10 warning `Day 1` matches 2 files (talks/Day 1.md, archive/Day 1.md); linked to talks/Day 1.md: write the path to choose ambiguous-note'
    ])
    // The cycles fail only their own notes.
    expect(site.result.notes.filter((note) => !note.built).map((note) => path.basename(note.path)).sort()).toEqual(['Cycle A.md', 'Cycle B.md', 'Self.md'])
  })

  it('HTML: links to pages and headings, images with their size, embedded notes, block anchors', async () => {
    const html = await site.read('html/home.html')
    expect(await validatePage(html, 'home.html')).toEqual([])
    const page = parsePage(html)
    const body = one(page, 'div', hasClass('note-body'))
    const link = (shown: string) => select(body, 'a', (element) => text(element) === shown)[0]!
    expect(attr(link('Day 1'), 'href')).toBe('talks-day-1.html')
    expect(attr(link('the first day'), 'href')).toBe('talks-day-1.html')
    expect(attr(link('archive/Day 1'), 'href')).toBe('archive-day-1.html')
    expect(attr(link('glossary > LTS'), 'href')).toBe('glossary.html#lts')
    expect(attr(link('Local part'), 'href')).toBe('#local-part')
    expect(attr(link('a quote'), 'href')).toBe('quote.html#%5Eq1')
    expect(attr(link('alias in a table'), 'href')).toBe('talks-day-1.html')
    expect(text(one(body, 'span', hasClass('missing-link')))).toBe('Missing note')
    // Code is code.
    expect(text(body)).toContain('[[not a link]]')
    expect(text(one(body, 'pre'))).toContain('![[not an embed]]')
    const images = select(body, 'img')
    expect(images.map((image) => [attr(image, 'src'), attr(image, 'alt'), attr(image, 'width'), attr(image, 'height')]).slice(0, 2)).toEqual([
      ['assets/attachments/diagram.png', 'diagram', '300', undefined],
      ['assets/attachments/diagram.png', 'Architecture sketch', '120', '60']
    ])
    // Embeds: the section, the block, the whole note (its image and link resolved from its own folder).
    const embeds = select(body, 'div', hasClass('embed'))
    expect(embeds.map((embed) => attr(embed, 'dataEmbed'))).toEqual(['Glossary.md', 'Quote.md', 'people/Profile.md'])
    expect(text(embeds[0]!)).toContain('Long Term Support.')
    expect(text(embeds[0]!)).not.toContain('Binary interface')
    expect(text(embeds[1]!).trim()).toBe('The quotable line is this one.')
    expect(attr(one(embeds[2]!, 'img'), 'src')).toBe('assets/people/images/portrait.png')
    expect(attr(one(embeds[2]!, 'a'), 'href')).toBe('talks-day-1.html')
    expect(site.result.written).toContain('html/assets/people/images/portrait.png')
    // The embedded footnote works: its reference and its definition share an id.
    const reference = one(embeds[0]!, 'a', (element) => attr(element, 'dataFootnoteRef') !== undefined)
    expect(select(page, 'li', (item) => `#${attr(item, 'id')}` === attr(reference, 'href'))).toHaveLength(1)
    // A note embedded in a sentence is a link; another file is a link to its copy.
    expect(attr(link('Glossary'), 'href')).toBe('glossary.html')
    expect(select(body, 'a', (element) => text(element) === 'Spec.pdf').map((element) => attr(element, 'href'))).toEqual(['assets/attachments/Spec.pdf', 'assets/attachments/Spec.pdf'])
    expect(site.result.written).toContain('html/assets/attachments/Spec.pdf')
    // A block id names the list item, and a link reaches it.
    expect(attr(one(body, 'li', (item) => text(item).startsWith('second item')), 'id')).toBe('^item-two')
    expect(text(body)).not.toContain('^item-two')
    expect(text(body)).not.toMatch(/\[\[(?!not a link|not an embed|Glossary#Nowhere)/)
    // Quote.md: an id alone on the line after a table names the table.
    expect(attr(one(parsePage(await site.read('html/quote.html')), 'table'), 'id')).toBe('^table-one')
  })

  it('PDF: the embedded content prints, and no link points into the build machine', needs('chromium', 'pdftotext', 'qpdf'), async () => {
    const file = path.join(site.out, 'pdf', 'home.pdf')
    const printed = pageTexts(file).join('\n')
    for (const expected of ['glossary > LTS', 'Long Term Support.', 'The quotable line is this one.', 'Works on the first day.']) expect(printed).toContain(expected)
    expect(printed).not.toMatch(/\[\[(?!not a link|not an embed|Glossary#Nowhere)/)
    const expanded = path.join(await tempDir(), 'home.qdf.pdf')
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, expanded])
    expect((await fs.readFile(expanded)).toString('latin1')).not.toMatch(/\/URI \(file:/)
  })

  it('EPUB: valid, with the embedded content and images', needs('epubcheck'), async () => {
    const file = path.join(site.out, 'epub', 'home.epub')
    const report = await epubcheck(file)
    expect(report.messages).toEqual([])
    const epub = await openEpub(await fs.readFile(file))
    const chapters = (await Promise.all(epub.names().filter((name) => /chapter-\d+\.xhtml$/.test(name)).map((name) => epub.text(name)))).join('\n')
    expect(chapters).toContain('The quotable line is this one.')
    expect(chapters).toContain('Works on')
    expect(epub.names().some((name) => name.endsWith('portrait.png'))).toBe(true)
  })

  it('JSON: valid, with note links (titles included) and the embedded text', async () => {
    const json = JSON.parse(await site.read('json/home.json'))
    expect(validateDocument(json), describeErrors(validateDocument.errors)).toBe(true)
    const notes = json.links.filter((link: {kind: string}) => link.kind === 'note').map((link: {target: string; targetTitle: string; fragment: string | null}) => [link.target, link.targetTitle, link.fragment])
    expect(notes).toContainEqual(['glossary', 'Glossary', 'lts'])
    expect(notes).toContainEqual(['quote', 'Quote', '^q1'])
    expect(notes).toContainEqual(['archive-day-1', 'Day 1, an older one', null])
    expect(JSON.stringify(json.sections)).toContain('The quotable line is this one.')
    expect(json.assets.map((asset: {role: string; relativePath: string}) => `${asset.role} ${asset.relativePath}`)).toContain('attachment attachments/Spec.pdf')
  })

  it('threads: the link text, never the wikilink syntax', async () => {
    const draft = await site.read('thread/home.x.md')
    expect(draft).toContain('the first day')
    expect(draft).not.toMatch(/\[\[(?!not a link|not an embed|Glossary#Nowhere)/)
  })
})

describe('embeds and the build cache', () => {
  it('parses a note again when a note it embeds changes, and when a bare name gains a namesake', async () => {
    const dir = await tempDir('quire-embeds-')
    const content = path.join(dir, 'content')
    await fs.mkdir(path.join(content, 'sub'), {recursive: true})
    await fs.writeFile(path.join(content, 'host.md'), '# Host\n\n![[part]]\n\nSee [[Topic]].\n')
    await fs.writeFile(path.join(content, 'part.md'), '# Part\n\nFirst version.\n')
    await fs.writeFile(path.join(content, 'sub', 'Topic.md'), '# Topic\n\nA topic.\n')
    await fs.writeFile(path.join(content, 'other.md'), '# Other\n\nUnrelated.\n')
    const run = () => buildFixture(content, ['html'], {out: path.join(dir, 'out'), cache: path.join(dir, 'cache')})
    expect((await run()).result.errors).toBe(0)

    await fs.writeFile(path.join(content, 'part.md'), '# Part\n\nSecond version.\n')
    const changed = await run()
    // Note pages only: the collection's pages (index, sidebar, 404) are written on every build.
    expect(changed.result.written.filter((file) => /^html\/[^/]+\.html$/.test(file) && !['html/index.html', 'html/sidebar.html', 'html/404.html'].includes(file))).toEqual(['html/host.html', 'html/part.html'])
    expect(await changed.read('html/host.html')).toContain('Second version.')

    await fs.writeFile(path.join(content, 'Topic.md'), '# Topic, the new one\n\nAnother topic.\n')
    const namesake = await run()
    expect(namesake.result.written).toContain('html/host.html')
    expect(namesake.result.written).not.toContain('html/other.html')
    // The note's own folder (the content root) now has a Topic: the link goes there, as in Obsidian.
    expect(await namesake.read('html/host.html')).toContain('href="topic.html"')
    expect(messageLines(namesake.result, content)).toEqual([])
  })
})

describe('GFM conformance', () => {
  it('keeps link schemes in any case, relative URLs with colons, and shows GFM’s filtered tags as text', async () => {
    const content = await tempDir('quire-conformance-')
    await fs.writeFile(
      path.join(content, 'spec.md'),
      [
        '# Conformance',
        '',
        '<MAILTO:FOO@BAR.BAZ>, <HTTPS://example.com>, [x](HTTP://example.com), [link](foo\\)\\:), [js](JavaScript:alert(1)) and <a href=" java&#9;script:alert(1)">spaced</a>.',
        '',
        'a <title> b',
        '',
        '<div>c</div>',
        '',
        '## After the title',
        '',
        'Text.'
      ].join('\n')
    )
    const site = await buildFixture(content, ['html'])
    const page = parsePage(await site.read('html/spec.html'))
    const body = one(page, 'div', hasClass('note-body'))
    const href = (shown: string) => attr(one(body, 'a', (element) => text(element) === shown), 'href')
    expect(href('MAILTO:FOO@BAR.BAZ')).toBe('MAILTO:FOO@BAR.BAZ')
    expect(href('HTTPS://example.com')).toBe('HTTPS://example.com')
    expect(href('x')).toBe('HTTP://example.com')
    expect(href('link')).toBe('foo):')
    expect(href('js')).toBeUndefined()
    expect(href('spaced')).toBeUndefined()
    // Example 653: the filtered tag is text, the rest stays Markdown and HTML.
    expect(select(body, 'p').map(text)).toContain('a <title> b')
    expect(select(body, 'div').filter((element) => element !== body).map(text)).toEqual(['c'])
    const heading = one(body, 'h2')
    expect(attr(heading, 'id')).toBe('after-the-title')
    // The table of contents links only to ids the page has.
    const onPage = ids(page)
    for (const entry of select(one(page, 'nav', (nav) => attr(nav, 'className') === 'toc'), 'a')) expect(onPage.has(attr(entry, 'href')!.slice(1)), attr(entry, 'href')).toBe(true)
  })
})
