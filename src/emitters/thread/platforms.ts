/**
 * Each platform's own rule for how long a post is. The splitter only ever
 * asks `fits(text)`, so a rule is the whole truth about a platform.
 *
 * - X: twitter-text's weighted length (URLs 23, emoji and CJK 2, NFC).
 * - Bluesky: grapheme clusters (Intl.Segmenter), and at most 3000 UTF-8 bytes.
 * - Mastodon: code points, every http(s) URL 23 (a short URL-like text that
 *   twitter-text does not recognise also 23), `@user@domain` counts as `@user`.
 *   Mastodon itself counts grapheme clusters; code points are never fewer,
 *   so a post that fits here fits there.
 */
import twitter from 'twitter-text'

export type PlatformId = 'x' | 'bluesky' | 'mastodon'

export const platformIds: readonly PlatformId[] = ['x', 'bluesky', 'mastodon']

export interface Platform {
  readonly id: PlatformId
  readonly name: string
  readonly limit: number
  /** How the platform counts, in words (for the draft header and the JSON). */
  readonly rule: string
  /** Length of `text` by the platform's rule. */
  count(text: string): number
  /** Whether `text` can be posted as is. */
  fits(text: string): boolean
}

const graphemes = new Intl.Segmenter('en', {granularity: 'grapheme'})

export function graphemeCount(text: string): number {
  let count = 0
  for (const _ of graphemes.segment(text)) count++
  return count
}

/** Grapheme clusters of `text`, in order (used to cut a giant word). */
export function graphemeList(text: string): string[] {
  return Array.from(graphemes.segment(text), (segment) => segment.segment)
}

export function xLength(text: string): number {
  return twitter.parseTweet(text).weightedLength
}

// Mastodon's own mention pattern (app/lib/account.rb MENTION_RE), simplified to ASCII word characters for the username.
const remoteMention = /(^|[^/\p{L}\p{N}_])@([a-z0-9_]+)@[\p{L}\p{N}_.-]+[\p{L}\p{N}_]/giu

export function mastodonLength(text: string): number {
  const urls = twitter.extractUrlsWithIndices(text, {extractUrlsWithoutProtocol: false})
  let countable = ''
  let at = 0
  for (const {indices} of urls) {
    countable += text.slice(at, indices[0]) + 'x'.repeat(23)
    at = indices[1]
  }
  countable += text.slice(at)
  // Something URL-like that twitter-text does not take for a URL might still be one to Mastodon: never count it under 23.
  countable = countable.replace(/https?:\/\/\S+/giu, (url) => (url.length < 23 ? 'x'.repeat(23) : url))
  countable = countable.replace(remoteMention, (_, before: string, user: string) => `${before}@${user}`)
  return [...countable].length
}

export function createPlatform(id: PlatformId, limit: number): Platform {
  switch (id) {
    case 'x':
      return {
        id,
        name: 'X',
        limit,
        rule: 'twitter-text weighted length: URLs count 23, emoji and CJK characters count 2',
        count: xLength,
        fits: (text) => {
          const parsed = twitter.parseTweet(text)
          return parsed.weightedLength <= limit && !twitter.hasInvalidCharacters(text) && text.trim() !== ''
        }
      }
    case 'bluesky':
      return {
        id,
        name: 'Bluesky',
        limit,
        rule: 'grapheme clusters (Intl.Segmenter), at most 3000 UTF-8 bytes',
        count: graphemeCount,
        // A string never has more grapheme clusters than UTF-16 code units: segment only when it could matter.
        fits: (text) => text.trim() !== '' && (text.length <= limit || graphemeCount(text) <= limit) && Buffer.byteLength(text, 'utf8') <= 3000
      }
    case 'mastodon':
      return {
        id,
        name: 'Mastodon',
        limit,
        rule: 'characters (code points); every http(s) URL counts 23; @user@domain counts as @user',
        count: mastodonLength,
        fits: (text) => text.trim() !== '' && mastodonLength(text) <= limit
      }
  }
}
