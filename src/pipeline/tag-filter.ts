/**
 * GFM's tag filter: in raw HTML, `<title>`, `<textarea>`, `<style>`,
 * `<xmp>`, `<iframe>`, `<noembed>`, `<noframes>`, `<script>` and
 * `<plaintext>` are written as text (`&lt;title>`), as GitHub does. Parsed
 * as HTML they would swallow the rest of the note: what follows them (a
 * heading, a `<div>`) stays Markdown and HTML as written (GFM spec,
 * example 653). `rehype-raw-html` runs it on the raw HTML before parsing
 * it; not for trusted HTML, whose author may mean an `<iframe>`.
 */
import type {Root} from 'hast'
import {visit} from 'unist-util-visit'

const filtered = /<(?=\/?(?:title|textarea|style|xmp|iframe|noembed|noframes|script|plaintext)(?:[\s/>]|$))/gi

/** In place, on the tree's raw HTML nodes. */
export function filterTags(tree: Root): void {
  visit(tree, 'raw', (node) => {
    if (filtered.test(node.value)) node.value = node.value.replace(filtered, '&lt;')
    filtered.lastIndex = 0
  })
}
