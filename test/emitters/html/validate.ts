/**
 * html-validate (v10) with its recommended rules, for every page the tests
 * build. Two rules are relaxed, each a style opinion: quire's pages pass all
 * the others (the doctype is written in upper case for `doctype-style`).
 * Relax a rule here only when it is a pure style opinion, and say why next
 * to it.
 */
import {HtmlValidate} from 'html-validate'

/**
 * `no-inline-style` (an opinion: structure CSS in stylesheets) allows the
 * properties KaTeX sets inline, and only those: they are its layout, a
 * height, depth and offset computed for each glyph box of each formula,
 * which no stylesheet can hold. `display` is the rule's own default.
 */
const katexLayout = [
  'display', 'height', 'width', 'min-width', 'vertical-align', 'position', 'top', 'bottom', 'left',
  'margin', 'margin-left', 'margin-right', 'margin-top', 'padding-left',
  'border', 'border-style', 'border-width', 'border-color', 'border-top-width', 'border-bottom-width', 'border-right-width', 'border-right-style',
  // `\color`, `\colorbox`: colours the note's TeX asks for.
  'color', 'background-color'
]

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'no-inline-style': ['error', {allowedProperties: katexLayout}],
    // HTML allows any id without spaces; the rule's stricter default (start with a letter) is for CSS
    // selectors. Obsidian's block ids start with `^` (`#^block-id`), and no stylesheet selects them.
    'valid-id': ['error', {relaxed: true}]
  }
})

/** Problems as `file:line:column rule message`; empty when the page is valid. */
export async function validatePage(html: string, name: string): Promise<string[]> {
  const report = await validator.validateString(html, name)
  return report.results.flatMap((result) => result.messages.map((message) => `${name}:${message.line}:${message.column} ${message.ruleId} ${message.message}`))
}
