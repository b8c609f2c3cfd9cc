/**
 * The table of contents: nested lists of links to the note's headings, as
 * deep as `tocDepth` levels of the outline (1: top-level headings only).
 */
import type {Element} from 'hast'
import {h} from 'hastscript'
import type {Heading} from '../../model.js'
import {labelLang, labels} from './format.js'
import {lines} from './shell.js'

/** The `<nav>`, or undefined when the note has no headings. */
export function tableOfContents(headings: readonly Heading[], depth: number, titleId: string, lang: string): Element | undefined {
  const list = headingList(headings, depth)
  if (!list) return undefined
  return h('nav', {className: ['toc'], ariaLabelledBy: titleId}, lines([h('h2', {id: titleId, className: ['toc-title'], ...labelLang(lang)}, labels.contents), list]))
}

function headingList(headings: readonly Heading[], depth: number): Element | undefined {
  if (headings.length === 0 || depth < 1) return undefined
  return h(
    'ol',
    lines(
      headings.map((heading) => {
        const nested = headingList(heading.children, depth - 1)
        return h('li', [h('a', {href: `#${heading.id}`}, heading.text), ...(nested ? lines([nested]).slice(0, -1) : [])])
      })
    )
  )
}
