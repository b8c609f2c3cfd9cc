/**
 * The words and numbers pages show: dates, reading time, author lists and
 * the fallback description. Dates, units and lists are localized with Intl
 * in the note's language; the few fixed labels are English.
 */
import type {QuireDocument} from '../../model.js'

export const labels = {
  contents: 'Contents',
  readingTime: 'Reading time:',
  allNotes: 'All notes',
  skipToContent: 'Skip to content',
  permalink: 'Link to this section:'
} as const

/**
 * Properties for an element holding one of the English labels: `lang="en"`
 * when the page (or entry) around it is in another language, so screen
 * readers pronounce it right.
 */
export function labelLang(lang: string): {lang?: string} {
  return /^en(?:-|$)/i.test(lang) ? {} : {lang: 'en'}
}

/**
 * A date for people, in the note's language. Only the calendar day as
 * written is shown (a timestamp's time and offset are ignored), so the day
 * never shifts with the build machine's time zone.
 */
export function formatDate(date: string, lang: string): string {
  const day = date.slice(0, 10)
  const value = new Date(`${day}T00:00:00Z`)
  return dateFormat(lang).format(value)
}

/** The `datetime` attribute: the date as written, with `T` between day and time. */
export function machineDate(date: string): string {
  return date.replace(' ', 'T')
}

/** `5 minutes`, localized; undefined for an empty note. */
export function formatReadingTime(minutes: number, lang: string): string | undefined {
  if (minutes <= 0) return undefined
  return withLocale(lang, (locale) => new Intl.NumberFormat(locale, {style: 'unit', unit: 'minute', unitDisplay: 'long'})).format(minutes)
}

/** `Ada Lovelace and Grace Hopper`, localized. */
export function formatAuthors(authors: readonly string[], lang: string): string {
  return withLocale(lang, (locale) => new Intl.ListFormat(locale, {type: 'conjunction', style: 'long'})).format(authors)
}

/** The front matter description, else the start of the note's text cut at a word (about 160 characters). */
export function pageDescription(doc: QuireDocument): string {
  return collapse(doc.summary) || doc.meta.title
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function dateFormat(lang: string): Intl.DateTimeFormat {
  return withLocale(lang, (locale) => new Intl.DateTimeFormat(locale, {dateStyle: 'long', timeZone: 'UTC'}))
}

/** Build an Intl formatter for `lang`, falling back to English for a tag Intl refuses. */
function withLocale<T>(lang: string, make: (locale: string) => T): T {
  try {
    return make(lang)
  } catch {
    return make('en')
  }
}
