/**
 * Just enough XML for the feed and sitemap tests: a strict XML 1.0 parser
 * (xast-util-from-xml, which throws on anything not well-formed) and a few
 * ways to walk what it gives.
 */
import type {Element, Root} from 'xast'
import {fromXml} from 'xast-util-from-xml'

/** The root element of a document; throws when the text is not well-formed XML. */
export function parseXml(text: string): Element {
  const tree: Root = fromXml(text)
  const roots = tree.children.filter((node): node is Element => node.type === 'element')
  if (roots.length !== 1) throw new Error(`Expected one root element, found ${roots.length}`)
  return roots[0]!
}

/** Child elements named `name`. */
export function children(element: Element, name: string): Element[] {
  return element.children.filter((node): node is Element => node.type === 'element' && node.name === name)
}

/** The one child element named `name`. */
export function child(element: Element, name: string): Element {
  const found = children(element, name)
  if (found.length !== 1) throw new Error(`Expected one <${name}> in <${element.name}>, found ${found.length}`)
  return found[0]!
}

/** Text content (entities decoded by the parser). */
export function textOf(element: Element): string {
  return element.children.map((node) => (node.type === 'text' ? node.value : node.type === 'element' ? textOf(node) : '')).join('')
}

/** Text of the one child named `name`. */
export function childText(element: Element, name: string): string {
  return textOf(child(element, name))
}
