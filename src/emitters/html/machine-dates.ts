/**
 * A note's date (front matter `date`, validated ISO 8601: `2022-10-10`,
 * `2022-10-10T09:30`, `2022-10-10 09:30:00+02:00`) in the forms feeds and
 * sitemaps need. The day and the offset are the ones written: nothing is
 * converted to the build machine's time zone, and a time written without
 * an offset is read as UTC, the same on every machine.
 */

const isoDate = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/** RFC 3339 date-time (Atom, JSON Feed): `2022-10-10T00:00:00Z`, `2022-10-10T09:30:00+02:00`. */
export function rfc3339(date: string): string | undefined {
  const match = isoDate.exec(date.trim())
  if (!match) return undefined
  const [, day, minutes, seconds, fraction, offset] = match
  if (!minutes) return `${day}T00:00:00Z`
  return `${day}T${minutes}:${seconds ?? '00'}${fraction ?? ''}${offset ? normalizeOffset(offset) : 'Z'}`
}

/**
 * W3C Datetime (sitemap `<lastmod>`): the day as written, or the full
 * timestamp when it has an offset (a time needs one in this format).
 */
export function w3cDatetime(date: string): string | undefined {
  const match = isoDate.exec(date.trim())
  if (!match) return undefined
  const [, day, minutes, , , offset] = match
  return minutes && offset ? rfc3339(date) : day
}

/** Milliseconds since the epoch, for ordering; undefined when not a date. */
export function instant(date: string): number | undefined {
  const value = rfc3339(date)
  const time = value === undefined ? Number.NaN : Date.parse(value)
  return Number.isNaN(time) ? undefined : time
}

/** `SOURCE_DATE_EPOCH` seconds as RFC 3339 in UTC, without milliseconds. */
export function epochDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function normalizeOffset(offset: string): string {
  return offset === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`
}
