/**
 * Where a relative link of a note goes once it leaves the site (a PDF
 * handout, an EPUB): what the HTML site publishes, under `site.url`.
 */
import type {Element} from 'hast'
import {assetPrefix} from '../pipeline/plugins/remark-assets.js'
import {siteAddress} from '../pipeline/pages.js'

/**
 * The address under `site.url` of a relative link's target when the site
 * has it: another note's page (the pipeline marks such links `data-note`) or
 * a file the site copies (`assets/…`), or a path from the site's root. Undefined without `site.url` or for a
 * file quire does not publish (the pipeline warned about it): print the text.
 */
export function publishedHref(link: Element, siteUrl: string | undefined): string | undefined {
  const href = link.properties.href
  if (!siteUrl || typeof href !== 'string') return undefined
  // From the site's root (`/about`): the user's own address on the site's host.
  if (href.startsWith('/') && !href.startsWith('//')) return new URL(href, `${siteUrl}/`).href
  const published = typeof link.properties.dataNote === 'string' || href.startsWith(assetPrefix)
  return published ? siteAddress(siteUrl, href) : undefined
}
