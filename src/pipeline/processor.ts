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
import {dialectHandlers} from './handlers/index.js'
import remarkAssets from './plugins/remark-assets.js'
import remarkBlockIds from './plugins/remark-block-ids.js'
import remarkCallouts from './plugins/remark-callouts.js'
import remarkCodeInfo from './plugins/remark-code-info.js'
import remarkComments from './plugins/remark-comments.js'
import remarkEmbeds, {type EmbedOptions} from './plugins/remark-embeds.js'
import remarkFrontMatter from './plugins/remark-front-matter.js'
import remarkHeadingIds from './plugins/remark-heading-ids.js'
import rehypeQuireHighlight from './plugins/rehype-highlight.js'
import remarkHighlights from './plugins/remark-highlights.js'
import rehypeMath from './plugins/rehype-math.js'
import remarkMathFences from './plugins/remark-math-fences.js'
import remarkMathPrices from './plugins/remark-math-prices.js'
import remarkNoteLinks from './plugins/remark-note-links.js'
import remarkPageImages from './plugins/remark-page-images.js'
import rehypeRawHtml from './plugins/rehype-raw-html.js'
import rehypeMermaid from './plugins/rehype-mermaid.js'
import rehypeRawImages from './plugins/rehype-raw-images.js'
import rehypeSafeUrls from './plugins/rehype-safe-urls.js'
import remarkTags from './plugins/remark-tags.js'
import remarkTitle from './plugins/remark-title.js'
import remarkWikilinks from './plugins/remark-wikilinks.js'
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

/**
 * The Markdown syntax: CommonMark, YAML front matter, GFM, math. Math is
 * syntax: user plugins see prices as text and ```math fences as math already.
 * So is a code block's language: `rust,ignore` and `{.python}` are read as
 * `rust` and `python` once, before math fences and everything after.
 */
const syntax: PluggableList = [remarkParse, [remarkFrontmatter, ['yaml']], remarkGfm, remarkMath, remarkMathPrices, remarkCodeInfo, remarkMathFences]

/**
 * quire's own mdast transforms, in order (they run after the user's
 * `remarkPluginsBefore`, so a user's own callout plugin there wins):
 * - front matter, then wikilinks (a title may hold one) and block ids
 *   (embeds look for them), then the title;
 * - callouts and highlights; tags merge into `meta.tags` after the front
 *   matter set it, before `document.ts` reads it;
 * - remote "images" that are web pages become links first, then images
 *   and links are resolved before embeds, so embedded content, resolved
 *   relative to its own note, is never resolved again.
 * An embedded note goes through comments and the same list (`embedded`
 * builds that processor).
 */
function transforms(embedded: EmbedOptions['processor']): PluggableList {
  return [
    remarkFrontMatter,
    remarkWikilinks,
    remarkBlockIds,
    remarkTitle,
    remarkCallouts,
    remarkHighlights,
    remarkTags,
    remarkPageImages,
    remarkAssets,
    remarkNoteLinks,
    [remarkEmbeds, {processor: embedded}]
  ]
}

export function createProcessor(options?: Readonly<ProcessorOptions> | null) {
  const settings = options ?? {}
  let forEmbeds: ReturnType<EmbedOptions['processor']> | undefined
  // Built on the first embed: parse and quire's transforms only (the embedding note's user plugins see the result).
  const embedded: EmbedOptions['processor'] = () =>
    (forEmbeds ??= unified().use(syntax).use(remarkComments).use(transforms(embedded)) as unknown as ReturnType<EmbedOptions['processor']>)
  return unified()
    .use(syntax)
    // Comments go first, before user plugins too: no title, tag, link or text may come out of one.
    .use(remarkComments)
    .use(settings.remarkPluginsBefore ?? [])
    .use(transforms(embedded))
    .use(settings.remarkPlugins ?? [])
    .use(remarkHeadingIds)
    .use(remarkRehype, {allowDangerousHtml: true, handlers: dialectHandlers})
    .use(settings.rehypePluginsBefore ?? [])
    .use(rehypeRawHtml, {always: settings.alwaysParseRaw, tagFilter: !settings.trustedHtml})
    .use(settings.trustedHtml ? [] : [[rehypeSanitize, sanitizeSchema], rehypeSafeUrls])
    .use(rehypeRawImages)
    // Before highlighting, which would take display math for a code block in an unknown language.
    .use(rehypeMath)
    .use(rehypeMermaid)
    .use(rehypeQuireHighlight)
    .use(settings.rehypePlugins ?? [])
}

export type Processor = ReturnType<typeof createProcessor>
