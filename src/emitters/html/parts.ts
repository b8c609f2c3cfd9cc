/** Small pieces shared by note pages and the index: tags, reading time, separators. */
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import {formatReadingTime, labelLang, labels} from './format.js'
import {tagHref} from './tags.js'

/** The tags as a list of links to their pages (on note pages and in the index); the stylesheet marks each with `#`. */
export function tagList(tags: readonly string[], base: string): Element {
  return h('ul', {className: ['tags']}, tags.map((tag) => h('li', [h('a', {href: tagHref(tag, base)}, tag)])))
}

/** `1 minute`, labelled for screen readers; undefined for an empty note. */
export function readingTime(minutes: number, lang: string): Element | undefined {
  const text = formatReadingTime(minutes, lang)
  if (!text) return undefined
  return h('span', {className: ['reading-time']}, [h('span', {className: ['sr-only'], ...labelLang(lang)}, `${labels.readingTime} `), text])
}

/** Items with a middle dot between them (hidden from screen readers). */
export function separated(items: readonly ElementContent[]): ElementContent[] {
  return items.flatMap((item, index) => (index === 0 ? [item] : [h('span', {className: ['separator'], ariaHidden: 'true'}, ' · '), item]))
}
