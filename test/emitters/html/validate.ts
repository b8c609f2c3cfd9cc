/**
 * html-validate (v10) with its recommended rules, for every page the tests
 * build. One rule is relaxed (below): quire's pages pass all the others (the doctype is
 * written in upper case for `doctype-style`). Relax a rule here only when it
 * is a pure style opinion, and say why next to it.
 */
import {HtmlValidate} from 'html-validate'

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
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
