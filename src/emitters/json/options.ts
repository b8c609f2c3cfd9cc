/**
 * Options of the `json` format (the `json` key of the config file). Unknown
 * keys are errors: a typo must not silently drop the mdast from the output.
 */
import {z} from 'zod'

export const jsonOptionsSchema = z.strictObject({
  /** Add the full mdast (with positions) of each note under `mdast`. Default: false. */
  includeMdast: z.boolean().default(false),
  /** Two-space indented output; `false` writes one line per file. Default: true. */
  pretty: z.boolean().default(true),
  /** Write `json/index.json` listing every note. Default: true. */
  index: z.boolean().default(true)
})

export type JsonOptions = z.output<typeof jsonOptionsSchema>

/** Validate and complete the user's options; `null`/`undefined` mean "all defaults". */
export function parseJsonOptions(input: unknown): JsonOptions {
  const result = jsonOptionsSchema.safeParse(input ?? {})
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  const known = Object.keys(jsonOptionsSchema.shape).join(', ')
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `\`${key}\``).join(', ')
    throw new Error(`unknown option${issue.keys.length > 1 ? 's' : ''} ${keys} (known: ${known})`)
  }
  if (issue.path.length === 0) throw new Error(`expected an object of options (${known}), got ${describe(input)}`)
  const key = issue.path.map(String).join('.')
  const value = (input as Record<string, unknown>)[String(issue.path[0])]
  const expected = issue.code === 'invalid_type' && issue.expected === 'boolean' ? 'expected true or false' : issue.message
  throw new Error(`\`${key}\`: ${expected}, got ${describe(value)}`)
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array'
  if (value === null) return 'null'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'object') return 'an object'
  return String(value)
}
