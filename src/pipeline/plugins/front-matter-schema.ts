/** The front matter keys quire understands; any other key is kept in `meta.extra`. */
import {z} from 'zod'

const text = z.string().trim().min(1, 'expected a non-empty string')

/** `2022-10-04`, or a full ISO 8601 timestamp; checked to be a real date. */
const isoDate = z
  .union([z.string(), z.date()])
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

const language = z.string().transform((value, context) => {
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
  author: z.union([text, z.array(text)]).optional(),
  date: isoDate.optional(),
  lang: language.optional(),
  tags: z.union([text, z.array(z.union([text, z.number().transform(String)]))]).optional(),
  description: text.optional(),
  cover: text.optional()
})

export type FrontMatter = z.output<typeof frontMatterSchema>
