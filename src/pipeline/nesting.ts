/**
 * A cheap scan for pathological nesting before parsing. Thousands of nested
 * block quotes or lists (`> > > …`, `- - - …`) make the recursive tree
 * utilities overflow the stack after seconds of work and hundreds of MB;
 * refusing them up front keeps memory bounded and the message precise.
 */
export const maxNesting = 100

const container = /^(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/

/** The first line nested deeper than `limit` containers, or undefined. */
export function findDeepNesting(text: string, limit = maxNesting): {line: number; depth: number} | undefined {
  let line = 0
  let start = 0
  while (start <= text.length) {
    line++
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    let depth = 0
    let index = start
    let indent = 0
    while (index < end) {
      const char = text.charCodeAt(index)
      if (char === 32 || char === 9) {
        // Only leading indentation nests; spaces after a marker separate it from the next.
        if (depth === 0) indent += char === 9 ? 4 : 1
        index++
        continue
      }
      const match = container.exec(text.slice(index, Math.min(end, index + 11)))
      if (!match) break
      depth++
      index += match[0].length
    }
    // Indentation nests lists too: two spaces per level at the least.
    depth += Math.floor(indent / 2)
    if (depth > limit) return {line, depth}
    start = end + 1
  }
  return undefined
}
