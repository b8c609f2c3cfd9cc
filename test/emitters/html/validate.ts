/**
 * html-validate (v10) with its recommended rules, for every page the tests
 * build. No rule is relaxed: quire's pages pass all of them (the doctype is
 * written in upper case for `doctype-style`). Relax a rule here only when it
 * is a pure style opinion, and say why next to it.
 */
import {HtmlValidate} from 'html-validate'

const validator = new HtmlValidate({extends: ['html-validate:recommended']})

/** Problems as `file:line:column rule message`; empty when the page is valid. */
export async function validatePage(html: string, name: string): Promise<string[]> {
  const report = await validator.validateString(html, name)
  return report.results.flatMap((result) => result.messages.map((message) => `${name}:${message.line}:${message.column} ${message.ruleId} ${message.message}`))
}
