/**
 * What the head of every page of the site links besides its own tags: the
 * site's icon and, when `site.url` is set, the feeds. One call for each kind
 * of page, so none forgets one.
 */
import type {Element} from 'hast'
import type {SiteConfig} from '../../config/types.js'
import {faviconLinks} from './favicon.js'
import {feedLinks} from './feeds.js'

/** `root` leads from the page to the site's root: `''` for pages beside the index, `../` one folder down, `/garden/` from anywhere. */
export function siteHead(site: Pick<SiteConfig, 'url' | 'title' | 'favicon'>, root = ''): Element[] {
  return [...faviconLinks(site, root), ...feedLinks(site)]
}
