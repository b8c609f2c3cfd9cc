/**
 * A code block in hast: mdast-util-to-hast's `<pre><code class="language-…">`,
 * and, when its info string has a title (`js title="x.js"`, see
 * `plugins/remark-code-info.ts`), that block in a figure with the title as
 * its caption:
 *
 * ```html
 * <figure class="code"><figcaption class="code-title">x.js</figcaption><pre><code class="language-js">…</code></pre></figure>
 * ```
 *
 * A titled diagram (```` ```mermaid title="…" ````) stays a bare block: it
 * becomes a figure of its own when drawn.
 */
import type {Element} from 'hast'
import type {Code} from 'mdast'
import {defaultHandlers} from 'remark-rehype'
import type {State} from './types.js'

export function code(state: State, node: Code): Element {
  const pre = defaultHandlers.code(state, node)
  const title = node.data?.title
  if (!title || node.lang === 'mermaid') return pre
  const caption: Element = {type: 'element', tagName: 'figcaption', properties: {className: ['code-title']}, children: [{type: 'text', value: title}]}
  const figure: Element = {type: 'element', tagName: 'figure', properties: {className: ['code']}, children: [caption, pre]}
  state.patch(node, figure)
  return figure
}
