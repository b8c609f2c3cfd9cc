/**
 * Numbering (`3/12`) counts toward the limit, and the total depends on how
 * the text splits: split with room reserved for the widest number of the
 * current digit count, and split again with more room until the total needs
 * no more digits than were reserved.
 */
import {packBlocks, type Block, type Fits, type PackResult} from './split.js'

export type Numbering = 'suffix' | 'prefix' | 'none'

export function decorate(text: string, index: number | string, total: number | string, style: Numbering): string {
  if (style === 'none') return text
  const label = `${index}/${total}`
  return style === 'prefix' ? `${label} ${text}` : `${text}\n\n${label}`
}

/** Blocks may depend on the room they get (a hook lists as many titles as fit). */
export type BlockSource = Block | ((fits: Fits) => Block)

export function numberedThread(sources: readonly BlockSource[], fits: Fits, style: Numbering): PackResult {
  const blocksFor = (room: Fits) => sources.map((source) => (typeof source === 'function' ? source(room) : source))
  if (style === 'none') return packBlocks(blocksFor(fits), fits)
  let digits = 1
  for (;;) {
    const widest = '9'.repeat(digits)
    const room: Fits = (text) => fits(decorate(text, widest, widest, style))
    const packed = packBlocks(blocksFor(room), room)
    const total = packed.posts.length
    if (String(total).length <= digits) {
      const posts = packed.posts.map((post, index) => decorate(post, index + 1, total, style))
      return {posts, cut: packed.cut}
    }
    digits = String(total).length
  }
}
