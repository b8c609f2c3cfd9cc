/**
 * A fenced block whose language is `math` (```` ```math ````, GitHub's way
 * of writing display math) becomes the same `math` node as `$$…$$`, so
 * every format reads math one way, however it was written: not a code
 * block in the JSON, the statistics or the thread drafts.
 */
import type {Root, RootContent} from 'mdast'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'

/** remark-math's block node (mdast-util-math adds it to mdast's content types). */
type Math = Extract<RootContent, {type: 'math'}>

export default function remarkMathFences() {
  return function (tree: Root, file: VFile): void {
    // Read from what is written: no `math` anywhere, no math fence.
    if (!String(file.value ?? '').includes('math')) return
    visit(tree, 'code', (node, index, parent) => {
      if (node.lang !== 'math' || !parent || index === undefined) return
      const math: Math = {
        type: 'math',
        meta: node.meta ?? null,
        value: node.value,
        // What remark-math gives `$$…$$`: `<pre><code class="language-math math-display">`.
        data: {
          hName: 'pre',
          hChildren: [{type: 'element', tagName: 'code', properties: {className: ['language-math', 'math-display']}, children: [{type: 'text', value: node.value}]}]
        },
        ...(node.position ? {position: node.position} : {})
      }
      parent.children.splice(index, 1, math)
    })
  }
}
