/**
 * Just enough DOM for the HTML tests: parse a page with a real HTML5 parser
 * (parse5 through hast-util-from-html) and find elements in it.
 */
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toString} from 'hast-util-to-string'
import {visit} from 'unist-util-visit'

export function parsePage(html: string): Root {
  return fromHtml(html)
}

/** Elements matching a tag name (and an optional test), in document order. */
export function select(tree: Root | Element, tagName: string, test: (element: Element) => boolean = () => true): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node) => {
    if (node.tagName === tagName && test(node)) found.push(node)
  })
  return found
}

export function one(tree: Root | Element, tagName: string, test?: (element: Element) => boolean): Element {
  const [first, ...rest] = select(tree, tagName, test)
  if (!first || rest.length > 0) throw new Error(`Expected exactly one <${tagName}>, found ${first ? rest.length + 1 : 0}`)
  return first
}

export function hasClass(name: string): (element: Element) => boolean {
  return (element) => Array.isArray(element.properties.className) && element.properties.className.includes(name)
}

export function attr(element: Element, name: string): string | undefined {
  const value = element.properties[name]
  if (value === undefined || value === null || value === false) return undefined
  return Array.isArray(value) ? value.join(' ') : String(value)
}

export function text(node: Root | Element): string {
  return toString(node).replace(/\s+/g, ' ').trim()
}

/** Every id in the page. */
export function ids(tree: Root): Set<string> {
  const found = new Set<string>()
  visit(tree, 'element', (node) => {
    if (typeof node.properties.id === 'string') found.add(node.properties.id)
  })
  return found
}

/** Headings of the page (h1–h6) in order. */
export function headings(tree: Root | Element): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node) => {
    if (/^h[1-6]$/.test(node.tagName)) found.push(node)
  })
  return found
}

/** Elements that carry a `lang` attribute. */
export function withLang(tree: Root): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node) => {
    if (typeof node.properties.lang === 'string') found.push(node)
  })
  return found
}
