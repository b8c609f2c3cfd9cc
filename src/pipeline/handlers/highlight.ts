/** `==text==` in hast: `<mark>`, its content converted as usual. */
import type {Element} from 'hast'
import type {Highlight} from '../dialect-nodes.js'
import type {State} from './types.js'

export function highlight(state: State, node: Highlight): Element {
  const result: Element = {type: 'element', tagName: 'mark', properties: {}, children: state.all(node)}
  state.patch(node, result)
  return state.applyData(node, result)
}
