/**
 * `![[Note]]`, `![[Note#Heading]]`, `![[Note#^block-id]]` standing alone
 * in a paragraph: the embedded note's content (that section, that block)
 * takes its place, in a container every format shows as a part of the
 * note. The embedded note goes through quire's own Markdown transforms
 * first, as its own file: its links, images and embeds resolve relative to
 * it, never to the note that embeds it.
 *
 * Embeds nest. A cycle (a note embedding itself, directly or through
 * others) is an `embed-cycle` error on the embed that starts it, and
 * nesting deeper than `maxDepth` an `embed-depth` warning: both show the
 * `![[…]]` text instead, so a build never loops. The embedded files (and
 * what they depend on) join the note's dependencies: the build cache
 * parses the note again when one of them changes.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {slug} from 'github-slugger'
import type {BlockContent, FootnoteDefinition, Heading, ListItem, Paragraph, Root, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Position} from 'unist'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {isInside} from '../../paths.js'
import {fallbackTitle} from '../document.js'
import {readNote} from '../read.js'
import type {EmbedNode} from './remark-wikilinks.js'

/** Embeds inside embeds inside …: deeper than this is shown as text. */
export const maxDepth = 8

export interface EmbedOptions {
  /** The processor an embedded note goes through: Markdown parse and quire's mdast transforms, embeds included. */
  readonly processor: () => {parse(file: VFile): Root; run(tree: Root, file: VFile): Promise<unknown>}
}

/** The note at the top of an embedding chain: where errors about the chain are reported. */
export interface EmbeddingOrigin {
  readonly file: VFile
  readonly place?: Position | undefined
  /** The embed as written there (`![[Other]]`). */
  readonly written: string
}

export interface Embedding {
  /** Content-relative paths of the notes embedding this one, the top note first. */
  readonly chain: readonly string[]
  readonly origin: EmbeddingOrigin
}

export default function remarkEmbeds(options: EmbedOptions) {
  return async function (tree: Root, file: VFile): Promise<void> {
    const context = file.data.quire
    if (!context) throw new TypeError('remarkEmbeds needs file.data.quire')
    if (!String(file.value ?? '').includes('![[')) return
    const found: Array<{readonly paragraph: Paragraph; readonly parent: {children: RootContent[]}; readonly embed: EmbedNode}> = []
    visit(tree, 'paragraph', (paragraph, _index, parent) => {
      const embed = paragraph.children.find((child): child is EmbedNode => child.type === 'quireEmbed')
      if (embed && parent) found.push({paragraph, parent: parent as {children: RootContent[]}, embed})
    })
    if (found.length === 0) return
    const self = path.relative(context.contentDir, file.path).split(path.sep).join('/')
    const chain = [...(context.embedding?.chain ?? []), self]

    for (const {paragraph, parent, embed} of found) {
      // Recorded as a link, so the embedded note lists this one under "Linked from".
      const slug = context.targets.slugOf(embed.target)
      if (slug) {
        const text = embed.written.replace(/^!\[\[|\]\]$/g, '')
        ;(file.data.links ??= []).push({url: embed.written, text, kind: 'note', target: slug, embed: true, line: embed.position?.start.line, column: embed.position?.start.column})
      }
      const origin = context.embedding?.origin ?? {file, place: embed.position, written: embed.written}
      const replacement = await transclude(embed, chain, origin)
      const at = parent.children.indexOf(paragraph)
      if (at !== -1) parent.children.splice(at, 1, replacement)
    }

    async function transclude(embed: EmbedNode, chain: readonly string[], origin: EmbeddingOrigin): Promise<RootContent> {
      const place = embed.position
      const asText = (): RootContent => ({type: 'paragraph', children: [{type: 'text', value: embed.written}], position: place})
      if (chain.includes(embed.target)) {
        const cycle = [...chain.slice(chain.indexOf(embed.target)), embed.target].join(' → ')
        origin.file.message(`${origin.written} embeds notes in a cycle: ${cycle}`, {place: origin.place, ruleId: 'embed-cycle', source: 'quire'}).fatal = true
        return asText()
      }
      if (chain.length > maxDepth) {
        origin.file.message(`Embeds nest more than ${maxDepth} deep: ${embed.written} in ${chain.at(-1)} is shown as text`, {place: origin.place, ruleId: 'embed-depth', source: 'quire'})
        return asText()
      }
      const absolute = path.join(context!.contentDir, embed.target)
      let bytes: Uint8Array
      try {
        // A note that is a link leading out of the content folder is not read, as no image there is.
        if (!isInside(context!.contentDir, await fs.realpath(absolute))) throw new Error('outside')
        bytes = await fs.readFile(absolute)
      } catch {
        file.message(`Embedded note cannot be read: ${embed.written}`, {place, ruleId: 'missing-note', source: 'quire'})
        return asText()
      }
      const read = readNote(absolute, bytes, {maxBytes: context!.maxBytes})
      ;(file.data.embedded ??= []).push([absolute, read.hash])
      if (!read.ok) {
        file.message(`Embedded note cannot be used: ${read.file.messages[0]?.reason ?? embed.written}`, {place, ruleId: 'embed-failed', source: 'quire'})
        return asText()
      }
      const sub = read.file
      sub.data.quire = {...context!, fallbackTitle: fallbackTitle(absolute), embedding: {chain, origin}}
      const processor = options.processor()
      const subTree = processor.parse(sub)
      await processor.run(subTree, sub)

      // What the embedded note brings and depends on.
      file.data.assets = [...(file.data.assets ?? []), ...(sub.data.assets ?? []).map((asset) => ({...asset, line: place?.start.line, column: place?.start.column}))]
      file.data.missingAssets = [...(file.data.missingAssets ?? []), ...(sub.data.missingAssets ?? [])]
      file.data.resolutions = [...(file.data.resolutions ?? []), ...(sub.data.resolutions ?? [])]
      file.data.embedded = [...file.data.embedded, ...(sub.data.embedded ?? [])]

      const selected = select(subTree, embed.anchor)
      if (!selected) {
        file.message(`Embedded ${embed.anchor?.startsWith('^') ? 'block' : 'section'} \`#${embed.anchor}\` not found in ${embed.target}`, {place, ruleId: 'missing-heading', source: 'quire'})
        return asText()
      }
      // Numbered across the whole note, nested embeds included: footnotes of two embeds never clash.
      const number = (origin.file.data.embedCount = (origin.file.data.embedCount ?? 0) + 1)
      const content = withFootnotes(selected, subTree, `embed-${number}-`)
      // The embedded nodes stand where the embed was written: messages about them point there.
      for (const node of content) visit(node, (child) => void (child.position = place))
      return {
        type: 'blockquote',
        data: {hName: 'div', hProperties: {className: ['embed'], dataEmbed: embed.target}},
        children: content as BlockContent[],
        position: place
      }
    }
  }
}

/** The whole note, the section under a heading (by its text or id), or the block with a `^block-id`. */
function select(tree: Root, anchor: string | undefined): RootContent[] | undefined {
  const body = tree.children.filter((node) => node.type !== 'yaml' && node.type !== 'definition')
  if (!anchor) return body
  if (anchor.startsWith('^')) {
    let block: RootContent | undefined
    visit(tree, (node) => {
      const id = (node as {data?: {hProperties?: {id?: unknown}}}).data?.hProperties?.id
      if (block || id !== anchor) return
      block = node as RootContent
    })
    if (!block) return undefined
    return [block.type === 'listItem' ? {type: 'list', ordered: false, spread: false, children: [block as ListItem]} : block]
  }
  const wanted = anchor.toLowerCase()
  const start = body.findIndex((node) => node.type === 'heading' && (toString(node, {includeHtml: false}).trim().toLowerCase() === wanted || slug(toString(node, {includeHtml: false})) === slug(anchor)))
  if (start === -1) return undefined
  const depth = (body[start] as Heading).depth
  const end = body.findIndex((node, index) => index > start && node.type === 'heading' && node.depth <= depth)
  return body.slice(start, end === -1 ? undefined : end)
}

/**
 * The selected nodes with the footnote definitions they refer to, every
 * footnote identifier prefixed: the embedding note may use the same ones.
 */
function withFootnotes(selected: RootContent[], tree: Root, prefix: string): RootContent[] {
  const used = new Set<string>()
  const definitions = new Map<string, FootnoteDefinition>()
  for (const node of tree.children) if (node.type === 'footnoteDefinition') definitions.set(node.identifier, node)
  const rename = (node: RootContent) =>
    visit(node, (child) => {
      if (child.type === 'footnoteReference' || child.type === 'footnoteDefinition') {
        if (child.type === 'footnoteReference') used.add(child.identifier)
        child.label = prefix + (child.label ?? child.identifier)
        child.identifier = prefix + child.identifier
      }
    })
  const content = selected.map((node) => structuredClone(node))
  for (const node of content) rename(node)
  for (const identifier of used) {
    const definition = definitions.get(identifier)
    if (definition && !selected.includes(definition)) {
      const copy = structuredClone(definition)
      rename(copy)
      content.push(copy)
    }
  }
  return content
}
