/**
 * Options of the `json` format (the `json` key of the config file). Unknown
 * keys are errors: a typo must not silently drop the mdast from the output.
 */
import {z} from 'zod'
import {parseOptions} from '../options.js'

const jsonOptionsSchema = z.strictObject({
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
  return parseOptions(jsonOptionsSchema, input)
}
