/** Whether any node of a hast tree passes `test`; the walk stops at the first. */
import type {Nodes, Parents} from 'hast'
import {EXIT, visit} from 'unist-util-visit'

export function someNode(tree: Nodes, test: (node: Nodes, parent: Parents | undefined) => boolean): boolean {
  let found = false
  visit(tree, (node, _, parent) => {
    if (!test(node, parent)) return undefined
    found = true
    return EXIT
  })
  return found
}
