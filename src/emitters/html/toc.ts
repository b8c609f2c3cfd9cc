/**
 * The table of contents: nested lists of links to the note's headings, as
 * deep as `tocDepth` levels of the outline (1: top-level headings only).
 *
 * A long one stays readable: a list with more than `tocCollapse` entries
 * (its own and all those under them, as deep as `tocDepth`) shows its
 * entries only, each one's sub-entries in a folded group (`<details>`, so
 * it opens without a script). The rule applies again inside each group. A
 * list of one entry (a page whose headings all sit under one) keeps that
 * entry's group open, so a long page never shows a single closed line.
 *
 * ```html
 * <li><details><summary><a href="#class-buffer">Class: Buffer</a></summary>
 * <ol>…</ol></details></li>
 * ```
 */
import type {Element} from 'hast'
import {h} from 'hastscript'
import type {Heading} from '../../model.js'
import {labelLang, labels} from './format.js'
import {lines} from './shell.js'

export interface TocOptions {
  /** Levels of the outline shown. */
  readonly depth: number
  /** Above this many entries a list folds its entries' sub-entries; `false`: never. */
  readonly collapse: number | false
}

/** The `<nav>`, or undefined when the note has no headings. */
export function tableOfContents(headings: readonly Heading[], options: TocOptions, titleId: string, lang: string): Element | undefined {
  const list = headingList(headings, options.depth, options.collapse)
  if (!list) return undefined
  return h('nav', {className: ['toc'], ariaLabelledBy: titleId}, lines([h('h2', {id: titleId, className: ['toc-title'], ...labelLang(lang)}, labels.contents), list]))
}

function headingList(headings: readonly Heading[], depth: number, collapse: number | false): Element | undefined {
  if (headings.length === 0 || depth < 1) return undefined
  const fold = collapse !== false && entries(headings, depth) > collapse
  return h(
    'ol',
    lines(
      headings.map((heading) => {
        const link = h('a', {href: `#${heading.id}`}, heading.text)
        const nested = headingList(heading.children, depth - 1, collapse)
        if (!nested) return h('li', [link])
        if (!fold) return h('li', [link, ...lines([nested]).slice(0, -1)])
        const group = h('details', {className: ['toc-group'], open: headings.length === 1}, [h('summary', [link]), ...lines([nested]).slice(0, -1)])
        return h('li', [group])
      })
    )
  )
}

/** How many entries a list shows unfolded: its headings and theirs, `depth` levels deep. */
function entries(headings: readonly Heading[], depth: number): number {
  if (depth < 1) return 0
  return headings.reduce((sum, heading) => sum + 1 + entries(heading.children, depth - 1), 0)
}
