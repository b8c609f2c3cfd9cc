/**
 * An inline tag in hast: `<span class="tag" data-tag="nested/tag">#nested/tag</span>`.
 * Not a link: the site has no tag pages yet.
 */
import type {Element} from 'hast'
import type {Tag} from '../dialect-nodes.js'
import type {State} from './types.js'

export function tag(state: State, node: Tag): Element {
  const result: Element = {type: 'element', tagName: 'span', properties: {className: ['tag'], dataTag: node.name}, children: [{type: 'text', value: node.value}]}
  state.patch(node, result)
  return state.applyData(node, result)
}
