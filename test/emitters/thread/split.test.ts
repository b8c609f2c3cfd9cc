import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {numberedThread} from '../../../src/emitters/thread/number.js'
import {createPlatform, type PlatformId} from '../../../src/emitters/thread/platforms.js'
import {ellipsis, packLines, tokenize} from '../../../src/emitters/thread/split.js'
import {squash, withinLimit} from './rules.js'

const words = fc.oneof(
  {weight: 6, arbitrary: fc.constantFrom('node', 'stream', 'the', 'a', 'backpressure', 'Fastify', 'undici', 'is', 'fast.', 'Why?', 'yes!', '(opt-in)', 'x')},
  {weight: 2, arbitrary: fc.constantFrom('🎉', '👨‍👩‍👧‍👦', '🇮🇪', '👋🏽', 'café', 'naïve')},
  {weight: 2, arbitrary: fc.constantFrom('日本語の文章です。', '流是一种方法', 'ストリーム', '메모리를', '漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字')},
  {weight: 1, arbitrary: fc.constantFrom('@jasnell', '@mcollina', '@user@mastodon.social', '#NodeJS', '#AVeryLongHashtagThatMustStayWhole')},
  {weight: 1, arbitrary: fc.webUrl({withQueryParameters: true, withFragments: true}).filter((url) => url.length < 120 && !/\s/u.test(url))},
  {weight: 1, arbitrary: fc.string({minLength: 1, maxLength: 400, unit: fc.constantFrom('a', 'b', 'é', '字', '😀')}).map((word) => word.replace(/\s/gu, ''))}
)
const paragraph = fc.array(words, {minLength: 1, maxLength: 120}).map((list) => list.join(' '))
const platformArb = fc.constantFrom<PlatformId>('x', 'bluesky', 'mastodon')

describe('thread splitter (property)', () => {
  it('never exceeds the limit, never writes an empty post and never loses a word', () => {
    fc.assert(
      fc.property(fc.array(paragraph, {minLength: 1, maxLength: 4}), platformArb, fc.integer({min: 60, max: 500}), (paragraphs, id, wanted) => {
        const limit = Math.min(wanted, id === 'x' ? 280 : id === 'bluesky' ? 300 : 500)
        const platform = createPlatform(id, limit)
        const {posts} = packLines(paragraphs.map((text, index) => ({text, prefix: index % 2 ? '- ' : '', sep: '\n'})), platform.fits)
        expect(posts.length).toBeGreaterThan(0)
        for (const post of posts) {
          expect(post.replaceAll(ellipsis, '').trim()).not.toBe('')
          expect(withinLimit(id, post, limit), `${id} ${limit}: ${post}`).toBe(true)
        }
        expect(squash(posts.join('\n'))).toBe(squash(paragraphs.join('\n')))
      }),
      {numRuns: 300, seed: 20221006}
    )
  })

  it('keeps URLs, mentions and hashtags whole whenever they fit in a post', () => {
    fc.assert(
      fc.property(paragraph, platformArb, (text, id) => {
        const platform = createPlatform(id, id === 'x' ? 280 : id === 'bluesky' ? 300 : 500)
        const {posts, cut} = packLines([{text}], platform.fits)
        expect(cut).toEqual([])
        for (const token of text.split(' ').filter((word) => /^[@#]|^https?:/u.test(word))) {
          expect(posts.some((post) => post.split(/\s+/u).map((part) => part.replaceAll(ellipsis, '')).includes(token)), token).toBe(true)
        }
      }),
      {numRuns: 300, seed: 7}
    )
  })

  it('numbers threads 1/n … n/n and stays within the limit with the numbers counted', () => {
    fc.assert(
      fc.property(fc.array(paragraph, {minLength: 1, maxLength: 30}), fc.constantFrom('suffix', 'prefix') as fc.Arbitrary<'suffix' | 'prefix'>, (paragraphs, style) => {
        const platform = createPlatform('x', 120)
        const {posts} = numberedThread(paragraphs.map((text) => ({lines: [{text}]})), platform.fits, style)
        posts.forEach((post, index) => {
          const label = `${index + 1}/${posts.length}`
          expect(style === 'suffix' ? post.endsWith(`\n\n${label}`) : post.startsWith(`${label} `), post).toBe(true)
          expect(withinLimit('x', post, 120), post).toBe(true)
        })
      }),
      {numRuns: 100, seed: 42}
    )
  })
})

describe('thread splitter (examples)', () => {
  const x = createPlatform('x', 280)

  it('breaks at line boundaries before sentence boundaries', () => {
    const line = 'word '.repeat(40).trim()
    const {posts} = packLines([{text: line}, {text: line, sep: '\n'}], x.fits)
    expect(posts).toEqual([line, line])
  })

  it('breaks at a sentence boundary before a word boundary, with no ellipsis there', () => {
    const sentence = `${'word '.repeat(20).trim()}.`
    const {posts} = packLines([{text: `${sentence} ${sentence} ${sentence}`}], x.fits)
    expect(posts).toEqual([`${sentence} ${sentence}`, sentence])
  })

  it('ends an over-long sentence with an ellipsis and continues it in the next post', () => {
    const text = 'word '.repeat(100).trim()
    const {posts} = packLines([{text}], x.fits)
    expect(posts).toHaveLength(2)
    expect(posts[0]!.endsWith(' word…')).toBe(true)
    expect(posts[1]!.startsWith('…word')).toBe(true)
  })

  it('starts a line longer than a whole post on a fresh post', () => {
    const long = 'word '.repeat(80).trim()
    const {posts} = packLines([{text: 'intro'}, {text: long, sep: '\n'}], x.fits)
    expect(posts[0]).toBe('intro')
    expect(posts[1]!.startsWith('word word')).toBe(true)
  })

  it('cuts a word longer than a post only as a last resort', () => {
    const giant = 'a'.repeat(700)
    const {posts, cut} = packLines([{text: `short ${giant} end`}], x.fits)
    expect(cut).toEqual([])
    expect(posts[0]).toBe('short…')
    expect(posts.every((post) => x.fits(post))).toBe(true)
    expect(squash(posts.join(''))).toBe(squash(`short ${giant} end`))
  })

  it('numbers with the count of posts the numbering itself causes (9 → 10 posts)', () => {
    const platform = createPlatform('x', 40)
    // Nine lines that each fill a post exactly when numbering takes one digit each side.
    const text = 'a'.repeat(40 - '\n\n9/9'.length)
    const blocks = Array.from({length: 10}, () => ({lines: [{text}]}))
    const {posts} = numberedThread(blocks, platform.fits, 'suffix')
    expect(posts.length).toBeGreaterThan(10)
    expect(posts.at(-1)!.endsWith(`\n\n${posts.length}/${posts.length}`)).toBe(true)
    expect(posts.every((post) => platform.fits(post))).toBe(true)
  })

  it('moves a parent bullet to the next post rather than leave it last without its children', () => {
    const filler = {prefix: '- ', text: 'f'.repeat(200)}
    const parent = {prefix: '- ', text: 'Downsides:', keepWithNext: true}
    const child = {prefix: '  - ', text: 'c'.repeat(70)}
    const {posts} = packLines([filler, parent, child], x.fits)
    expect(posts).toEqual([`- ${'f'.repeat(200)}`, `- Downsides:\n  - ${'c'.repeat(70)}`])
    const {posts: loose} = packLines([filler, {...parent, keepWithNext: false}, child], x.fits)
    expect(loose).toEqual([`- ${'f'.repeat(200)}\n- Downsides:`, `  - ${'c'.repeat(70)}`])
  })

  it('splits text written without spaces at word boundaries', () => {
    const tokens = tokenize('日本語の文章です。次の文')
    expect(tokens.length).toBeGreaterThan(2)
    expect(tokens.map((token) => token.text).join('')).toBe('日本語の文章です。次の文')
    expect(tokens.find((token) => token.text === '。')?.end).toBe(true)
  })
})
