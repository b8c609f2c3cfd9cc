/**
 * Settles the note title: front matter `title`; else the first heading when
 * it opens the note, whatever its depth (an mdBook chapter starts with
 * `## What Is Ownership?`), or when it is the note's first heading and a
 * `#` one; else the file name. The heading used as the title (or repeating
 * the front matter title) is lifted out of the body so no output shows the
 * title twice, and the headings below it move up with it: under a `##`
 * title, `###` becomes the note's top level, as `##` is under a `#` title.
 */
import type {Heading, Root, RootContent} from 'mdast'
import type {VFile} from 'vfile'
import {visit} from 'unist-util-visit'
import {headingText} from '../heading-text.js'

export default function remarkTitle() {
  return function (tree: Root, file: VFile): void {
    const meta = file.data.meta
    if (!meta) throw new TypeError('remarkTitle runs after remarkFrontMatter')
    // An embedded note shows its content as written: its heading stays where it is.
    if (file.data.quire?.embedding) return
    const index = titleHeadingIndex(tree)
    const heading = index === -1 ? undefined : (tree.children[index] as Heading)
    const text = heading ? headingText(heading) : ''

    if (meta.titleSource === 'front-matter') {
      if (heading && text === meta.title) lift(tree, index, heading)
      return
    }
    if (heading && text) {
      lift(tree, index, heading)
      file.data.meta = {...meta, title: text, titleSource: 'heading'}
      return
    }
    file.data.meta = {...meta, title: file.data.quire?.fallbackTitle || 'Untitled', titleSource: 'file-name'}
  }
}

/** Nodes before the first block a reader sees: front matter, link definitions, HTML comments. */
function isPreamble(node: RootContent): boolean {
  return node.type === 'yaml' || node.type === 'definition' || (node.type === 'html' && /^\s*(?:<!--[\s\S]*?-->\s*)+$/.test(node.value))
}

/** The heading that names the note, or -1: the first block when it is a heading, else the first heading when it is `#`. */
function titleHeadingIndex(tree: Root): number {
  const first = tree.children.findIndex((node) => !isPreamble(node))
  if (first !== -1 && tree.children[first]!.type === 'heading') return first
  const index = tree.children.findIndex((node) => node.type === 'heading')
  return index !== -1 && (tree.children[index] as Heading).depth === 1 ? index : -1
}

/** Takes the title heading out; the headings of the note keep their levels relative to it. */
function lift(tree: Root, index: number, heading: Heading): void {
  tree.children.splice(index, 1)
  const shift = heading.depth - 1
  if (shift === 0) return
  visit(tree, 'heading', (node) => {
    node.depth = Math.max(1, node.depth - shift) as Heading['depth']
  })
}
