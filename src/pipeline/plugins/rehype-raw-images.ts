/**
 * Images written as raw HTML (`<img src="…">`) get the same checks as
 * Markdown images: inside the content folder or refused, re-pointed at
 * `assets/…`, recorded in `file.data.assets`. Runs after sanitizing.
 */
import type {Element, Root} from 'hast'
import type {VFile} from 'vfile'
import {SKIP, visit} from 'unist-util-visit'
import {assetHref, checkAsset} from './remark-assets.js'

export default function rehypeRawImages() {
  return function (tree: Root, file: VFile): void {
    const assets = (file.data.assets ??= [])
    // Images of embedded notes were checked in their own note: their address is an asset's already.
    const checked = new Set(assets.flatMap((asset) => (asset.relativePath ? [assetHref(asset.relativePath)] : [])))
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'img') return undefined
      const src = node.properties.src
      // Markdown images were checked already (same position in the hast).
      const place = node.position ? `${node.position.start.line}:${node.position.start.column}` : ''
      if (typeof src !== 'string' || src === '' || file.data.checkedImages?.has(place) || checked.has(src)) return undefined
      const asset = checkAsset(file, assets, src, 'image', node.position)
      if (asset?.relativePath) node.properties.src = assetHref(asset.relativePath)
      if (asset === null && parent && index !== undefined) {
        parent.children.splice(index, 1)
        return [SKIP, index]
      }
      return undefined
    })
  }
}
