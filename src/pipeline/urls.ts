/**
 * URLs as browsers read them: one rule for "has a scheme" (an absolute URL,
 * `mailto:`), used by link resolution, asset checks, the URL safety check
 * and every format that re-points links.
 */

const scheme = /^([a-z][a-z\d+.-]*):/i

/** The URL's scheme in lower case, after dropping what a browser ignores (spaces and controls around it, tabs and newlines in it); undefined for a relative URL. */
export function schemeOf(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const read = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '')
  return scheme.exec(read)?.[1]?.toLowerCase()
}

/** A URL relative to the page it is on: no scheme, not `//host`, not only `#part`. */
export function isPageRelative(url: string): boolean {
  return url !== '' && !url.startsWith('#') && !url.startsWith('//') && schemeOf(url) === undefined
}
