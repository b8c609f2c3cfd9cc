/**
 * Obsidian's wikilinks and embeds, turned into what the rest of the
 * pipeline already knows, so every format renders them as it renders their
 * Markdown forms:
 *
 * - `[[Note]]`, `[[Note|shown text]]`, `[[Note#Heading]]`, `[[#Heading]]`,
 *   `[[Note#^block-id]]`, `[[folder/Note]]` → a link to the note's file
 *   (relative to this note), which `remark-note-links` points at the page;
 * - `![[image.png]]`, `![[image.png|300]]`, `![[image.png|300x200]]` → an
 *   image (checked by `remark-assets`, as every image is);
 * - `![[Note]]`, `![[Note#Heading]]`, `![[Note#^block]]` → an embed node
 *   that `remark-embeds` replaces with the note's content;
 * - a link to or an embed of another file (a PDF) → a link to the file,
 *   which `remark-assets` copies like an image.
 *
 * Targets are resolved by `LinkTargets` (Obsidian's rules). A target that
 * matches nothing is a positioned `missing-note` warning (`missing-asset`
 * for an image) and stays as its text, marked; a bare name several files
 * share is an `ambiguous-note` warning naming them (`ambiguous-asset` for
 * an image). Text in code is never touched: only text nodes are.
 */
import path from 'node:path'
import {slug} from 'github-slugger'
import type {Image, Link, PhrasingContent, Root, Text} from 'mdast'
import type {Node} from 'unist'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {imageExtension} from '../image-types.js'
import {LinkTargets} from '../link-targets.js'
import {toPosix} from '../../paths.js'
import {placeIn} from '../place.js'

/** `[[…]]` or `![[…]]`, on one line, without brackets inside. */
const wikilink = /(!?)\[\[([^[\]\n]+?)\]\]/g

/** A text that is one embed and nothing else. */
const wikilinkAlone = /^\s*!\[\[[^[\]\n]+?\]\]\s*$/

/** `300` or `300x200` as the last `|` part of an image embed. */
const sizePart = /^\s*(\d{1,5})(?:\s*x\s*(\d{1,5}))?\s*$/

/** What `remark-embeds` replaces: the content of a note (or a part of it) goes here. */
export interface EmbedNode extends Node {
  type: 'quireEmbed'
  /** The embedded note, content-relative. */
  target: string
  /** `Heading` or `^block-id`, as written. */
  anchor?: string | undefined
  /** The `[[…]]` text, for messages and the fallback link. */
  written: string
}

declare module 'mdast' {
  interface PhrasingContentMap {
    quireEmbed: EmbedNode
  }
  interface RootContentMap {
    quireEmbed: EmbedNode
  }
  interface LinkData {
    /** A link to a file of the content folder that is not a note: checked and copied as an asset. */
    quireAttachment?: boolean | undefined
  }
}

export default function remarkWikilinks() {
  return function (tree: Root, file: VFile): void {
    const context = file.data.quire
    if (!context) throw new TypeError('remarkWikilinks needs file.data.quire')
    // Read from what is written: a note without `[[` has no wikilink, and its tree need not be walked.
    if (!String(file.value ?? '').includes('[[')) return
    const from = toPosix(path.relative(context.contentDir, file.path))
    const resolutions = new Map<string, string | null>(file.data.resolutions ?? [])

    visit(tree, 'text', (node, index, parent) => {
      if (!parent || index === undefined || !node.value.includes('[[')) return undefined
      const pieces: PhrasingContent[] = []
      let last = 0
      // An embed of a note stands for a block: only when it is alone in its paragraph (else it is a link).
      const alone = parent.type === 'paragraph' && parent.children.length === 1 && wikilinkAlone.test(node.value)
      for (const match of node.value.matchAll(wikilink)) {
        const at = match.index
        if (at > last) pieces.push({type: 'text', value: node.value.slice(last, at)})
        const place = placeIn(node, at, match[0].length)
        pieces.push(convert(match[1] === '!', match[2]!, match[0], place, alone))
        last = at + match[0].length
      }
      if (pieces.length === 0) return undefined
      if (last < node.value.length) pieces.push({type: 'text', value: node.value.slice(last)})
      parent.children.splice(index, 1, ...(pieces as typeof parent.children))
      return [SKIP, index + pieces.length]
    })
    file.data.resolutions = [...resolutions]

    function convert(embed: boolean, inner: string, written: string, place: Text['position'], alone: boolean): PhrasingContent {
      const [targetPart = '', ...rest] = inner.split('|')
      const alias = rest.length > 0 ? rest.join('|').trim() : undefined
      const hash = targetPart.indexOf('#')
      const target = (hash === -1 ? targetPart : targetPart.slice(0, hash)).trim()
      // `Note#Part#Sub` names the last heading of the chain, as in Obsidian.
      const anchor = hash === -1 ? undefined : targetPart.slice(hash + 1).split('#').map((part) => part.trim()).filter(Boolean).pop()
      const shown = alias || (anchor ? (target ? `${target} > ${anchor.replace(/^\^/, '')}` : anchor.replace(/^\^/, '')) : target)

      if (!target) {
        // `[[#Heading]]`: a part of this note.
        if (!anchor) return {type: 'text', value: written}
        return {type: 'link', url: `#${fragmentOf(anchor)}`, children: [{type: 'text', value: shown}], position: place}
      }

      const resolved = context!.targets.resolve(target, from)
      resolutions.set(LinkTargets.wikiQuery(from, target), LinkTargets.encode(resolved))
      if (resolved.path === undefined) {
        const kind = embed && imageExtension.test(target) ? 'Image' : embed ? 'Embedded file' : 'Linked note'
        file.message(`${kind} not found: ${written}`, {place, ruleId: embed && imageExtension.test(target) ? 'missing-asset' : 'missing-note', source: 'quire'})
        return missing(embed ? alias || target : shown, place)
      }
      if (resolved.candidates.length > 1) {
        // An image embed clashes as a Markdown image given by name does (`ambiguous-asset`, as a missing one is `missing-asset`).
        const image = embed && imageExtension.test(resolved.path)
        file.message(`\`${target}\` matches ${resolved.candidates.length} files (${resolved.candidates.join(', ')}); ${image ? 'shows' : 'linked to'} ${resolved.path}: write the path to choose`, {
          place,
          ruleId: image ? 'ambiguous-asset' : 'ambiguous-note',
          source: 'quire'
        })
      }
      const url = relativeUrl(from, resolved.path)
      const isNote = context!.targets.isNote(resolved.path)

      if (embed && isNote && alone) {
        return {type: 'quireEmbed', target: resolved.path, anchor, written, position: place}
      }
      if (embed && imageExtension.test(resolved.path)) {
        const parts = rest.map((part) => part.trim())
        const size = parts.length > 0 ? sizePart.exec(parts[parts.length - 1]!) : null
        const alt = (size ? parts.slice(0, -1) : parts).join('|') || path.posix.basename(resolved.path).replace(/\.[^.]+$/, '')
        const image: Image = {type: 'image', url, alt, position: place}
        if (size) image.data = {hProperties: {width: Number(size[1]), ...(size[2] ? {height: Number(size[2])} : {})}}
        return image
      }
      const link: Link = {
        type: 'link',
        url: isNote && anchor ? `${url}#${fragmentOf(anchor)}` : url,
        // An embed of a file (a PDF) shows the file's name; of a note within a sentence, what a link shows.
        children: [{type: 'text', value: embed && !alias && !isNote ? path.posix.basename(resolved.path) : shown}],
        position: place
      }
      // Another file (a PDF): `remark-assets` checks and copies it like an image.
      if (!isNote) link.data = {quireAttachment: true}
      return link
    }
  }
}

/** The id a `#Heading` (or `#^block-id`) of a wikilink points at: the heading's id as quire gives it, or the block's. */
export function fragmentOf(anchor: string): string {
  return anchor.startsWith('^') ? anchor : slug(anchor)
}

/** The target's path relative to the linking note, URL-encoded per segment. */
function relativeUrl(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to) || path.posix.basename(to)
  return relative.split('/').map((segment) => (segment === '..' ? segment : encodeURIComponent(segment))).join('/')
}

/** A wikilink that leads nowhere: its text, marked for the formats that show it. */
function missing(text: string, place: Text['position']): PhrasingContent {
  return {type: 'emphasis', data: {hName: 'span', hProperties: {className: ['missing-link']}}, children: [{type: 'text', value: text}], position: place}
}

