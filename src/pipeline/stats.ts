/** Word count and reading time: words as Intl.Segmenter sees them, so CJK counts too. */
import type {Root} from 'mdast'
import {visit} from 'unist-util-visit'
import type {NoteStats} from '../model.js'
import {plainText} from './plain-text.js'

const wordsPerMinute = 200

export function noteStats(tree: Root, lang: string): NoteStats {
  let headings = 0
  let codeBlocks = 0
  let images = 0
  let links = 0
  let math = 0
  visit(tree, (node) => {
    if (node.type === 'heading') headings++
    else if (node.type === 'code') codeBlocks++
    else if (node.type === 'image' || node.type === 'imageReference') images++
    else if (node.type === 'link' || node.type === 'linkReference') links++
    else if (node.type === 'math' || node.type === 'inlineMath') math++
  })
  const words = countWords(plainText(tree), lang)
  return {words, readingMinutes: words === 0 ? 0 : Math.max(1, Math.round(words / wordsPerMinute)), headings, codeBlocks, images, links, math}
}

export function countWords(text: string, lang: string): number {
  let segmenter: Intl.Segmenter
  try {
    segmenter = new Intl.Segmenter(lang, {granularity: 'word'})
  } catch {
    segmenter = new Intl.Segmenter('en', {granularity: 'word'})
  }
  let count = 0
  // Segmenting one huge string is super-linear in V8: a 1 MB note took minutes.
  // Lines are short, and no word spans a line break.
  for (const line of text.split('\n')) {
    for (const chunk of chunks(line)) {
      for (const segment of segmenter.segment(chunk)) if (segment.isWordLike) count++
    }
  }
  return count
}

/** Pieces of at most ~4 KB, cut at white space (or hard, for a giant word). */
function* chunks(line: string): Generator<string> {
  const size = 4096
  let start = 0
  while (line.length - start > size) {
    const space = line.lastIndexOf(' ', start + size)
    const end = space > start ? space : start + size
    yield line.slice(start, end)
    start = end
  }
  yield line.slice(start)
}
