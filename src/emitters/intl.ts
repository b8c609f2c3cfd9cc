/**
 * Words for people, in the note's language, shared by every format: the
 * date line of a page, a handout's title block and its running header read
 * the same. Intl does the localizing; a language tag Intl refuses falls
 * back to English.
 */

/**
 * A long date (`October 10, 2022`, `10. Oktober 2022`). Only the calendar
 * day as written counts: `2022-10-10T23:30:00-05:00` is October 10 in every
 * format and on every build machine, whatever the offset or time zone.
 * Text that is not a date is returned as it is.
 */
export function formatDate(date: string, lang: string): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(date)?.[0]
  const value = day ? new Date(`${day}T00:00:00Z`) : undefined
  if (!value || Number.isNaN(value.getTime())) return date
  return withLocale(lang, 'date', (locale) => new Intl.DateTimeFormat(locale, {dateStyle: 'long', timeZone: 'UTC'})).format(value)
}

/** The `datetime` attribute: the date as written, with `T` between day and time. */
export function machineDate(date: string): string {
  return date.replace(' ', 'T')
}

/** `Ada Lovelace and Grace Hopper`, localized. */
export function formatAuthors(authors: readonly string[], lang: string): string {
  return withLocale(lang, 'authors', (locale) => new Intl.ListFormat(locale, {type: 'conjunction', style: 'long'})).format(authors)
}

const made = new Map<string, unknown>()

/**
 * The Intl formatter `kind` for `lang`, falling back to English for a tag
 * Intl refuses. Built once per language and kind: building one costs far
 * more than using it, and a site formats a date on every page.
 */
export function withLocale<T>(lang: string, kind: string, make: (locale: string) => T): T {
  const key = `${kind}\0${lang}`
  let formatter = made.get(key) as T | undefined
  if (formatter === undefined) {
    try {
      formatter = make(lang)
    } catch {
      formatter = make('en')
    }
    made.set(key, formatter)
  }
  return formatter
}
