/**
 * A remote "image" that is a web page: `![Talk](https://youtu.be/…)`, a
 * post on X, a Vimeo video, `![](https://example.org/post.html)`. Obsidian
 * draws those as players or cards; as an `<img>` it is a broken or
 * invisible picture on the site, and nothing at all in the PDF, EPUB and
 * threads. It becomes a link to the page (its text the alt text, or the
 * URL when there is none), with a positioned `image-is-page` warning, so
 * every format shows what it shows of any link. Runs before `remark-assets`:
 * a page is never an image asset.
 *
 * Which addresses are pages (`isWebPage`), read from the URL alone (nothing
 * is fetched):
 * - on a video or post site (YouTube, youtu.be, Vimeo, X, Twitter) unless
 *   its path ends in an image type (`img.youtube.com/vi/…/0.jpg` is one);
 * - anywhere, a path that ends in a file type that is not an image
 *   (`.html`, `.php`, `.mp4`, `.pdf`), or that names no file at all (empty,
 *   or ending in `/`: a site's front page, a folder address).
 * Anything else is taken for an image, file names without extension
 * included: badges, avatars and image CDNs often have none.
 */
import type {Definition, Image, ImageReference, Link, Nodes, Parents, Root} from 'mdast'
import mime from 'mime'
import {SKIP, visit, type VisitorResult} from 'unist-util-visit'
import type {VFile} from 'vfile'

/** Sites whose addresses are pages (videos, posts), subdomains included. */
export const pageHosts: readonly string[] = ['youtube.com', 'youtu.be', 'youtube-nocookie.com', 'vimeo.com', 'x.com', 'twitter.com']

const remote = /^(?:https?:)?\/\//i

/** Whether a remote image URL is a web page rather than an image file (see the rules above). */
export function isWebPage(url: string): boolean {
  if (!remote.test(url)) return false
  let parsed: URL
  try {
    parsed = new URL(url, 'https://quire.invalid/')
  } catch {
    return false
  }
  const name = parsed.pathname.slice(parsed.pathname.lastIndexOf('/') + 1)
  if (name === '') return true
  const type = name.includes('.') ? mime.getType(name) : null
  if (type) return !type.startsWith('image/')
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '')
  return pageHosts.some((page) => host === page || host.endsWith(`.${page}`))
}

export default function remarkPageImages() {
  return function (tree: Root, file: VFile): void {
    // Read from what is written: a note without `http` or `//` has no remote image.
    if (!String(file.value ?? '').includes('//')) return
    const definitions = new Map<string, Definition>()
    visit(tree, 'definition', (node) => {
      // The first definition of a label wins, as CommonMark says.
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node)
    })

    const replace = (inLink: boolean) => (node: Nodes, index: number | undefined, parent: Parents | undefined): VisitorResult => {
      // In a link already (`[![](…youtube…)](…)`): a link in a link is no link, the text alone goes in.
      if (!inLink && (node.type === 'link' || node.type === 'linkReference')) {
        visit(node, replace(true))
        return SKIP
      }
      if ((node.type !== 'image' && node.type !== 'imageReference') || !parent || index === undefined) return undefined
      const target = node.type === 'image' ? node : definitions.get(node.identifier)
      if (!target || !isWebPage(target.url)) return undefined
      const link = asLink(node, target, file, inLink)
      parent.children.splice(index, 1, inLink ? link.children[0]! : link)
      return [SKIP, index + 1]
    }
    visit(tree, replace(false))
  }
}

function asLink(node: Image | ImageReference, target: Image | Definition, file: VFile, inLink: boolean): Link {
  const url = target.url.startsWith('//') ? `https:${target.url}` : target.url
  const alt = (node.alt ?? '').trim()
  const shown = inLink ? 'shown as its text in the link around it' : `shown as a link${alt ? '' : ' (write alt text to name it)'}`
  file.message(`\`${target.url}\` is a web page, not an image: ${shown}`, {place: node.position, ruleId: 'image-is-page', source: 'quire'})
  return {type: 'link', url, title: target.title ?? null, children: [{type: 'text', value: alt || url}], position: node.position}
}
