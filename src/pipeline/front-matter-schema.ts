/** The front matter keys quire understands; any other key is kept in `meta.extra`. */
import {z} from 'zod'

const text = z.string({error: (issue) => `expected text, got ${describe(issue.input)}`}).trim().min(1, 'expected a non-empty string')

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`
}

/** `2022-10-04`, or a full ISO 8601 timestamp; checked to be a real date. */
const isoDate = z
  .union([z.string(), z.date()], {error: (issue) => `expected an ISO 8601 date like 2022-10-04, got ${describe(issue.input)}`})
  .transform((value, context) => {
    const textValue = value instanceof Date ? value.toISOString() : value.trim()
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(textValue)
    const time = match ? Date.parse(textValue.replace(' ', 'T')) : Number.NaN
    const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined
    if (!match || Number.isNaN(time) || !day || day.getUTCDate() !== Number(match[3])) {
      context.addIssue({code: 'custom', message: `expected an ISO 8601 date like 2022-10-04, got ${JSON.stringify(value)}`})
      return z.NEVER
    }
    return textValue
  })

const language = z.string({error: (issue) => `expected a BCP 47 language tag like en or pt-BR, got ${describe(issue.input)}`}).transform((value, context) => {
  try {
    const [canonical] = Intl.getCanonicalLocales(value.trim())
    if (canonical) return canonical
  } catch {}
  context.addIssue({code: 'custom', message: `expected a BCP 47 language tag like en or pt-BR, got ${JSON.stringify(value)}`})
  return z.NEVER
})

export const frontMatterSchema = z.object({
  title: text.optional(),
  subtitle: text.optional(),
  author: z.union([text, z.array(text)], {error: (issue) => `expected a name or a list of names, got ${describe(issue.input)}`}).optional(),
  date: isoDate.optional(),
  lang: language.optional(),
  tags: z
    .union([text, z.array(z.union([text, z.number().transform(String)]))], {error: (issue) => `expected a tag or a list of tags, got ${describe(issue.input)}`})
    .optional(),
  description: text.optional(),
  cover: text.optional(),
  /** Place among the notes of its folder (site sidebar, previous/next, books): lower first. */
  order: z.number({error: (issue) => `expected a number, got ${describe(issue.input)}`}).finite().optional()
})

export type FrontMatter = z.output<typeof frontMatterSchema>
