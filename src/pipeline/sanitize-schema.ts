/**
 * The sanitize schema for raw HTML in notes: GitHub's (rehype-sanitize's
 * default) plus what quire's own transforms emit. `clobberPrefix` is empty
 * because heading ids must match the table of contents and quire pages run
 * no script that DOM clobbering could mislead.
 */
import {defaultSchema, type Options} from 'rehype-sanitize'

const base = defaultSchema
const attributes = base.attributes ?? {}

export const sanitizeSchema: Options = {
  ...base,
  clobberPrefix: '',
  clobber: [],
  attributes: {
    ...attributes,
    a: [...(attributes.a ?? []), 'dataNote', 'dataFootnoteRef', 'dataFootnoteBackref', 'ariaDescribedBy', 'ariaLabel'],
    // hast-util-sanitize reads only the first `className` entry of a tag, so this one replaces
    // GitHub's (`language-*`, kept) instead of following it: remark-math marks `$…$` and `$$…$$`
    // with `math-inline` and `math-display`, which quire renders after sanitizing.
    code: [...(attributes.code ?? []).filter((entry) => !(Array.isArray(entry) && entry[0] === 'className')), ['className', /^language-./, 'math-inline', 'math-display']],
    section: [...(attributes.section ?? []), 'dataFootnotes', ['className', 'footnotes']],
    h2: [...(attributes.h2 ?? []), ['className', 'sr-only']],
    li: [...(attributes.li ?? []), ['className', 'task-list-item']],
    ul: [...(attributes.ul ?? []), ['className', 'contains-task-list']],
    ol: [...(attributes.ol ?? []), ['className', 'contains-task-list']],
    th: [...(attributes.th ?? []), 'align'],
    td: [...(attributes.td ?? []), 'align'],
    '*': [...(attributes['*'] ?? []), 'id']
  },
  tagNames: [...(base.tagNames ?? []), 'section'],
  // Drop the contents of these too, not only the tags: CSS text is not prose.
  strip: [...(base.strip ?? []), 'style'],
  protocols: {...base.protocols, href: ['http', 'https', 'mailto', 'tel']}
}
