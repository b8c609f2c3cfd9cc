/**
 * Which URLs may stay in a note's links and images, decided as browsers
 * read URLs: a scheme is letters, digits, `+`, `-` and `.` before a colon,
 * in any case (`MAILTO:`, `HTTPS://` are fine), after dropping the spaces,
 * control characters, tabs and newlines a browser ignores (`java\tscript:`
 * is `javascript:`). A relative URL keeps its form, colons and all
 * (`foo):`). Anything with a scheme outside the allowed ones (`javascript:`,
 * `data:`, `vbscript:`) loses the attribute. It replaces rehype-sanitize's
 * own protocol check, which compares schemes case-sensitively and reads
 * `foo):` as a scheme.
 */
import type {Root} from 'hast'
import {visit} from 'unist-util-visit'
import {schemeOf} from '../urls.js'

/** Allowed schemes by attribute (property names as hast has them). */
export const allowedSchemes: Readonly<Record<string, readonly string[]>> = {
  href: ['http', 'https', 'mailto', 'tel'],
  src: ['http', 'https'],
  cite: ['http', 'https'],
  longDesc: ['http', 'https']
}

export default function rehypeSafeUrls() {
  return function (tree: Root): void {
    visit(tree, 'element', (node) => {
      for (const [property, schemes] of Object.entries(allowedSchemes)) {
        const value = node.properties[property]
        if (typeof value !== 'string') continue
        const found = schemeOf(value)
        if (found !== undefined && !schemes.includes(found)) delete node.properties[property]
      }
    })
  }
}
