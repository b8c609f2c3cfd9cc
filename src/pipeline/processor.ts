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
import {dialectHandlers} from './handlers/index.js'
import remarkAssets from './plugins/remark-assets.js'
import remarkCallouts from './plugins/remark-callouts.js'
import remarkComments from './plugins/remark-comments.js'
import remarkFrontMatter from './plugins/remark-front-matter.js'
import remarkHeadingIds from './plugins/remark-heading-ids.js'
import rehypeQuireHighlight from './plugins/rehype-highlight.js'
import remarkHighlights from './plugins/remark-highlights.js'
import remarkNoteLinks from './plugins/remark-note-links.js'
import rehypeRawHtml from './plugins/rehype-raw-html.js'
import rehypeRawImages from './plugins/rehype-raw-images.js'
import remarkTags from './plugins/remark-tags.js'
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
    // Comments go first, before user plugins too: no title, tag, link or text may come out of one.
    .use(remarkComments)
    .use(settings.remarkPluginsBefore ?? [])
    .use(remarkFrontMatter)
    .use(remarkTitle)
    // The rest of the dialect comes after `remarkPluginsBefore`, so a user's own callout plugin there wins.
    .use(remarkCallouts)
    .use(remarkHighlights)
    // Tags merge into `meta.tags`: after front matter set it, before document.ts reads it.
    .use(remarkTags)
    .use(remarkAssets)
    .use(remarkNoteLinks)
    .use(settings.remarkPlugins ?? [])
    .use(remarkHeadingIds)
    .use(remarkRehype, {allowDangerousHtml: true, handlers: dialectHandlers})
    .use(settings.rehypePluginsBefore ?? [])
    .use(rehypeRawHtml, {always: settings.alwaysParseRaw})
    .use(settings.trustedHtml ? [] : [[rehypeSanitize, sanitizeSchema]])
    .use(rehypeRawImages)
    .use(rehypeQuireHighlight)
    .use(settings.rehypePlugins ?? [])
}

export type Processor = ReturnType<typeof createProcessor>
