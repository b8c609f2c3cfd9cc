/**
 * The sanitize schema for raw HTML in notes: GitHub's (rehype-sanitize's
 * default) plus what quire's own transforms emit. `clobberPrefix` is empty
 * because heading ids must match the table of contents and quire pages run
 * no script that DOM clobbering could mislead.
 */
import {defaultSchema, type Options} from 'rehype-sanitize'
import {calloutTypes} from './callout-types.js'

const base = defaultSchema
const attributes = base.attributes ?? {}

// Callouts (handlers/callout.ts): the box, its title and content, the type as written.
const calloutBox = ['className', 'callout', ...calloutTypes.map((type) => `callout-${type}`)] as const
const calloutName = ['dataCallout', /^[\p{L}\p{N}_-]+$/u] as const

export const sanitizeSchema: Options = {
  ...base,
  clobberPrefix: '',
  clobber: [],
  attributes: {
    ...attributes,
    a: [...(attributes.a ?? []), 'dataNote', 'dataFootnoteRef', 'dataFootnoteBackref', 'ariaDescribedBy', 'ariaLabel'],
    // Callouts; an embedded note's content (remark-embeds).
    div: [...(attributes.div ?? []), [...calloutBox, 'callout-content', 'embed'], [...calloutName], 'dataEmbed'],
    details: [...(attributes.details ?? []), [...calloutBox], [...calloutName]],
    p: [...(attributes.p ?? []), ['className', 'callout-title']],
    summary: [...(attributes.summary ?? []), ['className', 'callout-title']],
    // A callout's type in words for screen readers; an inline tag (handlers/tag.ts); a wikilink that leads nowhere.
    span: [...(attributes.span ?? []), ['className', 'sr-only', 'tag', 'missing-link'], ['dataTag', /^[\p{L}\p{M}\p{N}_/-]+$/u]],
    // hast-util-sanitize reads only the first `className` entry of a tag, so this one replaces
    // GitHub's (`language-*`, kept) instead of following it: remark-math marks `$…$` and `$$…$$`
    // with `math-inline` and `math-display`, which quire renders after sanitizing.
    code: [...(attributes.code ?? []).filter((entry) => !(Array.isArray(entry) && entry[0] === 'className')), ['className', /^language-./, 'math-inline', 'math-display']],
    section: [...(attributes.section ?? []), 'dataFootnotes', ['className', 'footnotes']],
    // A code block with a title (handlers/code.ts).
    figure: [['className', 'code']],
    figcaption: [['className', 'code-title']],
    h2: [...(attributes.h2 ?? []), ['className', 'sr-only']],
    li: [...(attributes.li ?? []), ['className', 'task-list-item']],
    ul: [...(attributes.ul ?? []), ['className', 'contains-task-list']],
    ol: [...(attributes.ol ?? []), ['className', 'contains-task-list']],
    th: [...(attributes.th ?? []), 'align'],
    td: [...(attributes.td ?? []), 'align'],
    '*': [...(attributes['*'] ?? []), 'id']
  },
  // `mark`: `==highlights==` (handlers/highlight.ts); `figure`: a code block with a title (handlers/code.ts).
  tagNames: [...(base.tagNames ?? []), 'section', 'mark', 'figure', 'figcaption'],
  // Drop the contents of these too, not only the tags: CSS text is not prose.
  strip: [...(base.strip ?? []), 'style'],
  // URL schemes are checked by rehype-safe-urls, right after: as browsers read them (any case, `foo):` is relative).
  protocols: {}
}
