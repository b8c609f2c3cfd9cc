/**
 * Points links between notes (`other.md#part`) at the other note's page
 * (`other.html#part`) and records every link in `file.data.links`. The hast
 * carries `data-note` on such links so emitters that do not publish pages
 * (EPUB, PDF) can re-point or unwrap them. Which targets were looked up,
 * and what they resolved to, goes to `file.data.resolutions`.
 */
import path from 'node:path'
import type {Definition, Link as MdastLink, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {visit} from 'unist-util-visit'
import type {Link} from '../../model.js'
import {toPosix} from '../../paths.js'
import {LinkTargets, noteExtension} from '../link-targets.js'
import {pageFile} from '../pages.js'
import {schemeOf} from '../urls.js'

export default function remarkNoteLinks() {
  return function (tree: Root, file: VFile): void {
    const context = file.data.quire
    if (!context) throw new TypeError('remarkNoteLinks needs file.data.quire')
    const links: Link[] = []
    const resolutions = new Map<string, string | null>(file.data.resolutions ?? [])
    const noteDir = path.dirname(file.path)

    const handle = (node: MdastLink | Definition, text: string): void => {
      const at = node.position ? {line: node.position.start.line, column: node.position.start.column} : {}
      const url = node.url
      if (url.startsWith('#')) {
        links.push({url, text, kind: 'internal', fragment: safeDecode(url.slice(1)), ...at})
        return
      }
      const [target = '', ...rest] = url.split('#')
      const fragment = rest.length > 0 ? rest.join('#') : undefined
      const pathname = target.replace(/\?.*$/, '')
      if (schemeOf(url) !== undefined || url.startsWith('//') || !noteExtension.test(pathname)) {
        links.push({url, text, kind: 'external', ...at})
        return
      }
      const decoded = safeDecode(pathname)
      const relative = toPosix(path.relative(context.contentDir, path.resolve(noteDir, decoded)))
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
      links.push({url, text, kind: 'note', target: slug, fragment: fragment === undefined ? undefined : safeDecode(fragment), ...at})
    }

    visit(tree, (node) => {
      if (node.type === 'link') handle(node, toString(node))
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
