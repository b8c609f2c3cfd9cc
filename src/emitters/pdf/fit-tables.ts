/**
 * A table wider than the text block is never cut, and its words are never
 * split where the language does not allow it (`Algorith` / `m`): the print
 * CSS breaks cells only between words (and at hyphens, or where the
 * browser hyphenates the note's language). Before printing, this measures
 * each table's narrowest layout (its min-content width) in the print page;
 * one too wide for its block
 *
 * 1. gets a smaller font size, when 80% of its size or more is enough;
 * 2. else moves to a landscape page of its own (`page: <name>-wide`, the
 *    named page `page-css.ts` declares), with the heading just before it,
 *    at its size or smaller to fit;
 * 3. else, at the smallest size (6pt) on that landscape page, may break
 *    words anywhere (class `quire-table-wrap`), rather than run off the page.
 *
 * Header rows repeat on every page a table spans (the print CSS). As
 * `fit-preformatted.ts`, it runs through the DevTools protocol with the
 * page's scripts off, and gives the same sizes on every run.
 */
import type {Page} from 'puppeteer'
import {preformattedFloorPx} from './fit-preformatted.js'

export interface TableFit {
  /** Width of the text block of a portrait page and of a landscape one, in CSS pixels. */
  readonly portrait: number
  readonly landscape: number
  /** The smallest font size, in CSS pixels. */
  readonly floorPx?: number | undefined
}

/** Fits every table of the page (the page is already laid out for print at the portrait text width). */
export async function fitTables(page: Page, fit: TableFit): Promise<void> {
  await page.evaluate(fitTablesInPage, {portrait: fit.portrait, landscape: fit.landscape, floorPx: fit.floorPx ?? preformattedFloorPx})
}

/** In the page (serialized: no imports, no closures). */
function fitTablesInPage(fit: {portrait: number; landscape: number; floorPx: number}): void {
  for (const table of Array.from(document.querySelectorAll('table'))) {
    const container = table.parentElement
    if (!container || container.closest('table')) continue
    const style = getComputedStyle(container)
    const available = container.clientWidth - (Number.parseFloat(style.paddingLeft) || 0) - (Number.parseFloat(style.paddingRight) || 0)
    /** The table's narrowest layout: laid out 1px wide, it takes its min-content width. */
    const narrowest = (): number => {
      const width = table.style.width
      table.style.width = '1px'
      const measured = table.getBoundingClientRect().width
      table.style.width = width
      return measured
    }
    let need = narrowest()
    if (available <= 0 || need <= available + 0.5) continue
    const original = Number.parseFloat(getComputedStyle(table).fontSize)
    /** Smaller type until it fits `room` (a few tries: padding and borders do not scale exactly); false when the floor is reached first. */
    const shrink = (room: number, floor: number): boolean => {
      let size = Number.parseFloat(getComputedStyle(table).fontSize)
      for (let tries = 0; need > room + 0.5 && tries < 5; tries++) {
        if (size <= floor) return false
        // Two decimals: the same number on every run.
        size = Math.max(floor, Math.min(size - 0.01, Math.floor((size * room * 100) / need) / 100))
        table.style.fontSize = `${size}px`
        need = narrowest()
      }
      return need <= room + 0.5
    }
    if ((original * available) / need >= original * 0.8 && shrink(available, original * 0.8)) continue
    // A landscape page: the block is wider by the difference of the two text widths.
    table.style.fontSize = ''
    need = narrowest()
    let named = 'quire'
    for (let element: HTMLElement | null = container; element; element = element.parentElement) {
      const page = getComputedStyle(element).getPropertyValue('page')
      if (page && page !== 'auto') {
        named = page
        break
      }
    }
    table.style.setProperty('page', `${named}-wide`)
    table.classList.add('quire-table-wide')
    // The heading just before it goes along: a heading never ends a page.
    for (let before = table.previousElementSibling; before instanceof HTMLElement && /^H[1-6]$/.test(before.tagName); before = before.previousElementSibling) {
      before.style.setProperty('page', `${named}-wide`)
    }
    const room = available + fit.landscape - fit.portrait
    if (need <= room + 0.5 || shrink(room, fit.floorPx)) continue
    table.classList.add('quire-table-wrap')
  }
}
