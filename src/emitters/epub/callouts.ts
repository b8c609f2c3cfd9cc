/**
 * Callouts in an EPUB: an `<aside>` per callout, always open (reading
 * systems support `<details>` poorly, and an e-reader has nothing to fold
 * for), its title a paragraph. The type is in words at the start of a
 * title of its own (`Warning: Mind the gap`): e-ink shows no icons or
 * colours. Tips and warnings say what they are in EPUB's vocabulary
 * (`epub:type` `tip` and `notice`) and in ARIA; every callout is a `note`
 * to assistive technology rather than a landmark of its own.
 */
import type {Element, ElementContent, Root} from 'hast'
import {visit} from 'unist-util-visit'
import {calloutTypes, type CalloutType} from '../../pipeline/callout-types.js'

const semantics: Partial<Readonly<Record<CalloutType, {epubType: string; role: string}>>> = {
  tip: {epubType: 'tip', role: 'doc-tip'},
  warning: {epubType: 'notice', role: 'note'},
  danger: {epubType: 'notice', role: 'note'}
}

export function calloutsAsAsides(tree: Root | Element): void {
  visit(tree, 'element', (node) => {
    const type = calloutType(node)
    if (!type) return
    node.tagName = 'aside'
    delete node.properties.open
    const meaning = semantics[type]
    if (meaning) node.properties['epub:type'] = meaning.epubType
    node.properties.role = meaning?.role ?? 'note'
    for (const child of node.children) if (child.type === 'element' && child.tagName === 'summary') child.tagName = 'p'
    for (const child of node.children) if (child.type === 'element' && hasClass(child, 'callout-title')) child.children = child.children.flatMap(visibleLabel)
  })
}

/** The type of a callout made by the pipeline (`div` or `details` with `callout-<type>`), else undefined. */
function calloutType(node: Element): CalloutType | undefined {
  if ((node.tagName !== 'div' && node.tagName !== 'details') || !hasClass(node, 'callout')) return undefined
  return calloutTypes.find((type) => hasClass(node, `callout-${type}`))
}

/** The screen-reader-only type label becomes text everyone reads. */
function visibleLabel(node: ElementContent): ElementContent[] {
  return node.type === 'element' && node.tagName === 'span' && hasClass(node, 'sr-only') ? node.children : [node]
}

function hasClass(node: Element, name: string): boolean {
  const value = node.properties.className
  return Array.isArray(value) && value.includes(name)
}
