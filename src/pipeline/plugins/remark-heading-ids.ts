/**
 * Gives every heading a unique id (GitHub's algorithm) before remark-rehype,
 * so the hast, the heading tree and the table of contents agree. A fresh
 * slugger per note: ids never depend on what was built before.
 */
import GithubSlugger from 'github-slugger'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'

export default function remarkHeadingIds() {
  return function (tree: Root): void {
    const slugger = new GithubSlugger()
    visit(tree, 'heading', (node) => {
      const data = (node.data ??= {})
      const props = (data.hProperties ??= {})
      const given = typeof props.id === 'string' && props.id ? props.id : undefined
      // Ids must be unique and non-empty even for headings with no letters.
      props.id = slugger.slug(given ?? (toString(node, {includeHtml: false}).trim() || 'section'))
    })
  }
}
