/**
 * Preformatted text never wraps on paper: an ASCII diagram or a long line of
 * code broken in two is wrong, not just ugly. The print CSS keeps every
 * `pre` on its lines (`white-space: pre`); before printing, this measures
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

/** The smallest font size a `pre` is scaled to, in CSS pixels (6pt). */
export const preformattedFloorPx = 8

/** Paper widths in inches, as puppeteer gives them to Chromium. */
const paperInches: Readonly<Record<PdfOptions['format'], number>> = {A4: 8.2677, A5: 5.8268, Letter: 8.5, Legal: 8.5}
/** CSS pixels per unit, as puppeteer converts margins (`pt` is ours: puppeteer reads no `pt`). */
const pixels: Readonly<Record<string, number>> = {px: 1, in: 96, cm: 37.8, mm: 3.78, pt: 96 / 72}

/** Width of the printed text block in CSS pixels: the paper less the left and right margins. */
export function textBlockWidth(options: Pick<PdfOptions, 'format' | 'margin'>): number {
  const length = (value: string) => {
    const match = /^(\d+(?:\.\d+)?)(mm|cm|in|px|pt)?$/.exec(value)
    return match ? Number(match[1]) * (pixels[match[2] ?? 'px'] ?? 1) : 0
  }
  return paperInches[options.format] * 96 - length(options.margin.left) - length(options.margin.right)
}

/**
 * Lay the page out as it will print (print media, the text block's width,
 * rounded down so that what fits here fits on paper), then scale down every
 * `pre` wider than its block.
 */
export async function fitPreformatted(page: Page, options: Pick<PdfOptions, 'format' | 'margin'>, floorPx: number = preformattedFloorPx): Promise<void> {
  await page.emulateMediaType('print')
  await page.setViewport({width: Math.max(100, Math.floor(textBlockWidth(options))), height: 1000})
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
  for (const pre of Array.from(document.querySelectorAll('pre'))) {
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
