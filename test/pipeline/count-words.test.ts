/**
 * Word counts: the fast path for plain Latin lines must count what
 * Intl.Segmenter counts, on any line it accepts.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {countWords} from '../../src/pipeline/stats.js'

function segmenterCount(text: string, lang: string): number {
  const segmenter = new Intl.Segmenter(lang, {granularity: 'word'})
  let count = 0
  for (const line of text.split('\n')) for (const segment of segmenter.segment(line)) if (segment.isWordLike) count++
  return count
}

describe('countWords', () => {
  it('counts as Intl.Segmenter does, for Latin text with punctuation, numbers and symbols', () => {
    const pieces = ['node', 'test', 'Über', 'café', 'x2', '42', '3.14', '1,000', '1;2', '7,', ',8', 'built-in', "don't", 'foo_bar', 'node:test', 'a/b', '(see)', '"quoted"', '[link]', '*', '+', '|', '->', '—', '…', ',', ';', '!', '?', ' ', '  ', '\t']
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(fc.constantFrom(...pieces), {maxLength: 12}), fc.constantFrom(' ', '')).map(([words, glue]) => words.join(glue)), {maxLength: 6}), (lines) => {
        const text = lines.join('\n')
        expect(countWords(text, 'en')).toBe(segmenterCount(text, 'en'))
      }),
      {numRuns: 500}
    )
  })

  it('counts any ASCII text as Intl.Segmenter does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab1_ :.',;\-!"#$%&()*+/<=>?@[\]^`{|}~\t\n]{0,40}$/), (text) => {
        expect(countWords(text, 'en')).toBe(segmenterCount(text, 'en'))
      }),
      {numRuns: 3000}
    )
  })

  it('counts Chinese and Japanese words with the segmenter', () => {
    expect(countWords('线性代数的读书笔记。', 'zh')).toBe(segmenterCount('线性代数的读书笔记。', 'zh'))
    expect(countWords('今日は良い天気です', 'ja')).toBeGreaterThan(2)
  })
})
