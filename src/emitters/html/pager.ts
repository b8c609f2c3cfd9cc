/**
 * Where a note sits in the site: breadcrumbs (its folders, for notes in a
 * folder) above the note, and links to the previous and next note in site
 * order below it. Both come from the note graph's `neighbours`, so a page
 * is written again only when its neighbours change.
 */
import type {Element} from 'hast'
import {h} from 'hastscript'
import {foldersOf} from '../../engine/site-order.js'
import type {Neighbours} from '../../model.js'
import {pageFile} from '../../pipeline/pages.js'
import {labelLang, labels} from './format.js'
import {lines} from './shell.js'

/** `Site › folder › sub-folder › Note`; undefined for a note at the top of the content folder. */
export function breadcrumbs(relativePath: string, title: string, siteTitle: string, lang: string): Element | undefined {
  const folders = foldersOf(relativePath)
  if (folders.length === 0) return undefined
  return h('nav', {className: ['breadcrumbs'], ariaLabel: labels.breadcrumb, ...labelLang(lang)}, [
    h('ol', lines([
      h('li', [h('a', {href: 'index.html'}, siteTitle)]),
      ...folders.map((folder) => h('li', folder)),
      h('li', [h('span', {ariaCurrent: 'page'}, title)])
    ]))
  ])
}

/** Previous and next note; undefined when the note is the only one. */
export function pager(neighbours: Neighbours, lang: string): Element | undefined {
  const {previous, next} = neighbours
  if (!previous && !next) return undefined
  const link = (note: NonNullable<Neighbours['previous']>, rel: 'prev' | 'next') =>
    h('a', {href: pageFile(note.slug), rel, className: [rel === 'prev' ? 'pager-previous' : 'pager-next']}, [
      h('span', {className: ['pager-label'], ...labelLang(lang)}, rel === 'prev' ? `← ${labels.previous}` : `${labels.next} →`),
      h('span', {className: ['pager-title'], ...(note.lang === lang ? {} : {lang: note.lang})}, note.title)
    ])
  return h('nav', {className: ['pager'], ariaLabel: labels.pager, ...labelLang(lang)}, lines([...(previous ? [link(previous, 'prev')] : []), ...(next ? [link(next, 'next')] : [])]))
}
