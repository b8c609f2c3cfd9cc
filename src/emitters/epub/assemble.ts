/**
 * Turn split notes into one EPUB file: images embedded, links re-pointed,
 * chapters serialized, then epub-gen-memory renders our templates and
 * zips; `repack` makes the zip reproducible.
 */
import fs from 'node:fs/promises'
import {EPub, type Chapter, type Options} from 'epub-gen-memory'
import mime from 'mime'
import type {Element, Root} from 'hast'
import type {Asset, QuireDocument} from '../../model.js'
import {calloutsAsAsides} from './callouts.js'
import {rewriteLinks, type NoteChapters} from './chapters.js'
import {coreImageTypes, embedImages, epubImageData, ImageSet, type ImageProblem} from './images.js'
import {convertibleTypes} from './raster.js'
import type {EpubMetadata} from './metadata.js'
import {useMathml} from './mathml.js'
import {navList, ncxPoints, type NavEntry} from './nav.js'
import type {EpubTemplates} from './templates.js'
import {prepareTree, toXhtml} from './xhtml.js'
import {repack} from './zip.js'

export interface CoverSource {
  /** The note the cover was named in (for messages). */
  readonly doc: QuireDocument
  readonly asset: Asset
}

export interface AssembleInput {
  readonly notes: readonly NoteChapters[]
  readonly meta: EpubMetadata
  readonly nav: readonly NavEntry[]
  readonly cover?: CoverSource | undefined
  readonly templates: EpubTemplates
  readonly tocTitle: string
  readonly siteUrl?: string | undefined
  readonly problem: ImageProblem
}

/** What a chapter holds that the manifest must declare (EPUB 3: `mathml`, `svg`), read from its XHTML. */
function manifestProperties(body: string): string[] {
  return [/<math[\s>]/.test(body) ? 'mathml' : '', /<svg[\s>]/.test(body) ? 'svg' : ''].filter(Boolean)
}

interface ManifestImage {
  readonly href: string
  readonly mediaType: string
}

export async function assembleEpub(input: AssembleInput): Promise<Uint8Array> {
  const {meta, templates} = input
  const images = new ImageSet()
  const targets = {notes: new Map(input.notes.map((note) => [note.doc.slug, note])), siteUrl: input.siteUrl}
  const chapters: Array<Chapter & Record<string, unknown>> = []

  const cover = await coverImage(input)
  chapters.push({
    title: 'Cover',
    filename: 'cover.xhtml',
    content: '',
    body: cover ? coverWithImage(cover, meta) : generatedCover(meta),
    bodyClass: 'cover',
    lang: meta.lang,
    beforeToc: true,
    excludeFromToc: true
  })

  for (const note of input.notes) {
    for (const chapter of note.chapters) {
      const root: Root = {type: 'root', children: chapter.children}
      calloutsAsAsides(root)
      useMathml(root)
      prepareTree(root)
      await embedImages(chapter.children, note.doc, images, input.problem)
      rewriteLinks(chapter, targets)
      const body = toXhtml(chapter.children)
      chapters.push({
        title: chapter.title,
        filename: chapter.file,
        // epub-gen-memory's own HTML clean-up drops `start`, `value` and
        // more: our XHTML goes in through the template's `body` instead.
        content: '',
        body,
        bodyClass: 'chapter',
        lang: note.doc.meta.lang,
        // The manifest item's `properties` (content.opf.ejs): a chapter with MathML or SVG must say so.
        properties: manifestProperties(body)
      })
    }
  }

  const embedded = images.images
  const manifestImages: ManifestImage[] = embedded.map(({href, mediaType}) => ({href, mediaType}))
  const ncx = ncxPoints(input.nav)
  const options: Options & Record<string, unknown> = {
    title: meta.title,
    author: [...meta.authors],
    description: meta.description,
    lang: meta.lang,
    date: meta.modified,
    css: templates.css,
    chapterXHTML: templates.chapter,
    contentOPF: templates.opf,
    tocXHTML: templates.nav,
    tocNCX: templates.ncx,
    tocTitle: input.tocTitle,
    prependChapterTitles: false,
    numberChaptersInTOC: false,
    tocInTOC: false,
    version: 3,
    verbose: false,
    // Never fetch: every image is embedded by `repack`, none is left for the library to download.
    fetchTimeout: 1,
    retryTimes: 1,
    ignoreFailedDownloads: false,
    // Our templates' data.
    meta,
    navList: navList(input.nav),
    ncxPoints: ncx.xml,
    ncxDepth: Math.max(1, ncx.depth),
    epubImages: manifestImages,
    coverImage: cover ? {href: cover.href, mediaType: cover.mediaType} : undefined,
    firstChapter: input.notes[0]?.chapters[0]?.file ?? 'cover.xhtml'
  }
  const generated = await new EPub(options, chapters).genEpub()
  const extra = embedded.map((image) => ({path: `OEBPS/${image.href}`, data: image.data}))
  if (cover) extra.push({path: `OEBPS/${cover.href}`, data: cover.data})
  return repack(generated, extra, meta.zipDate)
}

interface CoverImage {
  readonly href: string
  readonly mediaType: string
  readonly data: Uint8Array
}

async function coverImage(input: AssembleInput): Promise<CoverImage | undefined> {
  const source = input.cover
  if (!source) return undefined
  const {doc, asset} = source
  if (asset.remote) {
    input.problem(doc, asset, `Remote cover \`${asset.url}\` is not fetched for the EPUB; a title page is generated instead`, 'remote-image')
    return undefined
  }
  if (!asset.path) return undefined
  const mediaType = asset.mediaType ?? ''
  if ((!coreImageTypes.has(mediaType) && !convertibleTypes.has(mediaType)) || mediaType === 'image/svg+xml') {
    input.problem(doc, asset, `Cover \`${asset.url}\` must be a PNG, JPEG, GIF, WebP, AVIF or TIFF image; a title page is generated instead`, 'epub-cover-type')
    return undefined
  }
  let data: Uint8Array
  try {
    data = await fs.readFile(asset.path)
  } catch {
    input.problem(doc, asset, `Cover \`${asset.url}\` cannot be read; a title page is generated instead`, 'epub-image-missing')
    return undefined
  }
  if (data.byteLength === 0) {
    input.problem(doc, asset, `Cover \`${asset.url}\` is empty; a title page is generated instead`, 'epub-image-empty')
    return undefined
  }
  // WebP, AVIF and TIFF become PNG, as the chapters' images do.
  const ready = await epubImageData(data, mediaType, asset.url)
  if ('reason' in ready) {
    input.problem(doc, asset, `${ready.reason}; a title page is generated instead`, ready.ruleId)
    return undefined
  }
  return {href: `images/cover.${mime.getExtension(ready.mediaType)}`, mediaType: ready.mediaType, data: ready.data}
}

function coverWithImage(cover: CoverImage, meta: EpubMetadata): string {
  const image: Element = {type: 'element', tagName: 'img', properties: {src: cover.href, alt: meta.title, role: 'doc-cover'}, children: []}
  return toXhtml([{type: 'element', tagName: 'section', properties: {className: ['cover-image']}, children: [image]}])
}

/** A plain title page: what a reader shows when the note names no cover. */
function generatedCover(meta: EpubMetadata): string {
  const line = (className: string, text: string): Element => ({type: 'element', tagName: 'p', properties: {className: [className]}, children: [{type: 'text', value: text}]})
  const children: Element[] = [line('cover-title', meta.title)]
  if (meta.subtitle) children.push(line('cover-subtitle', meta.subtitle))
  if (meta.authors.length > 0) children.push(line('cover-authors', meta.authors.join(', ')))
  return toXhtml([{type: 'element', tagName: 'section', properties: {className: ['cover-generated']}, children}])
}
