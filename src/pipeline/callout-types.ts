/**
 * The callout types Obsidian documents (help.obsidian.md/callouts) with
 * their aliases. GitHub's five alerts are among them: NOTE, TIP, IMPORTANT
 * (an alias of tip), WARNING and CAUTION (an alias of warning). Names are
 * matched without regard to case.
 */
export const calloutTypes = ['note', 'abstract', 'info', 'todo', 'tip', 'success', 'question', 'warning', 'failure', 'danger', 'bug', 'example', 'quote'] as const

export type CalloutType = (typeof calloutTypes)[number]

const aliases: Readonly<Record<string, CalloutType>> = {
  summary: 'abstract',
  tldr: 'abstract',
  hint: 'tip',
  important: 'tip',
  check: 'success',
  done: 'success',
  help: 'question',
  faq: 'question',
  caution: 'warning',
  attention: 'warning',
  fail: 'failure',
  missing: 'failure',
  error: 'danger',
  cite: 'quote'
}

const known = new Set<string>(calloutTypes)

/** What a callout written as `name` (lower-cased) is drawn as; a name quire does not know is drawn as a note. */
export function calloutTypeOf(name: string): CalloutType {
  if (known.has(name)) return name as CalloutType
  // Own keys only: `[!constructor]` is not an alias.
  return Object.hasOwn(aliases, name) ? aliases[name]! : 'note'
}

/** The title a callout shows when none is written: its name as written, capitalised (`[!faq]` → `Faq`, `[!NOTE]` → `Note`). */
export function defaultCalloutTitle(name: string): string {
  const lower = name.toLowerCase()
  return lower.charAt(0).toUpperCase() + lower.slice(1)
}
