/** Every non-empty `id` in a hast tree: what a `#fragment` can point at. The one walk every format and the note graph use. */
import type {Nodes} from 'hast'
import {visit} from 'unist-util-visit'

export function collectIds(tree: Nodes): Set<string> {
  const ids = new Set<string>()
  visit(tree, 'element', (node) => {
    const id = node.properties.id
    if (typeof id === 'string' && id) ids.add(id)
  })
  return ids
}
