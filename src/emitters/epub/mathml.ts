/**
 * Math in an e-book is MathML. The pipeline's KaTeX output holds two
 * renderings of each expression: HTML (glyph boxes placed with inline
 * styles and KaTeX's fonts, which a book does not carry and reading systems
 * restyle) and the MathML beside it. The chapter keeps the `<math>` only,
 * with the TeX source as `alttext` for reading systems that speak math or
 * cannot lay out MathML (its `<annotation>` holds the TeX too).
 */
import type {Element, Root} from 'hast'
import {toString} from 'hast-util-to-string'
import {SKIP, visit} from 'unist-util-visit'

const mathmlNamespace = 'http://www.w3.org/1998/Math/MathML'

/**
 * Replace each KaTeX rendering of a (cloned) chapter tree by its `<math>`,
 * in place. Returns whether the chapter has math: its manifest item must
 * then declare the `mathml` property.
 */
export function useMathml(tree: Root): boolean {
  let found = false
  visit(tree, 'element', (node, index, parent) => {
    if (!parent || index === undefined || !isKatex(node)) return undefined
    const math = first(node, (child) => child.tagName === 'math')
    if (!math) return undefined
    const tex = first(math, (child) => child.tagName === 'annotation' && child.properties.encoding === 'application/x-tex')
    // The namespace is what makes it math in XHTML: KaTeX writes it, and a chapter must not depend on that.
    math.properties.xmlns = mathmlNamespace
    if (tex) math.properties.alttext = toString(tex)
    parent.children[index] = math
    found = true
    return [SKIP, index + 1]
  })
  return found
}

/** KaTeX's outer element: `span.katex-display` for display math, else `span.katex`. */
function isKatex(node: Element): boolean {
  const classes = Array.isArray(node.properties.className) ? node.properties.className : []
  return node.tagName === 'span' && (classes.includes('katex-display') || classes.includes('katex'))
}

function first(tree: Element, test: (node: Element) => boolean): Element | undefined {
  let found: Element | undefined
  visit(tree, 'element', (node) => {
    if (found || !test(node)) return undefined
    found = node
    return false
  })
  return found
}
