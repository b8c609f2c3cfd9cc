/**
 * Turns arbitrary values (front matter `extra`, user plugins' mdast `data`)
 * into plain JSON, the same way on every machine: no `undefined`, no
 * `NaN`, no cycles, dates as ISO strings.
 */
import type {JsonValue} from './shape.js'

export function toJsonValue(value: unknown): JsonValue {
  return convert(value, new Set()) ?? null
}

/** `undefined` means "drop this key", as JSON.stringify does. */
function convert(value: unknown, ancestors: Set<object>): JsonValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) ? value : null
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString()
    case 'object':
      break
    default:
      // undefined, functions, symbols
      return undefined
  }
  if (value === null) return null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (ancestors.has(value)) return null
  ancestors.add(value)
  try {
    if (Array.isArray(value)) return value.map((item) => convert(item, ancestors) ?? null)
    const entries = value instanceof Map ? [...value.entries()].map(([key, item]) => [String(key), item] as const) : Object.entries(value)
    const out: {[key: string]: JsonValue} = {}
    for (const [key, item] of entries) {
      const converted = convert(item, ancestors)
      // defineProperty: a front matter key named `__proto__` stays a plain key.
      if (converted !== undefined) Object.defineProperty(out, key, {value: converted, enumerable: true, writable: true, configurable: true})
    }
    return out
  } finally {
    ancestors.delete(value)
  }
}

/**
 * The file text: two-space indent (or one line) and a trailing newline.
 * No replacer: V8's native path nests deeper than a JS callback allows.
 */
export function serialize(value: unknown, pretty: boolean): string {
  return JSON.stringify(value, null, pretty ? 2 : undefined) + '\n'
}
