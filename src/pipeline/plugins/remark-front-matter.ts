/**
 * Reads the YAML front matter block into `file.data.meta` (without title,
 * which `title.ts` settles) and removes it from the tree. Bad YAML and
 * wrong types are positioned errors, never exceptions.
 */
import type {Root, Yaml} from 'mdast'
import type {VFile} from 'vfile'
import {isMap, LineCounter, parseDocument, type Document} from 'yaml'
import {frontMatterSchema, type FrontMatter} from '../front-matter-schema.js'

const known = new Set(Object.keys(frontMatterSchema.shape))

export default function remarkFrontMatter() {
  return function (tree: Root, file: VFile): void {
    const first = tree.children[0]
    const node = first && first.type === 'yaml' ? first : undefined
    if (node) tree.children.shift()
    const data = node ? readYaml(node, file) : {}
    file.data.meta = toMeta(data, node, file)
  }
}

type Raw = Record<string, unknown>

function readYaml(node: Yaml, file: VFile): Raw {
  // The YAML text starts on the line after the opening `---`.
  const firstLine = (node.position?.start.line ?? 1) + 1
  const lineCounter = new LineCounter()
  const doc = parseDocument(node.value, {lineCounter, prettyErrors: false, uniqueKeys: true})
  for (const error of doc.errors) {
    const at = lineCounter.linePos(error.pos[0])
    file.message('Invalid YAML front matter: ' + firstSentence(error.message), {
      place: {line: firstLine + at.line - 1, column: at.col},
      ruleId: 'front-matter-yaml',
      source: 'quire'
    }).fatal = true
  }
  if (doc.errors.length > 0) return {}
  if (doc.contents === null) return {}
  if (!isMap(doc.contents)) {
    file.message('Front matter must be a mapping of keys to values', {
      place: node.position,
      ruleId: 'front-matter-type',
      source: 'quire'
    }).fatal = true
    return {}
  }
  const value = doc.toJS({maxAliasCount: 100}) as Raw
  return locateKeys(value, doc, lineCounter, firstLine)
}

const keyLines = new WeakMap<Raw, Map<string, {line: number; column: number}>>()

/** Remember where each top-level key sits so type errors can point at it. */
function locateKeys(value: Raw, doc: Document, counter: LineCounter, firstLine: number): Raw {
  const lines = new Map<string, {line: number; column: number}>()
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = pair.key as {value?: unknown; range?: [number, number, number]} | null
      if (key && key.range && typeof key.value === 'string') {
        const at = counter.linePos(key.range[0])
        lines.set(key.value, {line: firstLine + at.line - 1, column: at.col})
      }
    }
  }
  keyLines.set(value, lines)
  return value
}

/**
 * Known keys written without a value (`description:`, `tags: []`, a list of
 * blanks) say nothing: a warning each, and the key is treated as absent.
 * Blank entries of a list are dropped the same way.
 */
function withoutEmpty(data: Raw, lines: Map<string, {line: number; column: number}> | undefined, node: Yaml | undefined, file: VFile): Raw {
  const out: Raw = {}
  for (const [key, value] of Object.entries(data)) {
    const kept = Array.isArray(value) ? value.filter((item) => !isBlank(item)) : value
    if (isBlank(kept) || (Array.isArray(kept) && kept.length === 0)) {
      file.message(`Front matter \`${key}\` ${Array.isArray(value) ? 'is an empty list' : 'has no value'}; it is ignored`, {place: lines?.get(key) ?? node?.position, ruleId: 'front-matter-empty', source: 'quire'})
      continue
    }
    if (Array.isArray(value) && Array.isArray(kept) && kept.length < value.length) {
      file.message(`Front matter \`${key}\` has empty entries; they are ignored`, {place: lines?.get(key) ?? node?.position, ruleId: 'front-matter-empty', source: 'quire'})
    }
    out[key] = kept
  }
  return out
}

const isBlank = (value: unknown): boolean => value === null || value === undefined || (typeof value === 'string' && value.trim() === '')

function toMeta(data: Raw, node: Yaml | undefined, file: VFile) {
  const given = withoutEmpty(pick(data, known), keyLines.get(data), node, file)
  const result = frontMatterSchema.safeParse(given)
  let valid: FrontMatter = {}
  if (result.success) {
    valid = result.data
  } else {
    const lines = keyLines.get(data)
    const bad = new Set<string>()
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '')
      bad.add(key)
      file.message(`Invalid front matter \`${key}\`: ${issue.message}`, {
        place: lines?.get(key) ?? node?.position,
        ruleId: 'front-matter-type',
        source: 'quire'
      }).fatal = true
    }
    // Keep the keys that were fine so later steps still see them.
    const rest = frontMatterSchema.partial().safeParse(omit(given, bad))
    if (rest.success) valid = rest.data
  }
  const extra: Raw = {}
  // defineProperty: a key named `__proto__` must stay a key, not become extra's prototype.
  for (const [key, value] of Object.entries(data)) if (!known.has(key)) Object.defineProperty(extra, key, {value, enumerable: true, writable: true, configurable: true})
  return {
    title: valid.title ?? '',
    titleSource: valid.title ? ('front-matter' as const) : ('file-name' as const),
    subtitle: valid.subtitle,
    authors: valid.author === undefined ? [] : typeof valid.author === 'string' ? [valid.author] : valid.author,
    date: valid.date,
    lang: valid.lang ?? 'en',
    tags: valid.tags === undefined ? [] : typeof valid.tags === 'string' ? [valid.tags] : valid.tags,
    description: valid.description,
    cover: valid.cover,
    order: valid.order,
    extra
  }
}

function pick(data: Raw, keys: Set<string>): Raw {
  const out: Raw = {}
  for (const [key, value] of Object.entries(data)) if (keys.has(key)) out[key] = value
  return out
}

function omit(data: Raw, keys: Set<string>): Raw {
  const out: Raw = {}
  for (const [key, value] of Object.entries(data)) if (!keys.has(key)) out[key] = value
  return out
}

function firstSentence(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}
