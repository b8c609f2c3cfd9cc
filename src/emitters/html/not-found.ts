/**
 * `404.html`: the page static hosts (GitHub Pages, Netlify, Cloudflare
 * Pages, nginx with `error_page`) show for an address that has no file, in
 * the site's frame. A host serves it at the missing address, however deep
 * (`/garden/old/post.html`), so its links cannot be relative to where it
 * lies: with `site.url` they start from that URL's path (`/garden/quire.css`);
 * without one they are relative, right for a site at the root of its host
 * only when the missing address is at the top level.
 */
import {h} from 'hastscript'
import type {SiteConfig} from '../../config/types.js'
import {labelLang, labels} from './format.js'
import type {Frame} from './shell.js'

/** Relative to `html/`. */
export const notFoundFile = '404.html'

const words = {title: 'Page not found', text: 'There is no page at this address. It may have moved, or the link that led here may be mistyped.'} as const

export function notFoundFrame(site: SiteConfig): Frame {
  const base = siteRoot(site)
  const english = labelLang(site.lang)
  return {
    page: notFoundFile,
    base,
    title: `${words.title} · ${site.title}`,
    description: words.title,
    head: [h('meta', {name: 'robots', content: 'noindex'})],
    main: [h('h1', english, words.title), h('p', english, words.text), h('p', h('a', {href: `${base}index.html`, ...english}, labels.allNotes))]
  }
}

/** What leads from any address to the site's root: `site.url`'s path (`/garden/`), else nothing (relative). */
export function siteRoot(site: Pick<SiteConfig, 'url'>): string {
  if (!site.url) return ''
  return new URL(`${site.url}/`).pathname
}
