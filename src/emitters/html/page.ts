/**
 * The page of one note: the shared frame around a header (title, subtitle,
 * authors, date, reading time, tags, cover), the table of contents and the
 * decorated body.
 */
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import type {ResolvedConfig} from '../../config/types.js'
import type {QuireDocument} from '../../model.js'
import {assetHref} from '../../pipeline/plugins/remark-assets.js'
import {contentsEntries} from '../../pipeline/outline.js'
import {pageUrl} from '../../pipeline/pages.js'
import type {ImageSize} from './image-size.js'
import {pageBody} from './body.js'
import {formatAuthors, formatDate, machineDate} from '../intl.js'
import {pageDescription, labelLang, labels} from './format.js'
import {readingTime, separated, tagList} from './parts.js'
import {collectIds} from '../../pipeline/ids.js'
import type {HtmlOptions} from './options.js'
import {lines, shell, uniqueId} from './shell.js'
import {tableOfContents} from './toc.js'

export interface PageInput {
  readonly doc: QuireDocument
  readonly config: ResolvedConfig
  readonly options: HtmlOptions
  readonly stylesheets: readonly string[]
  /** Pixel sizes of local images by their URL in the page. */
  readonly imageSizes?: ReadonlyMap<string, ImageSize> | undefined
  /** Titles of the notes this one links to, by slug. */
  readonly linkTitles?: ReadonlyMap<string, string> | undefined
}

export function notePage({doc, config, options, stylesheets, imageSizes, linkTitles}: PageInput): Root {
  const {meta} = doc
  const body = pageBody(doc, {headingAnchors: options.headingAnchors, lang: meta.lang, imageSizes, linkTitles})
  // Ids the frame adds must not clash with ids of the note.
  const taken = collectIds(body)
  const mainId = uniqueId('quire-main', taken)
  const toc = options.toc ? tableOfContents(contentsEntries(doc.headings), {depth: options.tocDepth, collapse: options.tocCollapse}, uniqueId('quire-toc', taken), meta.lang) : undefined

  const article = h('article', {className: ['note']}, lines([
    noteHeader(doc, imageSizes),
    ...(toc ? [toc] : []),
    h('div', {className: ['note-body']}, body.children as ElementContent[])
  ]))

  return shell({
    lang: meta.lang,
    title: meta.title === config.site.title ? meta.title : `${meta.title} · ${config.site.title}`,
    description: pageDescription(doc),
    stylesheets,
    head: headExtras(doc, config),
    mainId,
    header: [h('a', {className: ['site-title'], href: 'index.html'}, config.site.title)],
    main: [article],
    footer: [h('a', {href: 'index.html', ...labelLang(meta.lang)}, `← ${labels.allNotes}`)]
  })
}

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
    ...(meta.tags.length > 0 ? [tagList(meta.tags)] : [])
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
