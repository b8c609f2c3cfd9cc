import {beforeAll, describe, expect, it} from 'vitest'
import {sampleContent} from '../helpers/build.js'
import {byName, parseFolder} from '../helpers/probe.js'
import type {QuireDocument} from '../../src/model.js'

let sample: QuireDocument
let reading: QuireDocument
let documents: QuireDocument[]

beforeAll(async () => {
  ;({documents} = await parseFolder(sampleContent))
  sample = byName(documents, 'nodeconfeu-2022.md')
  reading = byName(documents, 'reading-list.md')
})

describe('the bundled sample', () => {
  it('takes its title from the first # heading and lifts it out of the body', () => {
    expect(sample.meta.title).toBe('nodeconfeu2022-notes')
    expect(sample.meta.titleSource).toBe('heading')
    expect(sample.headings.map((heading) => heading.text)).not.toContain('nodeconfeu2022-notes')
    expect(sample.meta.lang).toBe('en')
  })

  it('has the full heading tree: three days, every talk', () => {
    const days = sample.headings.filter((heading) => heading.depth === 1)
    expect(days.map((day) => day.text)).toEqual(['day 1', 'day 2', 'Day 3'])
    expect(days.map((day) => day.children.length)).toEqual([8, 8, 8])
    expect(days[0]!.children[3]!.text).toBe('James Snell - AbortController @jasnell')
    expect(days[2]!.children.at(-1)!.text).toBe('Big themes')
    // The `# needs more deps` line sits in a code block: not a heading.
    expect(JSON.stringify(sample.headings)).not.toContain('needs more deps')
  })

  it('gives unique heading ids that are in the hast', () => {
    const ids: string[] = []
    const walk = (list: QuireDocument['headings']) => list.forEach((heading) => (ids.push(heading.id), walk(heading.children)))
    walk(sample.headings)
    expect(new Set(ids).size).toBe(ids.length)
    const hastIds = new Set<string>()
    const visit = (node: unknown) => {
      const element = node as {properties?: {id?: unknown}; children?: unknown[]}
      if (typeof element.properties?.id === 'string') hastIds.add(element.properties.id)
      element.children?.forEach(visit)
    }
    visit(sample.hast)
    for (const id of ids) expect(hastIds.has(id), id).toBe(true)
  })

  it('splits sections at the days, with the intro as preamble', () => {
    expect(sample.sections.map((section) => [section.depth, section.title, section.children.length])).toEqual([
      [0, 'nodeconfeu2022-notes', 1],
      [1, 'day 1', 8],
      [1, 'day 2', 8],
      [1, 'Day 3', 8]
    ])
    const snell = sample.sections[1]!.children[3]!
    expect(snell.text).toContain('Cloneable AbortSignal')
    expect(snell.text.split('\n').length).toBeGreaterThan(5)
  })

  it('counts words and reading time', () => {
    expect(sample.stats.words).toBeGreaterThan(4000)
    expect(sample.stats.readingMinutes).toBe(Math.round(sample.stats.words / 200))
    expect(sample.stats.codeBlocks).toBe(8)
  })

  it('is frozen: emitters cannot change it', () => {
    expect(Object.isFrozen(sample)).toBe(true)
    expect(Object.isFrozen(sample.hast.children[0])).toBe(true)
    expect(() => {
      ;(sample.meta as {title: string}).title = 'x'
    }).toThrow(TypeError)
  })
})

describe('front matter and GFM', () => {
  it('reads every known key and keeps unknown ones', () => {
    expect(reading.meta).toMatchObject({
      title: 'Reading list for the Node.js release team',
      titleSource: 'front-matter',
      subtitle: 'What to read before your first release shift',
      authors: ['Ada Lovelace', 'Grace Hopper'],
      date: '2022-10-10',
      tags: ['nodejs', 'releases', 'reading'],
      extra: {reviewed_by: 'Linus'}
    })
    // The heading repeating the title is not kept twice.
    expect(reading.headings.map((heading) => heading.text)).not.toContain(reading.meta.title)
  })

  it('resolves the local image inside the content folder', () => {
    expect(reading.assets).toHaveLength(1)
    expect(reading.assets[0]).toMatchObject({url: 'images/checker.png', relativePath: 'images/checker.png', mediaType: 'image/png', remote: false})
    expect(JSON.stringify(reading.hast)).toContain('"src":"assets/images/checker.png"')
  })

  it('rewrites links between notes to the target page', () => {
    const note = reading.links.filter((link) => link.kind === 'note')
    expect(note.map((link) => [link.target, link.fragment ?? null])).toEqual([
      ['nodeconfeu-2022', 'day-2'],
      ['nodeconfeu-2022', 'danielle-adams---life-and-times-of-a-nodejs-release---adamzdanielle-aws-amplify'],
      ['glossary', null]
    ])
    expect(JSON.stringify(reading.hast)).toContain('"href":"nodeconfeu-2022.html#day-2"')
  })

  it('highlights fenced code that names its language', () => {
    expect(JSON.stringify(reading.hast)).toMatch(/"className":\["hljs-keyword"\]/)
  })
})

describe('summary', () => {
  it('is the description, else the first paragraph', () => {
    expect(sample.summary).toBe('My notes from NodeConfEU 2022')
    expect(reading.summary).toBe(reading.meta.description)
  })
})
