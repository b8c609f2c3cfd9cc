/**
 * Settles the note title: front matter, else the first heading when it is a
 * `#` heading, else the file name. A `#` heading used as the title (or
 * repeating the front matter title) is lifted out of the body so no output
 * shows the title twice.
 */
import type {Heading, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'

export default function remarkTitle() {
  return function (tree: Root, file: VFile): void {
    const meta = file.data.meta
    if (!meta) throw new TypeError('remarkTitle runs after remarkFrontMatter')
    // An embedded note shows its content as written: its heading stays where it is.
    if (file.data.quire?.embedding) return
    const index = tree.children.findIndex((node) => node.type === 'heading')
    const first = index === -1 ? undefined : (tree.children[index] as Heading)
    const firstText = first && first.depth === 1 ? toString(first).trim() : ''

    if (meta.titleSource === 'front-matter') {
      if (firstText && firstText === meta.title) tree.children.splice(index, 1)
      return
    }
    if (firstText) {
      tree.children.splice(index, 1)
      file.data.meta = {...meta, title: firstText, titleSource: 'heading'}
      return
    }
    file.data.meta = {...meta, title: file.data.quire?.fallbackTitle || 'Untitled', titleSource: 'file-name'}
  }
}
