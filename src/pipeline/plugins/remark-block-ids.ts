/**
 * Obsidian's block ids: `^block-id` at the end of a paragraph or a list
 * item names that block, and `[[Note#^block-id]]` links or embeds it. The
 * marker leaves the text and becomes the block's `id` (`^block-id`, as the
 * links write it). A marker alone on the line after a block (a table, a
 * quote, a list) names the block before it, as in Obsidian.
 */
import type {Nodes, Paragraph, Parent, Root, RootContent} from 'mdast'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'

/** ` ^id` at the very end of a block's text. */
const marker = /(?:^|\s)\^([A-Za-z0-9-]+)\s*$/

export default function remarkBlockIds() {
  return function (tree: Root, file: VFile): void {
    // Read from what is written: a note without `^` names no block, and its tree need not be walked.
    if (!String(file.value ?? '').includes('^')) return
    visit(tree, (node, index, parent) => {
      if (node.type !== 'paragraph' || !parent || index === undefined) return
      const id = takeMarker(node)
      if (id === undefined) return
      // Alone on its line after a block: names that block, and the empty paragraph goes.
      if (node.children.length === 0) {
        const previous = index > 0 ? parent.children[index - 1] : undefined
        if (previous) setId(previous, id)
        parent.children.splice(index, 1)
        return index
      }
      // The last paragraph of a list item names the item.
      setId(parent.type === 'listItem' && parent.children[parent.children.length - 1] === node ? parent : node, id)
      return undefined
    })
  }
}

/** Remove a trailing ` ^id` from the paragraph's last text; the id, if there was one. */
function takeMarker(paragraph: Paragraph): string | undefined {
  const last = paragraph.children[paragraph.children.length - 1]
  if (last?.type !== 'text') return undefined
  const found = marker.exec(last.value)
  if (!found) return undefined
  last.value = last.value.slice(0, found.index).replace(/\s+$/, '')
  if (last.value === '') paragraph.children.pop()
  return found[1]
}

function setId(node: RootContent | Parent | Nodes, id: string): void {
  const data = ((node as {data?: Record<string, unknown>}).data ??= {}) as {hProperties?: Record<string, unknown>}
  ;(data.hProperties ??= {}).id = `^${id}`
}
