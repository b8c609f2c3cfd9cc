/**
 * Images in chapters. Local assets (resolved by the pipeline, listed in
 * `doc.assets`) are embedded under `images/` with deterministic names and
 * their media types; remote images are never fetched: they become their
 * alt text, with a positioned warning. Nothing is ever embedded empty.
 * What a reader may not show is made into what it must: SVG loses its
 * document type declaration (`svg.ts`), WebP, AVIF and TIFF become PNG
 * (`raster.ts`).
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type {Element, ElementContent, Root} from 'hast'
import {visit} from 'unist-util-visit'
import type {Asset, QuireDocument} from '../../model.js'
import {schemeOf} from '../../pipeline/urls.js'
import {convertibleTypes, toPng} from './raster.js'
import {cleanSvg} from './svg.js'

/**
 * Image types every EPUB 3.2 reading system must support (core media
 * types; WebP joins them only in EPUB 3.3, and the epubcheck quire is
 * tested with checks 3.2: MED-003).
 */
export const coreImageTypes: ReadonlySet<string> = new Set(['image/gif', 'image/jpeg', 'image/png', 'image/svg+xml'])

/** An image as an EPUB holds it, or why it cannot be held. */
export type EpubImageData = {readonly data: Uint8Array; readonly mediaType: string; readonly warning?: {reason: string; ruleId: string} | undefined} | {readonly reason: string; readonly ruleId: string}

/**
 * The bytes of an image ready for an EPUB: core types as they are, SVG
 * without its document type declaration, WebP, AVIF and TIFF as PNG.
 * `name` is the image as the note wrote it, for messages; a reason says
 * what is wrong, the caller says what it shows instead.
 */
export async function epubImageData(data: Uint8Array, mediaType: string, name: string): Promise<EpubImageData> {
  if (mediaType === 'image/svg+xml') {
    const cleaned = cleanSvg(Buffer.from(data).toString('utf8'))
    if ('error' in cleaned) return {reason: `SVG image \`${name}\` cannot be cleaned for the EPUB: ${cleaned.error}`, ruleId: 'epub-image-invalid'}
    if (!cleaned.changed) return {data, mediaType}
    const warning =
      cleaned.droppedEntities.length > 0
        ? {reason: `SVG image \`${name}\` refers to external entities (${cleaned.droppedEntities.join(', ')}), never read: left out of the EPUB's copy`, ruleId: 'epub-svg-entity'}
        : undefined
    return {data: new Uint8Array(Buffer.from(cleaned.text, 'utf8')), mediaType, warning}
  }
  if (coreImageTypes.has(mediaType)) return {data, mediaType}
  const refused = unsupported(mediaType, name)
  if (refused) return refused
  try {
    return {data: await toPng(data), mediaType: 'image/png'}
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return {reason: `Image \`${name}\` (${mediaType}) cannot be converted to PNG for the EPUB: ${detail}`, ruleId: 'epub-image-invalid'}
  }
}

export interface EmbeddedImage {
  /** Path inside the EPUB, relative to the package folder (`images/01-checker.png`). */
  readonly href: string
  readonly mediaType: string
  readonly data: Uint8Array
}

export type ImageProblem = (doc: QuireDocument, asset: Asset | undefined, reason: string, ruleId: string) => void

/** Why an image of this type cannot be in an EPUB, as it is or converted; undefined when it can. */
function unsupported(mediaType: string, name: string): {reason: string; ruleId: string} | undefined {
  if (coreImageTypes.has(mediaType) || convertibleTypes.has(mediaType)) return undefined
  return {
    reason: `Image \`${name}\` (${mediaType || 'unknown type'}) is not a type EPUB readers must support (PNG, JPEG, GIF, SVG) nor one quire converts (WebP, AVIF, TIFF)`,
    ruleId: 'epub-image-type'
  }
}

/** Images of one EPUB, shared by its chapters: one entry per source file. */
export class ImageSet {
  private readonly byPath = new Map<string, EmbeddedImage | null>()

  get images(): EmbeddedImage[] {
    return [...this.byPath.values()].filter((image): image is EmbeddedImage => image !== null)
  }

  /** Read a local asset; `undefined` (after reporting) when it cannot be embedded. */
  async add(doc: QuireDocument, asset: Asset, problem: ImageProblem): Promise<EmbeddedImage | undefined> {
    const file = asset.path!
    if (this.byPath.has(file)) return this.byPath.get(file) ?? undefined
    const image = await this.read(doc, asset, this.byPath.size + 1, problem)
    this.byPath.set(file, image)
    return image ?? undefined
  }

  private async read(doc: QuireDocument, asset: Asset, number: number, problem: ImageProblem): Promise<EmbeddedImage | null> {
    const file = asset.path!
    const mediaType = asset.mediaType ?? ''
    const refused = unsupported(mediaType, asset.url)
    if (refused) {
      problem(doc, asset, `${refused.reason}; shown as its alt text`, refused.ruleId)
      return null
    }
    let data: Uint8Array
    try {
      data = await fs.readFile(file)
    } catch {
      problem(doc, asset, `Image \`${asset.url}\` cannot be read; shown as its alt text`, 'epub-image-missing')
      return null
    }
    if (data.byteLength === 0) {
      problem(doc, asset, `Image \`${asset.url}\` is empty; shown as its alt text`, 'epub-image-empty')
      return null
    }
    const ready = await epubImageData(data, mediaType, asset.url)
    if ('reason' in ready) {
      problem(doc, asset, `${ready.reason}; shown as its alt text`, ready.ruleId)
      return null
    }
    if (ready.warning) problem(doc, asset, ready.warning.reason, ready.warning.ruleId)
    const name = ready.mediaType === mediaType ? safeName(file) : `${safeName(file).replace(/\.[^.]*$/, '')}.png`
    return {href: `images/${String(number).padStart(2, '0')}-${name}`, mediaType: ready.mediaType, data: ready.data}
  }
}

function safeName(file: string): string {
  const base = path.basename(file).normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '')
  return base || 'image'
}

/**
 * Point every `img` of a chapter at its embedded copy, or replace it by its
 * alt text (remote, missing or unsupported images).
 */
export async function embedImages(children: ElementContent[], doc: QuireDocument, images: ImageSet, problem: ImageProblem): Promise<void> {
  const found: Array<{node: Element; parent: Element | Root; index: number}> = []
  const root: Root = {type: 'root', children}
  visit(root, 'element', (node, index, parent) => {
    if (node.tagName === 'img' && parent && index !== undefined) found.push({node, parent, index})
  })
  const reported = new Set<Asset>()
  // Replace from the end so earlier indexes stay valid.
  for (const {node, parent, index} of found.reverse()) {
    const src = typeof node.properties.src === 'string' ? node.properties.src : ''
    const asset = findAsset(doc, src)
    let embedded: EmbeddedImage | undefined
    if (asset?.remote) {
      if (!reported.has(asset)) {
        reported.add(asset)
        problem(doc, asset, `Remote image \`${asset.url}\` is not fetched for the EPUB; shown as its alt text`, 'remote-image')
      }
    } else if (asset?.path) {
      embedded = await images.add(doc, asset, problem)
    } else if (schemeOf(src) !== undefined || src.startsWith('//')) {
      problem(doc, asset, `Remote image \`${src}\` is not fetched for the EPUB; shown as its alt text`, 'remote-image')
    }
    // Any other image without an asset: the pipeline checks every image (Markdown
    // and raw HTML) and already reported it (missing-asset). Alt text, no second message.
    if (embedded) {
      node.properties.src = embedded.href
      if (typeof node.properties.alt !== 'string') node.properties.alt = ''
    } else {
      parent.children[index] = altText(node)
    }
  }
}

function findAsset(doc: QuireDocument, src: string): Asset | undefined {
  return doc.assets.find((asset) => asset.role === 'image' && (asset.url === src || (asset.relativePath !== undefined && (src === `assets/${asset.relativePath}` || safeDecode(src) === `assets/${asset.relativePath}`))))
}

function safeDecode(value: string): string {
  try {
    return decodeURI(value)
  } catch {
    return value
  }
}

function altText(node: Element): Element {
  const alt = typeof node.properties.alt === 'string' ? node.properties.alt.trim() : ''
  return {type: 'element', tagName: 'span', properties: {className: ['image-alt']}, children: [{type: 'text', value: alt ? `[${alt}]` : '[image]'}]}
}
