/**
 * The words and numbers pages show: dates, reading time, author lists and
 * the fallback description. Dates, units and lists are localized with Intl
 * in the note's language; the few fixed labels are English.
 */
import type {NoteSummary} from '../../model.js'
import {collapse} from '../../pipeline/excerpt.js'
import {withLocale} from '../intl.js'

export const labels = {
  contents: 'Contents',
  readingTime: 'Reading time:',
  allNotes: 'All notes',
  skipToContent: 'Skip to content',
  permalink: 'Link to this section:',
  menu: 'Menu',
  notes: 'Notes',
  siteLinks: 'Site',
  allTags: 'All tags',
  noTags: 'No note has a tag yet.',
  taggedPrefix: 'Tagged ',
  breadcrumb: 'Breadcrumb',
  pager: 'Previous and next',
  previous: 'Previous',
  next: 'Next',
  linkedFrom: 'Linked from',
  embedsThis: 'embeds this note',
  tags: 'Tags'
} as const

/**
 * Properties for an element holding one of the English labels: `lang="en"`
 * when the page (or entry) around it is in another language, so screen
 * readers pronounce it right.
 */
export function labelLang(lang: string): {lang?: string} {
  return /^en(?:-|$)/i.test(lang) ? {} : {lang: 'en'}
}

/** `5 minutes`, localized; undefined for an empty note. */
export function formatReadingTime(minutes: number, lang: string): string | undefined {
  if (minutes <= 0) return undefined
  return withLocale(lang, 'minutes', (locale) => new Intl.NumberFormat(locale, {style: 'unit', unit: 'minute', unitDisplay: 'long'})).format(minutes)
}

/** The front matter description, else the start of the note's text cut at a word (about 160 characters). */
export function pageDescription(doc: Pick<NoteSummary, 'summary' | 'meta'>): string {
  return collapse(doc.summary) || doc.meta.title
}

