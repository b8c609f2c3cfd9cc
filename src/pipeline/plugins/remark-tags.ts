/**
 * Inline tags, as Obsidian writes them: `#tag` and `#nested/tag` in the text
 * become `tag` nodes (a tag element in hast) and tags of the note, after the
 * front matter's, without repeats (`#Meeting` repeats `meeting`: the first
 * spelling stays), so `meta.tags` and everything that reads it (the JSON
 * index, EPUB subjects, thread hashtags, the page's tag list) sees them.
 *
 * A tag starts after white space, a `(` or the start of a paragraph, is
 * made of letters, digits, `_`, `-` and `/`, and has at least one letter
 * or `_`: `#123`, `C#`, `a#b`, `\#tag` and a URL's `#fragment` are text.
 * Code, links (their text and URL) and headings are not looked into: a
 * heading is a title, and `# Title` is not a tag.
 */
import type {Nodes, Parent, PhrasingContent, Root, Text} from 'mdast'
import type {VFile} from 'vfile'
import type {Tag} from '../dialect-nodes.js'
import {textSources, type TextSources} from '../text-source.js'

const tagPattern = /(?<=^|[\s(])#([\p{L}\p{M}\p{N}_][\p{L}\p{M}\p{N}_/-]*)/gu
const hasLetter = /[\p{L}\p{M}_]/u
const notLookedInto = new Set<string>(['link', 'linkReference', 'heading'])

export default function remarkTags() {
  return function (tree: Root, file: VFile): void {
    const meta = file.data.meta
    if (!meta) throw new TypeError('remarkTags runs after remarkFrontMatter')
    const found: string[] = []
    let sources: TextSources | undefined
    const walk = (parent: Parent): void => {
      if (notLookedInto.has(parent.type)) return
      const children = parent.children as Nodes[]
      if (!children.some((child) => child.type === 'text' && child.value.includes('#'))) {
        for (const child of children) if ('children' in child) walk(child)
        return
      }
      const out: Nodes[] = []
      children.forEach((child, index) => {
        if (child.type === 'text' && child.value.includes('#')) {
          sources ??= textSources(file)
          out.push(...withTags(child, children[index - 1], sources, found))
        } else {
          if ('children' in child) walk(child)
          out.push(child)
        }
      })
      parent.children = out as Parent['children']
    }
    // Read from what is written: a note without `#` has no inline tag, and its tree need not be walked.
    if (String(file.value ?? '').includes('#')) walk(tree)
    file.data.meta = {...meta, tags: mergeTags(meta.tags, found)}
  }
}

/** The text node as text and tag nodes; the names found are added to `found`. */
function withTags(node: Text, previous: Nodes | undefined, sources: TextSources, found: string[]): PhrasingContent[] {
  const source = sources.of(node)
  const out: PhrasingContent[] = []
  let from = 0
  for (const match of node.value.matchAll(tagPattern)) {
    const index = match.index
    // Only the start of a paragraph, or white space before it, lets a tag start at the start of a text.
    if (index === 0 && previous && !(previous.type === 'break' || (previous.type === 'text' && /\s$/.test(previous.value)))) continue
    if (source.escaped(index)) continue
    const name = match[1]!.replace(/\/+$/, '')
    if (!hasLetter.test(name)) continue
    const end = index + 1 + name.length
    if (index > from) out.push(source.slice(from, index))
    const tag: Tag = {type: 'tag', value: `#${name}`, name}
    const place = source.slice(index, end).position
    if (place) tag.position = place
    out.push(tag)
    found.push(name)
    from = end
  }
  if (from === 0) return [node]
  if (from < node.value.length) out.push(source.slice(from))
  return out
}

/** Front matter tags first, then the note's own, each once (compared without regard to case). */
export function mergeTags(first: readonly string[], more: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const tag of [...first, ...more]) {
    const key = tag.toLowerCase()
    if (seen.has(key)) continue
    seen.add(key)
    out.push(tag)
  }
  return out
}
