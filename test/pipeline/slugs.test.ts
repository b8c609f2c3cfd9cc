import {describe, expect, it} from 'vitest'
import {assignSlugs, slugFor} from '../../src/notes.js'

describe('output names', () => {
  it.each([
    ['nodeconfeu-2022.md', 'nodeconfeu-2022'],
    ['Talks/Day 1.md', 'talks-day-1'],
    ['../../x.md', 'x'],
    ['/etc/x.md', 'etc-x'],
    ['a\0b.md', 'ab'],
    ['Über Café.markdown', 'ueber-cafe']
  ])('%j → %s', (input, slug) => {
    expect(slugFor(input)).toBe(slug)
  })

  it('names notes whose names have no Latin letters after a hash of the path, so they do not collide', () => {
    expect(slugFor('漢字.md')).toMatch(/^note-[0-9a-f]{8}$/)
    expect(slugFor('...md')).toMatch(/^note-[0-9a-f]{8}$/)
    expect(slugFor('漢字.md')).not.toBe(slugFor('日本語.md'))
    expect(slugFor('漢字.md')).toBe(slugFor('漢字.md'))
  })

  it('caps very long names at 80 characters without a trailing dash', () => {
    const slug = slugFor('word-'.repeat(100) + '.md')
    expect(slug.length).toBeLessThanOrEqual(80)
    expect(slug.endsWith('-')).toBe(false)
  })

  it('reports collisions and keeps the first note by path', () => {
    const {notes, problems} = assignSlugs('/c', ['/c/Same Name.md', '/c/same-name.md', '/c/index.md'])
    expect(notes.map((note) => note.slug)).toEqual(['same-name', 'index-note'])
    expect(problems.map((problem) => [problem.relativePath, problem.ruleId, problem.fatal])).toEqual([
      ['same-name.md', 'slug-collision', true],
      ['index.md', 'slug-reserved', false]
    ])
  })
})
