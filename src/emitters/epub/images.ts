/**
 * Images in chapters. Local assets (resolved by the pipeline, listed in
 * `doc.assets`) are embedded under `images/` with deterministic names and
 * their media types; remote images are never fetched: they become their
 * alt text, with a positioned warning. Nothing is ever embedded empty.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type {Element, ElementContent, Root} from 'hast'
import {visit} from 'unist-util-visit'
import type {Asset, QuireDocument} from '../../model.js'
import {schemeOf} from '../../pipeline/urls.js'

/** Image types every EPUB 3 reading system must support (core media types). */
export const coreImageTypes = new Set(['image/gif', 'image/jpeg', 'image/png', 'image/svg+xml', 'image/webp'])

export interface EmbeddedImage {
  /** Path inside the EPUB, relative to the package folder (`images/01-checker.png`). */
  readonly href: string
  readonly mediaType: string
  readonly data: Uint8Array
}

export type ImageProblem = (doc: QuireDocument, asset: Asset | undefined, reason: string, ruleId: string) => void

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
    let image: EmbeddedImage | null = null
    const mediaType = asset.mediaType ?? ''
    if (!coreImageTypes.has(mediaType)) {
      problem(doc, asset, `Image \`${asset.url}\` (${mediaType || 'unknown type'}) is not a type EPUB readers must support (PNG, JPEG, GIF, SVG, WebP); shown as its alt text`, 'epub-image-type')
    } else {
      let data: Uint8Array | undefined
      try {
        data = await fs.readFile(file)
      } catch {
        problem(doc, asset, `Image \`${asset.url}\` cannot be read; shown as its alt text`, 'epub-image-missing')
      }
      if (data && data.byteLength === 0) problem(doc, asset, `Image \`${asset.url}\` is empty; shown as its alt text`, 'epub-image-empty')
      else if (data) image = {href: `images/${String(this.byPath.size + 1).padStart(2, '0')}-${safeName(file)}`, mediaType, data}
    }
    this.byPath.set(file, image)
    return image ?? undefined
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
