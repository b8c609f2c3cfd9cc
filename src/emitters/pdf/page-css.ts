/**
 * The print page's `@page` rules: the running header and the footer as CSS
 * page-margin boxes (`@top-left`, `@bottom-center`), the ruled space of the
 * handout layout (`@right-middle`), and the landscape pages wide tables move
 * to. Margin boxes belong to the page they are on, so a book gives every
 * note its own named page (`page: quire-note-3`) whose header is that
 * note's title, while the page counter runs on across the whole book; and
 * Chromium lays them out with the page, which is faster than its separate
 * header and footer templates.
 *
 * Paper size and margins stay Chromium's print settings (`pdf.format`,
 * `pdf.margin`): the layout only widens the right margin for ruled space.
 */
import type {PdfOptions} from './options.js'
import {formatDate} from '../intl.js'

/** Paper sizes in inches, portrait, as puppeteer gives them to Chromium. */
export const paperInches: Readonly<Record<PdfOptions['format'], {width: number; height: number}>> = {
  A4: {width: 8.2677, height: 11.6929},
  A5: {width: 5.8268, height: 8.2677},
  Letter: {width: 8.5, height: 11},
  Legal: {width: 8.5, height: 14}
}

/** The share of the paper's width the handout layout leaves for the reader's own notes. */
export const ruledShare = 0.4

type Layout = Pick<PdfOptions, 'format' | 'margin'> & Partial<Pick<PdfOptions, 'layout'>>

/** The page margins Chromium prints with: `pdf.margin`, and for the handout layout a right margin wide enough to write in. */
export function printMargin(options: Layout): PdfOptions['margin'] {
  if (options.layout !== 'handout') return options.margin
  const ruled = Math.round(paperInches[options.format].width * 25.4 * ruledShare)
  return {...options.margin, right: `${ruled}mm`}
}

/** What the header and footer templates may show of a note (or a book). */
export interface RunningText {
  readonly title: string
  readonly authors: readonly string[]
  readonly date?: string | undefined
  readonly lang: string
}

/** A CSS string literal: quotes and backslashes escaped, and `<` too (the rules go inside a `<style>` element). */
function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r\f]/g, (char) => `\\${char.codePointAt(0)!.toString(16)} `)}"`
}

/**
 * A header or footer template as the `content` of a margin box: text as
 * strings, `{page}` and `{pages}` as the page counters (`{pages}` counts the
 * pages of one print: the whole handout, or a book's notes).
 */
export function templateContent(template: string, text: RunningText): string {
  const values: Record<string, string> = {
    title: text.title,
    author: text.authors.join(', '),
    date: text.date ? formatDate(text.date, text.lang) : ''
  }
  const parts: string[] = []
  let literal = ''
  for (const piece of template.split(/(\{(?:title|author|date|page|pages)\})/)) {
    const key = /^\{(\w+)\}$/.exec(piece)?.[1]
    if (key === 'page' || key === 'pages') {
      if (literal) parts.push(cssString(literal))
      literal = ''
      parts.push(`counter(${key})`)
    } else {
      literal += key ? values[key] : piece
    }
  }
  if (literal) parts.push(cssString(literal))
  return parts.length > 0 ? parts.join(' ') : 'none'
}

const boxStyle = 'font-family: system-ui, sans-serif; font-size: 8pt; color: #555; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;'

/** The margin boxes of a page: header top left, footer bottom centre (either may be off). */
export function marginBoxes(options: Pick<PdfOptions, 'header' | 'footer'>, text: RunningText): string {
  const header = options.header === false ? undefined : options.header === true ? '{title}' : options.header
  const footer = options.footer === false ? undefined : options.footer === true ? '{page} / {pages}' : options.footer
  return [
    header === undefined ? '' : `@top-left { content: ${templateContent(header, text)}; ${boxStyle} }`,
    footer === undefined ? '' : `@bottom-center { content: ${templateContent(footer, text)}; ${boxStyle} }`
  ]
    .filter(Boolean)
    .join(' ')
}

/** Ruled lines in the right margin, every page, for the handout layout. */
function ruledSpace(): string {
  return (
    '@right-middle { content: ""; margin-left: 8mm; margin-right: 14mm; border-left: 0.5pt solid #c8c8c8; ' +
    'background: repeating-linear-gradient(to bottom, transparent 0, transparent 7.7mm, #b4b4b4 7.7mm, #b4b4b4 8mm); }'
  )
}

/** A named page and its landscape twin (`<name>-wide`, where wide tables go), with the same margin boxes. */
function namedPages(name: string, boxes: string, options: Pick<PdfOptions, 'format'>): string {
  return `@page ${name} { ${boxes} }\n@page ${name}-wide { size: ${options.format} landscape; ${boxes} }`
}

/** The `@page` rules of one handout: every page has the note's header and footer. */
export function handoutPageCss(options: PdfOptions, text: RunningText): string {
  const boxes = marginBoxes(options, text)
  return [`@page { ${options.layout === 'handout' ? ruledSpace() : ''} ${boxes} }`, namedPages('quire', boxes, options)].join('\n')
}

/**
 * The `@page` rules of a book's notes: the default page has no header or
 * footer (a blank page left for duplex printing), each note's pages have
 * its own (`quire-note-<index>`).
 */
export function bookPageCss(options: PdfOptions, notes: readonly RunningText[]): string {
  return [
    `@page { ${options.layout === 'handout' ? ruledSpace() : ''} }`,
    `@page quire-blank { }`,
    namedPages('quire', '', options),
    ...notes.map((text, index) => namedPages(`quire-note-${index}`, marginBoxes(options, text), options))
  ].join('\n')
}

/** Text-block size in CSS pixels for a page of this layout (portrait, or landscape for wide tables). */
export function textBlockPx(options: Layout, orientation: 'portrait' | 'landscape' = 'portrait'): {width: number; height: number} {
  const margin = printMargin(options)
  const paper = paperInches[options.format]
  const [width, height] = orientation === 'portrait' ? [paper.width, paper.height] : [paper.height, paper.width]
  return {
    width: width * 96 - lengthPx(margin.left) - lengthPx(margin.right),
    height: height * 96 - lengthPx(margin.top) - lengthPx(margin.bottom)
  }
}

/** CSS pixels per unit, as puppeteer converts margins (`pt` is ours: puppeteer reads no `pt`). */
const pixels: Readonly<Record<string, number>> = {px: 1, in: 96, cm: 37.8, mm: 3.78, pt: 96 / 72}

export function lengthPx(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(mm|cm|in|px|pt)?$/.exec(value)
  return match ? Number(match[1]) * (pixels[match[2] ?? 'px'] ?? 1) : 0
}

/** Rules that depend on the page: an image is never taller than the text block (so it is never split). */
export function pageFitCss(options: Layout): string {
  const {height} = textBlockPx(options)
  return `img { max-height: ${Math.floor(height * 0.92)}px; }`
}
