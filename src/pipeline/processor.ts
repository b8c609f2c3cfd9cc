/**
 * Builds the unified processor once per build: parse and transform only (no
 * compiler); emitters take the trees from there. User plugins slot in before
 * and after quire's own transforms in each phase.
 */
import rehypeSanitize from 'rehype-sanitize'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified, type PluggableList} from 'unified'
import quireAssets from './plugins/remark-assets.js'
import quireFrontMatter from './plugins/remark-front-matter.js'
import quireHeadingIds from './plugins/remark-heading-ids.js'
import quireHighlight from './plugins/rehype-highlight.js'
import quireNoteLinks from './plugins/remark-note-links.js'
import quireRawHtml from './plugins/rehype-raw-html.js'
import quireRawImages from './plugins/rehype-raw-images.js'
import quireTitle from './plugins/remark-title.js'
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
    .use(settings.remarkPluginsBefore ?? [])
    .use(quireFrontMatter)
    .use(quireTitle)
    .use(quireAssets)
    .use(quireNoteLinks)
    .use(settings.remarkPlugins ?? [])
    .use(quireHeadingIds)
    .use(remarkRehype, {allowDangerousHtml: true})
    .use(settings.rehypePluginsBefore ?? [])
    .use(quireRawHtml, {always: settings.alwaysParseRaw})
    .use(settings.trustedHtml ? [] : [[rehypeSanitize, sanitizeSchema]])
    .use(quireRawImages)
    .use(quireHighlight)
    .use(settings.rehypePlugins ?? [])
}

export type Processor = ReturnType<typeof createProcessor>
