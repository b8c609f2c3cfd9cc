/**
 * A callout in hast: a box with the type in its classes and `data-callout`
 * (the name as written), a title line and the content.
 *
 * ```html
 * <div class="callout callout-warning" data-callout="caution">
 *   <p class="callout-title"><span class="sr-only">Caution: </span>Mind the gap</p>
 *   <div class="callout-content">…</div>
 * </div>
 * ```
 *
 * A foldable callout is `<details>` (with `open` unless written `-`) and its
 * title a `<summary>`: it folds without a script. The type's icon comes
 * from the stylesheet (decoration, not in the document); a title of its own
 * starts with the type's name for screen readers, as the icon says it only
 * to the eye. PDF and EPUB rewrite this hast for paper and e-readers.
 */
import type {Element, ElementContent} from 'hast'
import type {Blockquote} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {defaultCalloutTitle} from '../callout-types.js'
import type {Callout} from '../dialect-nodes.js'
import type {State} from './types.js'

export function callout(state: State, node: Callout): Element {
  const [title, ...content] = node.children
  const label = defaultCalloutTitle(node.name)
  const titleChildren = state.all(title)
  if (toString(title).trim().toLowerCase() !== label.toLowerCase()) {
    titleChildren.unshift({type: 'element', tagName: 'span', properties: {className: ['sr-only']}, children: [{type: 'text', value: `${label}: `}]})
  }
  const heading: Element = {type: 'element', tagName: node.foldable ? 'summary' : 'p', properties: {className: ['callout-title']}, children: titleChildren}
  state.patch(title, heading)
  const children: ElementContent[] = [heading]
  if (content.length > 0) {
    // The content is converted as a block quote's is (the callout was one).
    const body = state.all({type: 'blockquote', children: content} satisfies Blockquote)
    children.push({type: 'element', tagName: 'div', properties: {className: ['callout-content']}, children: state.wrap(body, true)})
  }
  const result: Element = {
    type: 'element',
    tagName: node.foldable ? 'details' : 'div',
    properties: {className: ['callout', `callout-${node.calloutType}`], dataCallout: node.name, ...(node.foldable && node.open ? {open: true} : {})},
    children: state.wrap(children, true)
  }
  state.patch(node, result)
  return state.applyData(node, result)
}
