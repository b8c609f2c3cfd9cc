/** Markdown lists as nested items: task states, ordered starts and sub-lists kept. */
import type {List, ListItem} from 'mdast'
import {plainText} from '../../pipeline/plain-text.js'
import type {JsonList, JsonListItem} from './shape.js'

export function toJsonList(node: List): JsonList {
  const ordered = node.ordered === true
  return {
    ordered,
    // mdast leaves `start` null for `1.` lists written without one; make it explicit.
    start: ordered ? (node.start ?? 1) : null,
    spread: node.spread === true,
    line: node.position?.start.line ?? null,
    items: node.children.map((item) => toJsonListItem(item))
  }
}

function toJsonListItem(node: ListItem): JsonListItem {
  const own = node.children.filter((child) => child.type !== 'list')
  return {
    text: plainText(own),
    checked: typeof node.checked === 'boolean' ? node.checked : null,
    lists: node.children.filter((child): child is List => child.type === 'list').map((child) => toJsonList(child))
  }
}
