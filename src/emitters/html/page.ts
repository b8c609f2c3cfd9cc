/**
 * The page of one note: breadcrumbs, a header (title, subtitle, authors,
 * date, reading time, tags, cover), the table of contents, the decorated
 * body, the notes that link here and the previous and next note; the site
 * frame (shell.ts) goes around it.
 */
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import type {ResolvedConfig} from '../../config/types.js'
import type {Neighbours, QuireDocument} from '../../model.js'
import {assetHref} from '../../pipeline/plugins/remark-assets.js'
import {contentsEntries} from '../../pipeline/outline.js'
import {pageFile, pageUrl} from '../../pipeline/pages.js'
import type {ImageSize} from './image-size.js'
import {pageBody} from './body.js'
import {formatAuthors, formatDate, machineDate} from '../intl.js'
import {pageDescription} from './format.js'
import {readingTime, separated, tagList} from './parts.js'
import {collectIds} from '../../pipeline/ids.js'
import type {HtmlOptions} from './options.js'
import {lines, sidebarId, uniqueId, type Frame} from './shell.js'
import {noteSocialMeta} from './social.js'
import {backlinksSection, type Backlink} from './backlinks.js'
import {breadcrumbs, pager} from './pager.js'
import {tableOfContents} from './toc.js'

export interface PageInput {
  readonly doc: QuireDocument
  readonly config: ResolvedConfig
  readonly options: HtmlOptions
  /** Stylesheets this page needs besides the site's (KaTeX's), relative to the site root. */
  readonly stylesheets?: readonly string[] | undefined
  /** Pixel sizes of local images by their URL in the page. */
  readonly imageSizes?: ReadonlyMap<string, ImageSize> | undefined
  /** Titles of the notes this one links to, by slug. */
  readonly linkTitles?: ReadonlyMap<string, string> | undefined
  /** The notes before and after this one in site order. */
  readonly neighbours?: Neighbours | undefined
  /** The notes that link to this one. */
  readonly backlinks?: readonly Backlink[] | undefined
}

/** The note's page, as the part the site frame goes around. */
export function notePage({doc, config, options, stylesheets, imageSizes, linkTitles, neighbours, backlinks}: PageInput): Frame {
  const {meta} = doc
  const body = pageBody(doc, {headingAnchors: options.headingAnchors, lang: meta.lang, imageSizes, linkTitles})
  // Ids the frame adds must not clash with ids of the note.
  const taken = collectIds(body)
  for (const id of frameIds) taken.add(id)
  const mainId = uniqueId('quire-main', taken)
  const toc = options.toc ? tableOfContents(contentsEntries(doc.headings), {depth: options.tocDepth, collapse: options.tocCollapse}, uniqueId('quire-toc', taken), meta.lang) : undefined
  const linkedFrom = backlinksSection(backlinks ?? [], uniqueId('quire-backlinks', taken), meta.lang)
  const crumbs = breadcrumbs(doc.relativePath, meta.title, config.site.title, meta.lang)
  const pages = pager(neighbours ?? {}, meta.lang)

  const article = h('article', {className: ['note']}, lines([
    noteHeader(doc, imageSizes),
    ...(toc ? [toc] : []),
    h('div', {className: ['note-body']}, body.children as ElementContent[])
  ]))

  return {
    page: pageFile(doc.slug),
    lang: meta.lang,
    title: meta.title === config.site.title ? meta.title : `${meta.title} · ${config.site.title}`,
    description: pageDescription(doc),
    stylesheets,
    head: [...headExtras(doc, config), ...noteSocialMeta(doc, config.site, imageSizes)],
    mainId,
    current: doc.slug,
    main: [...(crumbs ? [crumbs] : []), article, ...(linkedFrom ? [linkedFrom] : []), ...(pages ? [pages] : [])]
  }
}

/** Ids the site frame itself uses. */
const frameIds = [sidebarId]

function noteHeader(doc: QuireDocument, imageSizes: ReadonlyMap<string, ImageSize> | undefined): Element {
  const {meta, stats} = doc
  const details: ElementContent[] = []
  if (meta.authors.length > 0) details.push(h('span', {className: ['authors']}, formatAuthors(meta.authors, meta.lang)))
  if (meta.date) details.push(h('time', {dateTime: machineDate(meta.date)}, formatDate(meta.date, meta.lang)))
  const reading = readingTime(stats.readingMinutes, meta.lang)
  if (reading) details.push(reading)
  const cover = doc.assets.find((asset) => asset.role === 'cover' && asset.relativePath)

  return h('header', {className: ['note-header']}, lines([
    ...(cover?.relativePath ? [coverImage(assetHref(cover.relativePath), imageSizes)] : []),
    h('h1', meta.title),
    ...(meta.subtitle ? [h('p', {className: ['subtitle']}, meta.subtitle)] : []),
    ...(details.length > 0 ? [h('p', {className: ['byline']}, separated(details))] : []),
    ...(meta.tags.length > 0 ? [tagList(meta.tags, '')] : [])
  ]))
}

/** The cover is decoration: empty alt; not lazy, it is at the top of the page. */
function coverImage(src: string, imageSizes: ReadonlyMap<string, ImageSize> | undefined): Element {
  const size = imageSizes?.get(src)
  return h('img', {className: ['cover'], src, alt: '', decoding: 'async', ...(size ? {width: size.width, height: size.height} : {})})
}

function headExtras(doc: QuireDocument, config: ResolvedConfig): Element[] {
  const extras: Element[] = []
  if (doc.meta.authors.length > 0) extras.push(h('meta', {name: 'author', content: doc.meta.authors.join(', ')}))
  if (doc.meta.tags.length > 0) extras.push(h('meta', {name: 'keywords', content: doc.meta.tags.join(', ')}))
  if (config.site.url) extras.push(h('link', {rel: 'canonical', href: pageUrl(config.site.url, doc.slug)}))
  return extras
}
