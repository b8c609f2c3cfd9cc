/**
 * Builds the unified processor once per build: parse and transform only (no
 * compiler); emitters take the trees from there. User plugins slot in before
 * and after quire's own transforms in each phase.
 */
import rehypeSanitize from 'rehype-sanitize'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified, type PluggableList} from 'unified'
import remarkAssets from './plugins/remark-assets.js'
import remarkFrontMatter from './plugins/remark-front-matter.js'
import remarkHeadingIds from './plugins/remark-heading-ids.js'
import rehypeQuireHighlight from './plugins/rehype-highlight.js'
import rehypeMath from './plugins/rehype-math.js'
import remarkMathFences from './plugins/remark-math-fences.js'
import remarkMathPrices from './plugins/remark-math-prices.js'
import remarkNoteLinks from './plugins/remark-note-links.js'
import rehypeRawHtml from './plugins/rehype-raw-html.js'
import rehypeRawImages from './plugins/rehype-raw-images.js'
import remarkTitle from './plugins/remark-title.js'
import {sanitizeSchema} from './sanitize-schema.js'

export interface ProcessorOptions {
  /** Run before quire's mdast transforms (front matter is still in the tree). */
  readonly remarkPluginsBefore?: PluggableList | null | undefined
  /** Run after quire's mdast transforms, before heading ids and remark-rehype. */
  readonly remarkPlugins?: PluggableList | null | undefined
  /** Run on the hast before raw HTML is parsed and sanitized. */
  readonly rehypePluginsBefore?: PluggableList | null | undefined
  /** Run on the final hast (after sanitizing and highlighting): trusted code. */
  readonly rehypePlugins?: PluggableList | null | undefined
  /** Keep raw HTML as written instead of sanitizing it. Default: false. */
  readonly trustedHtml?: boolean | null | undefined
  /** Internal, for tests: parse every note through parse5, raw HTML or not. */
  readonly alwaysParseRaw?: boolean | undefined
}

export function createProcessor(options?: Readonly<ProcessorOptions> | null) {
  const settings = options ?? {}
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    // Math is syntax: user plugins see prices as text and ```math fences as math already.
    .use(remarkMath)
    .use(remarkMathPrices)
    .use(remarkMathFences)
    .use(settings.remarkPluginsBefore ?? [])
    .use(remarkFrontMatter)
    .use(remarkTitle)
    .use(remarkAssets)
    .use(remarkNoteLinks)
    .use(settings.remarkPlugins ?? [])
    .use(remarkHeadingIds)
    .use(remarkRehype, {allowDangerousHtml: true})
    .use(settings.rehypePluginsBefore ?? [])
    .use(rehypeRawHtml, {always: settings.alwaysParseRaw})
    .use(settings.trustedHtml ? [] : [[rehypeSanitize, sanitizeSchema]])
    .use(rehypeRawImages)
    // Before highlighting, which would take display math for a code block in an unknown language.
    .use(rehypeMath)
    .use(rehypeQuireHighlight)
    .use(settings.rehypePlugins ?? [])
}

export type Processor = ReturnType<typeof createProcessor>
