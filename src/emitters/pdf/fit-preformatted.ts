/**
 * Preformatted text never wraps on paper: an ASCII diagram or a log line
 * broken in two is wrong, not just ugly (code in a programming language is
 * another matter: it wraps, with a continuation mark, see `code-lines.ts`).
 * The print CSS keeps such a `pre` on its lines (`white-space: pre`); before printing, this measures
 * each one in the print page and, when its longest line is wider than the
 * block, sets a smaller font size that fits it, down to `floor` (6pt:
 * about 140 characters on A4, 150 on Letter). A block still too wide at the
 * floor wraps as a last resort (class `quire-pre-wrap`, every character
 * kept), rather than being clipped at the page edge.
 *
 * It runs through the DevTools protocol (`page.evaluate`), so the page's own
 * scripts stay disabled. The browser's layout is deterministic: the same
 * page gets the same sizes, and the PDF stays byte-reproducible.
 */
import type {Page} from 'puppeteer'
import type {PdfOptions} from './options.js'
import {textBlockPx} from './page-css.js'

/** The smallest font size a `pre` is scaled to, in CSS pixels (6pt). */
export const preformattedFloorPx = 8

/** Width of the printed text block in CSS pixels: the paper less the left and right margins. */
export function textBlockWidth(options: Pick<PdfOptions, 'format' | 'margin'>): number {
  return textBlockPx({...options, layout: 'page'}).width
}

/** Lay the page out as it will print: print media, the text block's width (rounded down, so that what fits here fits on paper). */
export async function layoutForPrint(page: Page, options: Pick<PdfOptions, 'format' | 'margin'>): Promise<void> {
  await page.emulateMediaType('print')
  await page.setViewport({width: Math.max(100, Math.floor(textBlockWidth(options))), height: 1000})
}

/** Scale down every `pre` wider than its block (the page laid out for print: `layoutForPrint`, done once per tab). */
export async function fitPreformatted(page: Page, floorPx: number = preformattedFloorPx): Promise<void> {
  await page.evaluate(fitInPage, floorPx)
}

/**
 * In the page (serialized: no imports, no closures). A range around the
 * content measures the widest line to a fraction of a pixel (`scrollWidth`
 * rounds). The padding is in `em` and glyph hinting may not scale exactly,
 * so it measures again after each change, a few times at most.
 */
async function fitInPage(floorPx: number): Promise<void> {
  await document.fonts.ready
  // Code in a language wraps instead, with a continuation mark (code-lines.ts).
  for (const pre of Array.from(document.querySelectorAll<HTMLElement>('pre:not(.quire-code-wrap)'))) {
    const range = document.createRange()
    range.selectNodeContents(pre)
    /** How many times wider the widest line is than the block's content box (0 when it is not laid out). */
    const overflow = (): number => {
      const style = getComputedStyle(pre)
      const sides = [style.paddingLeft, style.paddingRight, style.borderLeftWidth, style.borderRightWidth]
      const inner = pre.getBoundingClientRect().width - sides.reduce((sum, value) => sum + (Number.parseFloat(value) || 0), 0)
      return inner > 0 ? range.getBoundingClientRect().width / inner : 0
    }
    let ratio = overflow()
    if (ratio <= 1) continue
    let size = Number.parseFloat(getComputedStyle(pre).fontSize)
    for (let tries = 0; ratio > 1 && size > floorPx && tries < 4; tries++) {
      // Two decimals: the same number on every run.
      size = Math.max(floorPx, Math.min(size - 0.01, Math.floor((size / ratio) * 100) / 100))
      pre.style.fontSize = `${size}px`
      ratio = overflow()
    }
    if (ratio > 1) pre.classList.add('quire-pre-wrap')
  }
}
