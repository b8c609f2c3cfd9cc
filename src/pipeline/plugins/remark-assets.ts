/**
 * Finds the images (and the cover, and files that wikilinks name) a note refers to, checks them against the
 * content folder, and records them in `file.data.assets`. Local images are
 * re-pointed at `assets/<content-relative path>`, the one address every
 * emitter maps to its own layout. Refused images are replaced by their alt
 * text so nothing downstream can reach them. An image found by its name
 * elsewhere in the folder (`resolve-asset.ts`) that several files share is
 * an `ambiguous-asset` warning naming them.
 */
import type {Image, Root, Text} from 'mdast'
import mime from 'mime'
import type {VFile} from 'vfile'
import {visit, SKIP} from 'unist-util-visit'
import type {Asset} from '../../model.js'
import {resolveAsset, urlPath} from '../resolve-asset.js'

/** The prefix under which emitters find local assets in the hast. */
export const assetPrefix = 'assets/'

export default function remarkAssets() {
  return function (tree: Root, file: VFile): void {
    const assets: Asset[] = []

    const check = (url: string, role: Asset['role'], place: Image['position']) => checkAsset(file, assets, url, role, place)

    const imageReferences = new Set<string>()
    visit(tree, 'imageReference', (node) => {
      imageReferences.add(node.identifier)
    })

    visit(tree, (node, index, parent) => {
      if (node.type === 'image') {
        const asset = check(node.url, 'image', node.position)
        if (asset?.relativePath) node.url = assetHref(asset.relativePath)
        if (asset === null && parent && index !== undefined) {
          const alt: Text = {type: 'text', value: node.alt ?? ''}
          parent.children.splice(index, 1, alt)
          return [SKIP, index + 1]
        }
      }
      if (node.type === 'link' && node.data?.quireAttachment) {
        // A wikilink to a file that is not a note (a PDF): a file of the note, copied like its images.
        const asset = check(node.url, 'attachment', node.position)
        if (asset?.relativePath) node.url = assetHref(asset.relativePath)
        if (asset === null && parent && index !== undefined) {
          parent.children.splice(index, 1, ...node.children)
          return [SKIP, index + node.children.length]
        }
      }
      if (node.type === 'definition' && imageReferences.has(node.identifier)) {
        const asset = check(node.url, 'image', node.position)
        if (asset?.relativePath) node.url = assetHref(asset.relativePath)
        if (asset === null) node.url = ''
      }
      return undefined
    })

    const cover = file.data.meta?.cover
    if (cover) check(cover, 'cover', undefined)
    file.data.assets = assets
  }
}


/**
 * Check one asset URL against the content folder and record it in `assets`.
 * Returns the asset, `undefined` when missing (kept, shown broken), or `null`
 * when refused (the caller removes the reference).
 */
export function checkAsset(file: VFile, assets: Asset[], url: string, role: Asset['role'], place: Image['position']): Asset | undefined | null {
  const context = file.data.quire
  if (!context) throw new TypeError('Asset checks need file.data.quire')
  const at = place ? {line: place.start.line, column: place.start.column} : {}
  if (place) (file.data.checkedImages ??= new Set()).add(`${place.start.line}:${place.start.column}`)
  const found = resolveAsset(url, {noteFile: file.path, contentDir: context.contentDir, targets: context.targets})
  if (found.kind === 'remote') {
    const asset: Asset = {url, role, remote: true, mediaType: mime.getType(urlPath(url)) ?? undefined, ...at}
    assets.push(asset)
    return asset
  }
  if (found.kind === 'refused') {
    file.message(found.reason, {place, ruleId: found.ruleId, source: 'quire'}).fatal = true
    return null
  }
  if (found.lookup) {
    // Found by name (or not at all): the cache parses the note again when the answer changes.
    const resolutions = (file.data.resolutions ??= [])
    if (!resolutions.some(([query]) => query === found.lookup!.query)) resolutions.push([found.lookup.query, found.lookup.answer])
  }
  if (found.kind === 'missing') {
    // The build cache rebuilds the note when the file appears.
    ;(file.data.missingAssets ??= []).push(found.path)
    file.message(`${role === 'cover' ? 'Cover' : 'Image'} not found: ${url}`, {place, ruleId: 'missing-asset', source: 'quire'})
    return undefined
  }
  const candidates = found.lookup?.candidates ?? []
  if (candidates.length > 1) {
    file.message(`\`${url}\` matches ${candidates.length} files (${candidates.join(', ')}); shows ${candidates[0]}: write the path to choose`, {
      place,
      ruleId: 'ambiguous-asset',
      source: 'quire'
    })
  }
  const asset: Asset = {url, role, remote: false, path: found.path, relativePath: found.relativePath, mediaType: mime.getType(found.path) ?? undefined, ...at}
  assets.push(asset)
  return asset
}

/** `assets/<path>` with each segment URL-encoded. */
export function assetHref(relativePath: string): string {
  return assetPrefix + relativePath.split('/').map(encodeURIComponent).join('/')
}
