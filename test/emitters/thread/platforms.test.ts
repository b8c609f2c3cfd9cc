import {describe, expect, it} from 'vitest'
import {createPlatform, graphemeCount, mastodonLength, xLength} from '../../../src/emitters/thread/platforms.js'

describe('thread platform counting rules', () => {
  it('X: twitter-text weights (URLs 23, emoji and CJK 2)', () => {
    expect(xLength('hello')).toBe(5)
    expect(xLength(`https://example.com/${'a'.repeat(200)}`)).toBe(23)
    expect(xLength('😀')).toBe(2)
    expect(xLength('日本')).toBe(4)
    expect(createPlatform('x', 280).fits('a'.repeat(280))).toBe(true)
    expect(createPlatform('x', 280).fits('a'.repeat(281))).toBe(false)
    expect(createPlatform('x', 280).fits('字'.repeat(141))).toBe(false)
  })

  it('Bluesky: grapheme clusters', () => {
    expect(graphemeCount('👨‍👩‍👧‍👦🇮🇪é')).toBe(3)
    const bluesky = createPlatform('bluesky', 300)
    expect(bluesky.fits('👨‍👩‍👧‍👦'.repeat(300))).toBe(false) // 300 graphemes but over 3000 UTF-8 bytes
    expect(bluesky.fits('🎉'.repeat(300))).toBe(true)
    expect(bluesky.fits('🎉'.repeat(301))).toBe(false)
  })

  it('Mastodon: code points, URLs with a protocol count 23, remote mentions count the local part', () => {
    expect(mastodonLength(`see https://example.com/${'a'.repeat(200)}`)).toBe(4 + 23)
    expect(mastodonLength('see example.com/path')).toBe('see example.com/path'.length)
    expect(mastodonLength('hi @user@mastodon.social')).toBe('hi @user'.length)
    expect(mastodonLength('😀')).toBe(1)
    const mastodon = createPlatform('mastodon', 500)
    expect(mastodon.fits('a'.repeat(500))).toBe(true)
    expect(mastodon.fits('a'.repeat(501))).toBe(false)
    expect(createPlatform('mastodon', 1000).fits('a'.repeat(1000))).toBe(true)
  })

  it('refuses empty posts', () => {
    for (const id of ['x', 'bluesky', 'mastodon'] as const) expect(createPlatform(id, 100).fits('  ')).toBe(false)
  })
})
