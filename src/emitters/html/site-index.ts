/**
 * `index.html`: every note of the collection, in the collection's order
 * (newest first), with its date, description, tags and reading time.
 */
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import type {SiteConfig} from '../../config/types.js'
import type {NoteSummary} from '../../model.js'
import {pageFile} from '../../pipeline/pages.js'
import {formatDate, machineDate} from '../intl.js'
import {pageDescription, labels} from './format.js'
import {readingTime, separated, tagList} from './parts.js'
import {lines, type Frame} from './shell.js'
import {indexSocialMeta} from './social.js'

export function siteIndex(notes: readonly NoteSummary[], site: SiteConfig): Frame {
  const main: ElementContent[] = [h('h1', site.title)]
  if (site.description) main.push(h('p', {className: ['site-description']}, site.description))
  if (notes.length > 0) main.push(h('ol', {className: ['note-list']}, lines(notes.map((doc) => entry(doc, site.lang)))))
  return {
    page: 'index.html',
    title: site.title,
    description: site.description || `${site.title}: ${labels.allNotes.toLowerCase()}`,
    head: [...(site.url ? [h('link', {rel: 'canonical', href: `${site.url}/`})] : []), ...indexSocialMeta(site)],
    main
  }
}

function entry(doc: NoteSummary, siteLang: string): Element {
  const {meta} = doc
  const details: ElementContent[] = []
  if (meta.date) details.push(h('time', {dateTime: machineDate(meta.date)}, formatDate(meta.date, meta.lang)))
  const reading = readingTime(doc.stats.readingMinutes, meta.lang)
  if (reading) details.push(reading)
  // A note in another language than the site says so, for screen readers and hyphenation.
  const lang = meta.lang === siteLang ? {} : {lang: meta.lang}
  return h('li', {className: ['note-entry'], ...lang}, lines([
    h('h2', h('a', {href: pageFile(doc.slug)}, meta.title)),
    ...(meta.subtitle ? [h('p', {className: ['subtitle']}, meta.subtitle)] : []),
    ...(details.length > 0 ? [h('p', {className: ['byline']}, separated(details))] : []),
    h('p', {className: ['description']}, pageDescription(doc)),
    ...(meta.tags.length > 0 ? [tagList(meta.tags, '')] : [])
  ]))
}
