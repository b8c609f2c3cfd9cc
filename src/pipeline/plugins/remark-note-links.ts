/**
 * Points links between notes (`other.md#part`) at the other note's page
 * (`other.html#part`) and records every link in `file.data.links`. The hast
 * carries `data-note` on such links so emitters that do not publish pages
 * (EPUB, PDF) can re-point or unwrap them. A relative link to another file
 * of the content folder (`slides.pdf`) makes that file an attachment of the
 * note, copied with the site like its images; one to a file that is not
 * there, or not in the content folder (`../std/index.html`), is a warning:
 * the site keeps it as written, PDF and EPUB print its text. A note link
 * keeps the sentence it is written in (`context`), for the target's
 * "Linked from" list. Which targets
 * were looked up, and what they resolved to, goes to `file.data.resolutions`.
 */
import path from 'node:path'
import type {Definition, Link as MdastLink, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {visitParents} from 'unist-util-visit-parents'
import type {Link} from '../../model.js'
import {isInside, toPosix} from '../../paths.js'
import {linkContext} from '../link-context.js'
import {LinkTargets, noteExtension} from '../link-targets.js'
import {assetHref, checkAsset} from './remark-assets.js'
import {pageFile} from '../pages.js'
import {schemeOf} from '../urls.js'

export default function remarkNoteLinks() {
  return function (tree: Root, file: VFile): void {
    const context = file.data.quire
    if (!context) throw new TypeError('remarkNoteLinks needs file.data.quire')
    const links: Link[] = []
    const resolutions = new Map<string, string | null>(file.data.resolutions ?? [])
    const noteDir = path.dirname(file.path)

    const handle = (node: MdastLink | Definition, text: string, sentence?: string): void => {
      const at = node.position ? {line: node.position.start.line, column: node.position.start.column} : {}
      const url = node.url
      if (url.startsWith('#')) {
        links.push({url, text, kind: 'internal', fragment: safeDecode(url.slice(1)), ...at})
        return
      }
      const [target = '', ...rest] = url.split('#')
      const fragment = rest.length > 0 ? rest.join('#') : undefined
      const pathname = target.replace(/\?.*$/, '')
      // Absolute URLs, paths from the site's root (`/about`: the user's own site), and files a wikilink already
      // made attachments (`assets/…`).
      if (schemeOf(url) !== undefined || url.startsWith('/') || (node.type === 'link' && node.data?.quireAttachment)) {
        links.push({url, text, kind: 'external', ...at})
        return
      }
      const decoded = safeDecode(pathname)
      const absolute = path.resolve(noteDir, decoded)
      const relative = toPosix(path.relative(context.contentDir, absolute))
      if (!noteExtension.test(pathname)) {
        if (pathname === '') return void links.push({url, text, kind: 'external', ...at})
        links.push({url, text, kind: 'external', ...at})
        linkFile(node, url, fragment, isInside(context.contentDir, absolute) ? relative : undefined)
        return
      }
      const slug = context.targets.slugOf(relative)
      // What the note's parse depends on: which of its targets exist (the cache re-parses it when one appears or goes).
      resolutions.set(LinkTargets.noteQuery(relative), slug ?? null)
      if (!slug) {
        file.message(`Linked note not found: ${url}`, {place: node.position, ruleId: 'missing-note', source: 'quire'})
        links.push({url, text, kind: 'external', ...at})
        return
      }
      node.url = pageFile(slug, fragment)
      const data = (node.data ??= {}) as {hProperties?: Record<string, unknown>}
      ;(data.hProperties ??= {}).dataNote = slug
      links.push({url, text, kind: 'note', target: slug, fragment: fragment === undefined ? undefined : safeDecode(fragment), ...at, ...(sentence ? {context: sentence} : {})})
    }

    /** A relative link to a file that is not a note: an attachment when the content folder has it, else a warning. */
    const linkFile = (node: MdastLink | Definition, url: string, fragment: string | undefined, relative: string | undefined): void => {
      if (relative !== undefined) {
        const known = context.targets.hasFile(relative)
        resolutions.set(LinkTargets.fileQuery(relative), known ? relative : null)
        if (known) {
          const asset = checkAsset(file, (file.data.assets ??= []), url, 'attachment', node.position)
          if (asset?.relativePath) node.url = assetHref(asset.relativePath) + (fragment === undefined ? '' : `#${fragment}`)
          return
        }
      }
      const where = relative === undefined ? 'is outside the content folder' : 'is not in the content folder'
      file.message(`Linked file ${where}, so quire does not publish it: ${url} (the site links to it as written; PDF and EPUB print the link text)`, {
        place: node.position,
        ruleId: 'unpublished-file',
        source: 'quire'
      })
    }

    visitParents(tree, (node, ancestors) => {
      if (node.type === 'link') handle(node, toString(node), linkContext(node, ancestors, file.data.meta?.lang))
      else if (node.type === 'definition') handle(node, node.label ?? node.identifier)
    })
    file.data.links = links
    file.data.resolutions = [...resolutions]
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
