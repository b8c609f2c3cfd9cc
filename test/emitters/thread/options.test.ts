import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseThreadOptions} from '../../../src/emitters/thread/options.js'
import {buildFixture, fixturesDir, sampleContent} from '../../helpers/build.js'
import {withinLimit} from './rules.js'

interface JsonThreads {
  threads: {id: string; kind: string; title: string; posts: Record<string, {text: string; length: number; limit: number}[]>}[]
}

describe('thread options', () => {
  it('has documented defaults', () => {
    expect(parseThreadOptions(undefined)).toEqual({
      split: 'section',
      platforms: ['x', 'bluesky', 'mastodon'],
      hashtags: true,
      maxHashtags: 3,
      numbering: 'suffix',
      points: 'fit',
      code: 'summary',
      x: {limit: 280},
      bluesky: {limit: 300},
      mastodon: {limit: 500}
    })
  })

  it('names the key of a bad option', () => {
    expect(() => parseThreadOptions({mastodon: {limit: 10}})).toThrow(/`mastodon\.limit`/u)
    expect(() => parseThreadOptions({split: 'day'})).toThrow(/`split`/u)
    expect(() => parseThreadOptions({platform: ['x']})).toThrow(/unknown option `platform`/u)
    expect(() => parseThreadOptions({x: {limit: 281}})).toThrow(/`x\.limit`/u)
  })

  it('reports a bad option as a config error naming the format and the key', async () => {
    await expect(buildFixture(sampleContent, ['thread'], {config: {thread: {mastodon: {limit: 'big'}}}})).rejects.toThrow(/`thread`: `mastodon\.limit`/u)
  })

  it('split: note writes only the summary thread; platforms limits the drafts', async () => {
    const build = await buildFixture(sampleContent, ['thread'], {config: {thread: {split: 'note', platforms: ['bluesky']}}})
    const json = JSON.parse(await build.read('thread/nodeconfeu-2022.json')) as JsonThreads
    expect(json.threads.map((thread) => thread.kind)).toEqual(['summary'])
    expect(Object.keys(json.threads[0]!.posts)).toEqual(['bluesky'])
    expect(build.result.written.filter((file) => file.startsWith('thread/nodeconfeu-2022'))).toEqual(['thread/nodeconfeu-2022.bluesky.md', 'thread/nodeconfeu-2022.json'])
  })

  it('points: fit is the default (one post per talk); points: all keeps every point over more posts', async () => {
    const day1 = async (thread: object) => {
      const build = await buildFixture(sampleContent, ['thread'], {config: {thread: {platforms: ['x'], ...thread}}})
      const json = JSON.parse(await build.read('thread/nodeconfeu-2022.json')) as JsonThreads
      return json.threads.find((entry) => entry.id === 'day-1')!.posts.x!.map((post) => post.text)
    }
    const fit = await day1({})
    expect(await day1({points: 'fit'})).toEqual(fit)
    // The hook, then one post per talk of day 1 with notes (8 talks, "Liran Tal" has none).
    expect(fit).toHaveLength(1 + 7)
    expect(fit[1]).toBe('Liz Parody - new features in Node.js\n\n- built in test runner\n- Watch\n- Stream accessors\n- Argument parsers\n- Undici\n\nPacman mouth principle: leave room for people to join a grouo conversation (tierny)\n\n2/8')
    const all = await day1({points: 'all'})
    expect(all.length).toBeGreaterThan(40)
    expect(all.join('\n')).toContain('  - suggested external libs (proxyquire, esmock, sinon)')
    for (const post of [...fit, ...all]) expect(withinLimit('x', post)).toBe(true)
  })

  it('numbering: prefix and none', async () => {
    const prefix = await buildFixture(sampleContent, ['thread'], {config: {thread: {numbering: 'prefix', platforms: ['mastodon']}}})
    const posts = (JSON.parse(await prefix.read('thread/nodeconfeu-2022.json')) as JsonThreads).threads[0]!.posts.mastodon!
    posts.forEach((post, index) => expect(post.text.startsWith(`${index + 1}/${posts.length} `)).toBe(true))
    const none = await buildFixture(sampleContent, ['thread'], {config: {thread: {numbering: 'none', platforms: ['mastodon']}}})
    const plain = (JSON.parse(await none.read('thread/nodeconfeu-2022.json')) as JsonThreads).threads[0]!.posts.mastodon!
    expect(plain.some((post) => /\d+\/\d+/u.test(post.text))).toBe(false)
    expect(plain[0]!.text.startsWith('nodeconfeu2022-notes: day 1')).toBe(true)
  })

  it('hashtags: from tags by default (CamelCase, at most maxHashtags), an explicit list, or none', async () => {
    const content = path.join(fixturesDir, 'thread', 'edge')
    const fromTags = await buildFixture(content, ['thread'], {config: {thread: {platforms: ['x']}}})
    const first = (await fromTags.read('thread/mentions.x.md')).split('\n')
    // tags: [Node.js, web performance, "2022", open-source]: "2022" has no letter; three at most.
    expect(first).toContain('#NodeJs #WebPerformance #OpenSource')
    const explicit = await buildFixture(content, ['thread'], {config: {thread: {platforms: ['x'], hashtags: ['#nodeconf eu', 'streams'], maxHashtags: 1}}})
    expect((await explicit.read('thread/mentions.x.md')).split('\n')).toContain('#NodeconfEu')
    const off = await buildFixture(content, ['thread'], {config: {thread: {platforms: ['x'], hashtags: false}}})
    expect(await off.read('thread/mentions.x.md')).not.toMatch(/^#NodeJs/mu)
  })

  it('mastodon.limit and x.limit change the limit every post keeps', async () => {
    for (const [points, least] of [
      ['fit', 25],
      ['all', 200]
    ] as const) {
      const build = await buildFixture(sampleContent, ['thread'], {config: {thread: {points, platforms: ['mastodon', 'x'], mastodon: {limit: 120}, x: {limit: 100}}}})
      const json = JSON.parse(await build.read('thread/nodeconfeu-2022.json')) as JsonThreads
      let count = 0
      for (const thread of json.threads) {
        for (const post of thread.posts.mastodon!) {
          expect(post.limit).toBe(120)
          expect(withinLimit('mastodon', post.text, 120), post.text).toBe(true)
          count++
        }
        for (const post of thread.posts.x!) expect(withinLimit('x', post.text, 100), post.text).toBe(true)
      }
      expect(count, points).toBeGreaterThan(least)
    }
  })
})
