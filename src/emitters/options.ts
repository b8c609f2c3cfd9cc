/**
 * One way for every emitter to validate its options with a zod schema and
 * to word the error: the key path, what was expected, what was found.
 */
import type {z} from 'zod'
import {keyPath} from '../config/schema.js'

/** Validate `input` (undefined/null: all defaults); throw an Error naming the key on failure. */
export function parseOptions<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input ?? {})
  if (parsed.success) return parsed.data
  throw new Error(describeIssue(parsed.error.issues[0]!, input, knownKeys(schema)))
}

export function describeIssue(issue: z.core.$ZodIssue, input: unknown, known: readonly string[] = []): string {
  const key = keyPath(issue.path)
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((name) => `\`${key ? key + '.' : ''}${name}\``)
    return `unknown option${names.length > 1 ? 's' : ''} ${names.join(', ')}${known.length > 0 && !key ? ` (known: ${known.join(', ')})` : ''}`
  }
  const value = valueAt(input, issue.path)
  if (issue.path.length === 0 && issue.code === 'invalid_type') return `expected an object of options${known.length > 0 ? ` (${known.join(', ')})` : ''}, got ${describe(value)}`
  const expected =
    issue.code === 'invalid_type' ? (issue.expected === 'boolean' ? 'expected true or false' : `expected ${issue.expected}`) : issue.message
  const found = issue.code === 'invalid_type' || issue.code === 'invalid_value' ? `, got ${describe(value)}` : ''
  return `${key ? `\`${key}\`: ` : ''}${expected}${found}`
}

function knownKeys(schema: z.ZodType): string[] {
  const shape = (schema as unknown as {shape?: Record<string, unknown>}).shape
  return shape ? Object.keys(shape) : []
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const part of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[part] : undefined
  return value
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'object') return 'an object'
  return String(value)
}
