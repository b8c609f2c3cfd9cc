/**
 * Where a note's page lives on the HTML site: `<slug>.html` at the site's
 * root. The pipeline points links between notes there, and every format
 * that links to the site (canonical links, the JSON index, threads, PDF and
 * EPUB links out of the document) builds the address the same way.
 */

/** The page of a note relative to the other pages. */
export function pageFile(slug: string, fragment?: string): string {
  return `${slug}.html${fragment === undefined ? '' : '#' + fragment}`
}

/** The public address of a note's page under `site.url`. */
export function pageUrl(siteUrl: string, slug: string): string {
  return siteAddress(siteUrl, pageFile(encodeURIComponent(slug)))
}

/** A site-relative address (`glossary.html#lts`) under `site.url`. */
export function siteAddress(siteUrl: string, href: string): string {
  return `${siteUrl}/${href.replace(/^\.?\//, '')}`
}
