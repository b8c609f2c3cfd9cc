/** Options of the `thread` emitter (config key `thread`), validated with defaults. */
import {z} from 'zod'
import {parseOptions} from '../options.js'
import {platformIds} from './platforms.js'

const limit = (min: number, max: number, fallback: number) =>
  z.strictObject({limit: z.number().int().min(min).max(max).default(fallback)}).default({limit: fallback})

export const threadOptionsSchema = z.strictObject({
  /** `section`: one thread per top-level section plus a summary thread; `note`: only the summary thread. */
  split: z.enum(['section', 'note']).default('section'),
  platforms: z
    .array(z.enum(platformIds as ['x', 'bluesky', 'mastodon']))
    .min(1)
    .default(['x', 'bluesky', 'mastodon'])
    .transform((list) => [...new Set(list)]),
  /** `true`: from the note's tags; `false`: none; a list: these. */
  hashtags: z.union([z.boolean(), z.array(z.string().min(1))]).default(true),
  maxHashtags: z.number().int().min(0).max(10).default(3),
  numbering: z.enum(['suffix', 'prefix', 'none']).default('suffix'),
  /** `fit`: one post per sub-section with as many key points as fit; `all`: every point, over several posts if needed. */
  points: z.enum(['fit', 'all']).default('fit'),
  /** Code blocks: `summary` writes `(code: js)`, `drop` leaves them out. */
  code: z.enum(['summary', 'drop']).default('summary'),
  x: limit(40, 280, 280),
  bluesky: limit(40, 300, 300),
  mastodon: limit(40, 100_000, 500)
})

export type ThreadOptions = z.output<typeof threadOptionsSchema>

export function parseThreadOptions(input: unknown): ThreadOptions {
  return parseOptions(threadOptionsSchema, input)
}
