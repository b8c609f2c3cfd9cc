/**
 * SVG images as EPUB 3 allows them: without a document type declaration.
 * Drawing programs write one: the SVG 1.1 DTD's public identifier
 * (epubcheck OPF-073: no external identifiers; it then reads that DTD and
 * reports HTM-003 for each external entity the DTD declares), and
 * Illustrator adds an internal subset of entities its markup uses
 * (`xmlns="&ns_svg;"`, `style="&st0;"`). The declaration is dropped and
 * the internal entities it declared are written out where they are used,
 * so the drawing stays the same. External entities (`SYSTEM "file"`) are
 * never read: their references are dropped, and named so the caller can
 * warn. Illustrator's private editing data goes too (see below).
 */

export type CleanedSvg =
  | {
      readonly text: string
      /** False when the file had no document type declaration (returned as it was). */
      readonly changed: boolean
      /** Names of external entities whose references were dropped. */
      readonly droppedEntities: readonly string[]
    }
  /** Entities that refer to themselves, nest too deep or grow too large (the "billion laughs"). */
  | {readonly error: string}

/** Entities nest at most this deep, and an expansion may not grow the file past this many characters. */
const maxDepth = 16
const maxLength = 16 * 1024 * 1024

const predefined = new Set(['lt', 'gt', 'amp', 'quot', 'apos'])
const declaration = /<!ENTITY\s+(%\s+)?([^\s%;&<>"']+)\s+(?:"([^"]*)"|'([^']*)'|(?:SYSTEM|PUBLIC)\b[^>]*)\s*>/g

export function cleanSvg(text: string): CleanedSvg {
  const found = findDoctype(text)
  if (!found) {
    const cleaned = withoutIllustratorData(text)
    return {text: cleaned, changed: cleaned !== text, droppedEntities: []}
  }
  const entities = new Map<string, string>()
  const external = new Set<string>()
  for (const match of found.subset.replace(/<!--[\s\S]*?-->/g, '').matchAll(declaration)) {
    // Parameter entities (`%name;`) belong to the DTD alone: nothing of the document uses them.
    if (match[1]) continue
    const name = match[2]!
    // The first declaration of an entity is the one that counts (XML 1.0, 4.2).
    if (entities.has(name) || external.has(name)) continue
    const value = match[3] ?? match[4]
    if (value === undefined) external.add(name)
    else entities.set(name, value)
  }
  const dropped = new Set<string>()
  let rest: string
  try {
    rest = expand(text.slice(found.end), entities, external, dropped)
  } catch (error) {
    if (error instanceof EntityError) return {error: error.message}
    throw error
  }
  // The declaration's line goes with it.
  const before = text.slice(0, found.start).replace(/[ \t]*$/, '')
  const joined = before + (before === '' || before.endsWith('\n') ? rest.replace(/^[ \t]*\r?\n/, '') : rest)
  return {text: withoutIllustratorData(joined), changed: true, droppedEntities: [...dropped]}
}

const illustrator = String.raw`http://ns\.adobe\.com/AdobeIllustrator/10\.0/`

/**
 * Illustrator's own editing data ("Preserve Illustrator Editing
 * Capabilities"): a `<foreignObject requiredExtensions="…Illustrator…">`
 * that EPUB forbids (only XHTML may be in one, RSC-005) and the `<i:pgf>`
 * blob it points at. No reader draws either; the drawing beside them in
 * the same `<switch>` stays.
 */
function withoutIllustratorData(text: string): string {
  if (!text.includes('ns.adobe.com/AdobeIllustrator')) return text
  const quoted = String.raw`\s*=\s*["']${illustrator}["']`
  let out = text.replace(new RegExp(String.raw`[ \t]*<foreignObject\b[^>]*\brequiredExtensions${quoted}[^>]*>[\s\S]*?</foreignObject>[ \t]*\r?\n?`, 'g'), '')
  for (const [, prefix] of text.matchAll(new RegExp(String.raw`\bxmlns:([A-Za-z_][\w.-]*)${quoted}`, 'g'))) {
    out = out.replace(new RegExp(String.raw`[ \t]*<${prefix}:pgf\b(?:[^>]*/>|[\s\S]*?</${prefix}:pgf\s*>)[ \t]*\r?\n?`, 'g'), '')
  }
  return out
}

class EntityError extends Error {}

/** Where the `<!DOCTYPE …>` is, with its internal subset (between `[` and `]`). */
function findDoctype(text: string): {start: number; end: number; subset: string} | undefined {
  const start = text.indexOf('<!DOCTYPE')
  if (start === -1) return undefined
  let index = start + '<!DOCTYPE'.length
  let subset = ''
  while (index < text.length) {
    const char = text[index]!
    if (char === '"' || char === "'") {
      const close = text.indexOf(char, index + 1)
      if (close === -1) return undefined
      index = close + 1
    } else if (char === '[') {
      const close = subsetEnd(text, index + 1)
      if (close === -1) return undefined
      subset = text.slice(index + 1, close)
      index = close + 1
    } else if (char === '>') {
      return {start, end: index + 1, subset}
    } else {
      index++
    }
  }
  return undefined
}

/** The `]` that closes an internal subset starting at `from`: quoted strings, comments and processing instructions may hold one. */
function subsetEnd(text: string, from: number): number {
  let index = from
  while (index < text.length) {
    const char = text[index]!
    if (char === ']') return index
    if (text.startsWith('<!--', index)) {
      const close = text.indexOf('-->', index + 4)
      if (close === -1) return -1
      index = close + 3
    } else if (text.startsWith('<?', index)) {
      const close = text.indexOf('?>', index + 2)
      if (close === -1) return -1
      index = close + 2
    } else if (char === '"' || char === "'") {
      const close = text.indexOf(char, index + 1)
      if (close === -1) return -1
      index = close + 1
    } else {
      index++
    }
  }
  return -1
}

/**
 * Replace `&name;` by the entity's text in the markup: as it is in
 * content, escaped in an attribute value (where `<` and quotes cannot be
 * written). Comments, CDATA sections and processing instructions are left
 * alone, as an XML parser leaves them.
 */
function expand(text: string, entities: ReadonlyMap<string, string>, external: ReadonlySet<string>, dropped: Set<string>): string {
  let out = ''
  let index = 0
  let inTag = false
  let quote: string | undefined
  // Each entity is expanded once: nested references cost their length, not their count.
  const expanded = new Map<string, string>()
  const resolve = (name: string, depth: number): string | undefined => {
    if (external.has(name)) {
      dropped.add(name)
      return ''
    }
    const value = entities.get(name)
    if (value === undefined) return undefined
    const known = expanded.get(name)
    if (known !== undefined) return known
    if (depth > maxDepth) throw new EntityError(`entity \`${name}\` nests more than ${maxDepth} deep (does it refer to itself?)`)
    let length = 0
    const inner = value.replace(/&([A-Za-z_:][\w.:-]*);/g, (whole, nested: string) => {
      const text = predefined.has(nested) ? whole : (resolve(nested, depth + 1) ?? whole)
      length += text.length
      if (length > maxLength) throw new EntityError(`entity \`${name}\` expands to more than ${maxLength / 1024 / 1024} MB`)
      return text
    })
    expanded.set(name, inner)
    return inner
  }
  const replace = (name: string, inAttribute: boolean): string | undefined => {
    const inner = resolve(name, 0)
    return inner !== undefined && inAttribute ? inner.replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;') : inner
  }
  while (index < text.length) {
    if (out.length > maxLength) throw new EntityError(`its entities expand it past ${maxLength / 1024 / 1024} MB`)
    if (!inTag) {
      const skip = ['<!--', '-->', '<![CDATA[', ']]>', '<?', '?>'] as const
      let skipped = false
      for (let at = 0; at < skip.length; at += 2) {
        if (text.startsWith(skip[at]!, index)) {
          const close = text.indexOf(skip[at + 1]!, index)
          const end = close === -1 ? text.length : close + skip[at + 1]!.length
          out += text.slice(index, end)
          index = end
          skipped = true
          break
        }
      }
      if (skipped) continue
    }
    const char = text[index]!
    if (char === '&') {
      const match = /^&([A-Za-z_:][\w.:-]*);/.exec(text.slice(index, index + 256))
      if (match && !predefined.has(match[1]!)) {
        const value = replace(match[1]!, inTag)
        if (value !== undefined) {
          out += value
          index += match[0].length
          continue
        }
      }
    } else if (inTag) {
      if (quote) {
        if (char === quote) quote = undefined
      } else if (char === '"' || char === "'") quote = char
      else if (char === '>') inTag = false
    } else if (char === '<') inTag = true
    out += char
    index++
  }
  return out
}
