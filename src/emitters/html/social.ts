/**
 * Open Graph and Twitter card tags: what a link preview shows when a page
 * is shared (title, description, site name, language, image). Values are
 * text in `content` attributes, escaped by the serializer like any other.
 * Addresses are absolute, so `og:url` and `og:image` only appear when
 * `site.url` is set (a remote `https:` cover is already absolute).
 */
import type {Element} from 'hast'
import {h} from 'hastscript'
import type {SiteConfig} from '../../config/types.js'
import type {NoteSummary} from '../../model.js'
import {assetHref} from '../../pipeline/plugins/remark-assets.js'
import {pageUrl, siteAddress} from '../../pipeline/pages.js'
import {machineDate} from '../intl.js'
import {pageDescription} from './format.js'
import type {ImageSize} from './image-size.js'

export interface SocialImage {
  /** Absolute URL. */
  readonly url: string
  readonly type?: string | undefined
  readonly width?: number | undefined
  readonly height?: number | undefined
}

export interface SocialInput {
  /** `article` for a note, `website` for the index and other listings. */
  readonly type: 'article' | 'website'
  readonly title: string
  readonly description: string
  /** `site.title`. */
  readonly siteName: string
  /** BCP 47 language of the page. */
  readonly lang: string
  /** The page's absolute address (with `site.url`). */
  readonly url?: string | undefined
  readonly image?: SocialImage | undefined
  /** The note's date as written (ISO 8601), for articles. */
  readonly publishedTime?: string | undefined
  readonly tags?: readonly string[] | undefined
}

/** The `<meta>` elements of one page, in a fixed order. */
export function socialMeta(input: SocialInput): Element[] {
  const property = (name: string, content: string | number) => h('meta', {property: name, content: String(content)})
  const name = (key: string, content: string) => h('meta', {name: key, content})
  const out = [property('og:type', input.type), property('og:title', input.title), property('og:description', input.description), property('og:site_name', input.siteName)]
  const locale = ogLocale(input.lang)
  if (locale) out.push(property('og:locale', locale))
  if (input.url) out.push(property('og:url', input.url))
  const {image} = input
  if (image) {
    out.push(property('og:image', image.url))
    if (image.type) out.push(property('og:image:type', image.type))
    if (image.width && image.height) out.push(property('og:image:width', image.width), property('og:image:height', image.height))
  }
  if (input.type === 'article') {
    if (input.publishedTime) out.push(property('article:published_time', machineDate(input.publishedTime)))
    for (const tag of input.tags ?? []) out.push(property('article:tag', tag))
  }
  out.push(name('twitter:card', image ? 'summary_large_image' : 'summary'))
  return out
}

/** The tags of a note's page; `imageSizes` (by the page's image URLs) gives the cover's size when known. */
export function noteSocialMeta(
  note: Pick<NoteSummary, 'slug' | 'meta' | 'assets' | 'summary'>,
  site: Pick<SiteConfig, 'url' | 'title'>,
  imageSizes?: ReadonlyMap<string, ImageSize> | undefined
): Element[] {
  const {meta} = note
  return socialMeta({
    type: 'article',
    title: meta.title,
    description: pageDescription(note),
    siteName: site.title,
    lang: meta.lang,
    url: site.url ? pageUrl(site.url, note.slug) : undefined,
    image: coverImage(note, site, imageSizes),
    publishedTime: meta.date,
    tags: meta.tags
  })
}

/** The tags of the index page. */
export function indexSocialMeta(site: Pick<SiteConfig, 'url' | 'title' | 'description' | 'lang'>): Element[] {
  return socialMeta({type: 'website', title: site.title, description: site.description || site.title, siteName: site.title, lang: site.lang, url: site.url ? `${site.url}/` : undefined})
}

/** The tags of a listing (a tag page, the list of tags): `page` is its path below the site root (`tags/css.html`). */
export function listingSocialMeta(site: Pick<SiteConfig, 'url' | 'title' | 'lang'>, listing: {readonly page: string; readonly title: string; readonly description: string}): Element[] {
  return socialMeta({
    type: 'website',
    title: listing.title,
    description: listing.description,
    siteName: site.title,
    lang: site.lang,
    url: site.url ? siteAddress(site.url, encodeURI(listing.page)) : undefined
  })
}

/**
 * The cover (front matter `cover`) as an absolute URL: the copy under
 * `assets/` on the site, or the remote `http(s):` address as written.
 */
export function coverImage(
  note: Pick<NoteSummary, 'assets'>,
  site: Pick<SiteConfig, 'url'>,
  imageSizes?: ReadonlyMap<string, ImageSize> | undefined
): SocialImage | undefined {
  const cover = note.assets.find((asset) => asset.role === 'cover')
  if (!cover) return undefined
  if (cover.remote) return /^https?:\/\//i.test(cover.url) ? {url: cover.url, type: cover.mediaType} : undefined
  if (!cover.relativePath || !site.url) return undefined
  const href = assetHref(cover.relativePath)
  const size = imageSizes?.get(href)
  return {url: `${site.url}/${href}`, type: cover.mediaType, width: size?.width, height: size?.height}
}

/**
 * `og:locale` is `language_TERRITORY` (`en_US`, `pt_BR`): the territory
 * written, else the likely one for the language (CLDR's likely subtags).
 */
export function ogLocale(lang: string): string | undefined {
  try {
    const locale = new Intl.Locale(lang)
    const region = locale.region ?? locale.maximize().region
    return region ? `${locale.language}_${region}` : locale.language
  } catch {
    return undefined
  }
}
