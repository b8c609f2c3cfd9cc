/** What the per-note files say, checked on the sample content and the json fixtures. */
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {JsonDocument, JsonHeading, JsonIndex, JsonSection} from '../../../src/emitters/json/shape.js'
import {buildFixture, fixturesDir, sampleContent} from '../../helpers/build.js'
import {buildJson, type JsonBuild} from './read.js'
import {describeErrors, validateIndex} from './validate.js'

const texts = (headings: readonly {text: string}[]) => headings.map((heading) => heading.text)
const titles = (sections: readonly JsonSection[]) => sections.map((section) => section.title)

function findSection(sections: readonly JsonSection[], title: string): JsonSection {
  const search = (list: readonly JsonSection[]): JsonSection | undefined => {
    for (const section of list) {
      const found = section.title === title ? section : search(section.children)
      if (found) return found
    }
    return undefined
  }
  const found = search(sections)
  if (!found) throw new Error(`No section titled ${JSON.stringify(title)}`)
  return found
}

function allIds(headings: readonly JsonHeading[]): string[] {
  return headings.flatMap((heading) => [heading.id, ...allIds(heading.children)])
}

describe('sample content', () => {
  let built: JsonBuild
  let talks: JsonDocument
  let reading: JsonDocument
  let glossary: JsonDocument
  beforeAll(async () => {
    built = await buildJson(sampleContent)
    talks = built.note('nodeconfeu-2022')
    reading = built.note('reading-list')
    glossary = built.note('glossary')
  })

  describe('nodeconfeu-2022: the full heading tree', () => {
    it('has the three days at the top, after the summaries heading', () => {
      expect(talks.meta.title).toBe('nodeconfeu2022-notes')
      expect(talks.meta.titleSource).toBe('heading')
      expect(texts(talks.headings)).toEqual(['My Twitter Summaries:', 'day 1', 'day 2', 'Day 3'])
      expect(talks.headings.slice(1).map((day) => day.depth)).toEqual([1, 1, 1])
      expect(talks.headings.slice(1).map((day) => day.id)).toEqual(['day-1', 'day-2', 'day-3'])
    })

    it('has every talk under its day, in order', () => {
      const [, day1, day2, day3] = talks.headings
      expect(texts(day1!.children)).toEqual([
        'Liz Parody - new features in Node.js',
        'Cody zuschlang - Modern fullstack',
        'Robin Ricard - Record and Tuple (immutable data structures) - @r_ricard',
        'James Snell - AbortController @jasnell',
        'Jean Burellier - Heavy computation in Node.js using Rust @shepsheplu',
        'Matteo Collina - I would never use an ORM',
        'Michere Riva - Lyra',
        'Liran Tal'
      ])
      expect(day2!.children).toHaveLength(8)
      expect(day2!.children[0]!.text).toBe('Ethan Arrowood @ArrowoodTech - Making fetch happen')
      expect(day2!.children[2]!.text).toBe('Danielle Adams - life and times of a Node.js release - @adamzdanielle (AWS Amplify)')
      expect(day2!.children[7]!.text).toBe('tensorflow.js workshop')
      expect(day3!.children).toHaveLength(8)
      expect(day3!.children[0]!.text).toBe('Gil Tayar - Types proposal to ES (TC39) @giltayar')
      expect(day3!.children[6]!.text).toBe('Kassian Wren - Augmenting Node.js with WebAssembly @nodebotanist')
      expect(day3!.children.at(-1)!.text).toBe('Big themes')
      for (const day of [day1, day2, day3]) {
        for (const talk of day!.children) {
          expect(talk.depth).toBe(2)
          expect(talk.children).toEqual([])
        }
      }
    })

    it('does not take a `#` comment inside a code block for a heading', () => {
      expect(allIds(talks.headings)).not.toContain('needs-more-deps-to-support-dbs')
      const matteo = findSection(talks.sections, 'Matteo Collina - I would never use an ORM')
      expect(matteo.codeBlocks[0]!.value).toContain('# needs more deps to support dbs')
    })

    it('mirrors the heading tree in the section tree, with a preamble first', () => {
      expect(titles(talks.sections)).toEqual(['nodeconfeu2022-notes', 'day 1', 'day 2', 'Day 3'])
      const [preamble, ...days] = talks.sections
      expect(preamble).toMatchObject({id: null, depth: 0, line: null, paragraphs: ['My notes from NodeConfEU 2022']})
      expect(titles(preamble!.children)).toEqual(['My Twitter Summaries:'])
      days.forEach((day, index) => {
        const heading = talks.headings[index + 1]!
        expect(day.id).toBe(heading.id)
        expect(day.children.map((talk) => talk.id)).toEqual(heading.children.map((talk) => talk.id))
      })
      const liz = days[0]!.children[0]!
      expect(liz.lists[0]!.items[0]).toMatchObject({text: 'built in test runner', checked: null})
      expect(texts(liz.lists[0]!.items[0]!.lists[0]!.items)).toContain('node:test + node:assert')
    })

    it('counts its links as external ones', () => {
      expect(talks.links.filter((link) => link.kind === 'external').length).toBe(talks.links.length)
      expect(talks.links[0]).toEqual({
        url: 'https://twitter.com/loige/status/1577203372737929218',
        text: 'Day 1',
        kind: 'external',
        target: null,
        targetTitle: null,
        fragment: null,
        line: 7,
        column: 3
      })
    })
  })

  describe('reading-list', () => {
    it('keeps the front matter, unknown keys in extra', () => {
      expect(reading.meta).toEqual({
        title: 'Reading list for the Node.js release team',
        titleSource: 'front-matter',
        subtitle: 'What to read before your first release shift',
        authors: ['Ada Lovelace', 'Grace Hopper'],
        date: '2022-10-10',
        lang: 'en',
        order: null,
        tags: ['nodejs', 'releases', 'reading'],
        description: 'Papers, docs and talks worth reading before helping with a Node.js release.',
        cover: null,
        extra: {reviewed_by: 'Linus'}
      })
    })

    it('gives the task list its checked states', () => {
      const progress = findSection(reading.sections, 'Progress')
      expect(progress.lists).toHaveLength(1)
      expect(progress.lists[0]!.items.map((item) => [item.text, item.checked])).toEqual([
        ['Read the release guide', true],
        ['Shadow a release', true],
        ['Cut a release with a mentor', false],
        ['Cut a release alone', false]
      ])
    })

    it('keeps the ordered list starting at 3', () => {
      const steps = findSection(reading.sections, 'Steps, continued')
      expect(steps.lists).toEqual([
        {
          ordered: true,
          start: 3,
          spread: false,
          line: 37,
          items: [
            {text: 'Tag the commit', checked: null, lists: []},
            {text: 'Build the binaries', checked: null, lists: []},
            {text: 'Announce it', checked: null, lists: []}
          ]
        }
      ])
    })

    it('keeps the table with its column alignment', () => {
      const table = findSection(reading.sections, 'Release lines').tables[0]!
      expect(table.align).toEqual(['left', 'center', 'right'])
      expect(table.header).toEqual(['Line', 'Status', 'Ends'])
      expect(table.rows[1]).toEqual(['Active LTS', 'stable', '18 months'])
    })

    it('lists the footnote once, for the whole note', () => {
      expect(reading.footnotes).toEqual([{id: 'announce', label: 'announce', text: 'On the blog and on social media, in that order.', line: 41}])
      expect(findSection(reading.sections, 'Steps, continued').paragraphs).toEqual([])
    })

    it('lists the local image by its content-relative path only', () => {
      expect(reading.assets).toEqual([
        {url: 'images/checker.png', role: 'image', remote: false, relativePath: 'images/checker.png', mediaType: 'image/png', line: 52, column: 1}
      ])
    })
  })

  it('gives code blocks their languages', () => {
    expect(findSection(reading.sections, 'A script that helps').codeBlocks).toMatchObject([
      {lang: 'js', meta: null, value: expect.stringContaining("import {execFileSync} from 'node:child_process'")}
    ])
    expect(findSection(glossary.sections, 'ABI').codeBlocks.map((block) => block.lang)).toEqual(['rust'])
    const talkLanguages = new Set(talks.sections.flatMap(function collect(section): (string | null)[] {
      return [...section.codeBlocks.map((block) => block.lang), ...section.children.flatMap(collect)]
    }))
    expect(talkLanguages.size).toBeGreaterThan(0)
    expect(reading.stats.codeBlocks).toBe(1)
  })

  it('resolves every note link to the slug of a note that was written, and its fragment to a heading there', () => {
    const slugs = built.index.notes.map((entry) => entry.slug)
    const noteLinks = [talks, reading, glossary].flatMap((doc) => doc.links.filter((link) => link.kind === 'note'))
    expect(noteLinks.length).toBeGreaterThanOrEqual(5)
    for (const link of noteLinks) {
      expect(slugs).toContain(link.target)
      const target = built.note(link.target!)
      if (link.fragment !== null) expect(allIds(target.headings), link.url).toContain(link.fragment)
    }
    expect(reading.links.map((link) => [link.kind, link.target, link.fragment])).toEqual([
      ['note', 'nodeconfeu-2022', 'day-2'],
      ['note', 'nodeconfeu-2022', 'danielle-adams---life-and-times-of-a-nodejs-release---adamzdanielle-aws-amplify'],
      ['note', 'glossary', null]
    ])
    expect(glossary.links.find((link) => link.kind === 'internal')).toMatchObject({url: '#slowloris', fragment: 'slowloris', target: null})
  })

  it('writes an index, newest first, with paths to each format', () => {
    expect(built.index.site).toEqual({title: 'Notes', url: null, description: null, lang: 'en'})
    expect(built.index.notes.map((entry) => [entry.slug, entry.date])).toEqual([
      ['glossary', '2022-10-12'],
      ['reading-list', '2022-10-10'],
      ['nodeconfeu-2022', null]
    ])
    const entry = built.index.notes[1]!
    expect(entry).toEqual({
      slug: 'reading-list',
      source: 'reading-list.md',
      title: 'Reading list for the Node.js release team',
      subtitle: 'What to read before your first release shift',
      date: '2022-10-10',
      description: 'Papers, docs and talks worth reading before helping with a Node.js release.',
      authors: ['Ada Lovelace', 'Grace Hopper'],
      lang: 'en',
      tags: ['nodejs', 'releases', 'reading'],
      words: reading.stats.words,
      readingMinutes: reading.stats.readingMinutes,
      html: 'html/reading-list.html',
      url: null,
      json: 'json/reading-list.json'
    })
    expect(built.index.notes[2]!.readingMinutes).toBe(talks.stats.readingMinutes)
    expect(talks.stats.readingMinutes).toBeGreaterThan(10)
  })
})

describe('test/fixtures/json', () => {
  let built: JsonBuild
  beforeAll(async () => {
    built = await buildJson(path.join(fixturesDir, 'json'))
  })

  it('takes the site from the config', async () => {
    const configured = await buildFixture(path.join(fixturesDir, 'json'), ['json'], {
      config: {site: {title: 'Fixture notes', url: 'https://notes.example/', description: 'For tests'}}
    })
    const index = JSON.parse(await configured.read('json/index.json')) as JsonIndex
    expect(index.site).toEqual({title: 'Fixture notes', url: 'https://notes.example', description: 'For tests', lang: 'en'})
    expect(index.notes.map((entry) => entry.url).sort()).toEqual([
      'https://notes.example/edge.html',
      'https://notes.example/empty.html',
      'https://notes.example/talks-deep.html'
    ])
    expect(validateIndex(index), describeErrors(validateIndex.errors)).toBe(true)
  })

  it('nests lists of mixed kinds, with task states deep inside', () => {
    const edge = built.note('edge')
    expect(edge.meta.titleSource).toBe('file-name')
    expect(edge.headings).toEqual([])
    const [preamble] = edge.sections
    expect(preamble!.lists).toHaveLength(2)
    const [numbered, loose] = preamble!.lists
    expect(numbered).toMatchObject({ordered: true, start: 1, spread: false})
    const nested = numbered!.items[1]!.lists[0]!
    expect(nested).toMatchObject({ordered: false, start: null})
    expect(nested.items.map((item) => item.checked)).toEqual([false, true])
    expect(nested.items[1]!.lists[0]).toMatchObject({ordered: true, start: 1, items: [{text: 'deep', checked: null, lists: []}]})
    expect(loose).toMatchObject({ordered: false, spread: true})
    expect(preamble!.paragraphs).toEqual(['Intro paragraph with a remote link and an\nremote picture.', 'A quoted paragraph.', 'spaced'])
  })

  it('splits the info string into language and meta', () => {
    expect(built.note('edge').sections[0]!.codeBlocks.map((block) => [block.lang, block.meta, block.value])).toEqual([
      ['ts', 'title="a.ts"', 'const a = 1'],
      [null, null, 'plain']
    ])
  })

  it('lists remote images without a path and local ones relative to the content folder', () => {
    expect(built.note('edge').assets).toEqual([
      {url: 'https://example.com/r.png', role: 'image', remote: true, relativePath: null, mediaType: 'image/png', line: 2, column: 1},
      {url: 'images/spaced%20name.png', role: 'image', remote: false, relativePath: 'images/spaced name.png', mediaType: 'image/png', line: 24, column: 1}
    ])
    expect(built.note('talks-deep').assets.map((asset) => [asset.role, asset.url, asset.relativePath])).toEqual([
      ['image', '../images/cover.png', 'images/cover.png'],
      ['cover', '../images/cover.png', 'images/cover.png']
    ])
  })

  it('keeps nested front matter in extra, as plain JSON, and the source path of a note in a folder', () => {
    const deep = built.note('talks-deep')
    expect(deep.source).toBe('talks/deep.md')
    expect(deep.meta).toMatchObject({
      title: 'Ünïcode “quotes” & <angles>',
      date: '2023-01-02T10:30:00Z',
      tags: ['a', '2023'],
      authors: ['Solo Writer'],
      cover: '../images/cover.png',
      extra: {series: {name: 'Deep dives', part: 2, published: true}, empty_value: null, ratio: null}
    })
    // A key named `__proto__` is data like any other, not a prototype.
    expect(Object.keys(deep.meta.extra)).toEqual(['series', 'empty_value', 'ratio', '__proto__'])
    expect(built.files.get('json/talks-deep.json')).toContain('"__proto__": {\n        "polluted": true\n      }')
  })

  it('puts headings above the first top-level one into the preamble, with unique ids', () => {
    const deep = built.note('talks-deep')
    expect(deep.headings.map((heading) => [heading.id, heading.depth])).toEqual([
      ['before-the-first-top-heading', 3],
      ['part', 2],
      ['part-1', 2]
    ])
    expect(deep.sections.map((section) => [section.id, section.depth])).toEqual([
      [null, 0],
      ['part', 2],
      ['part-1', 2]
    ])
    expect(deep.sections[0]!.children.map((section) => section.id)).toEqual(['before-the-first-top-heading'])
    expect(deep.sections[2]!.lists[0]).toMatchObject({ordered: true, start: 0})
    expect(deep.links.map((link) => [link.kind, link.target, link.fragment])).toEqual([
      ['note', 'edge', 'frag'],
      ['internal', null, 'part-1'],
      ['internal', null, 'part']
    ])
  })

  it('writes an empty note as empty trees', () => {
    const empty = built.note('empty')
    expect(empty).toMatchObject({headings: [], sections: [], links: [], assets: [], footnotes: [], stats: {words: 0, readingMinutes: 0}})
    expect(empty.meta.title).toBe('empty')
  })
})
