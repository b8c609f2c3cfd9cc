/**
 * A callout in a thread: its type's emoji, then its title (`⚠️ Warning`,
 * `💡 Use the cache`): posts have no boxes or colours, and an emoji reads
 * the same on every platform. Emoji are counted like any other (two on X).
 */
import type {CalloutType} from '../../pipeline/callout-types.js'

const markers: Readonly<Record<CalloutType, string>> = {
  note: '📝',
  abstract: '📋',
  info: 'ℹ️',
  todo: '☑️',
  tip: '💡',
  success: '✅',
  question: '❓',
  warning: '⚠️',
  failure: '❌',
  danger: '⛔',
  bug: '🐛',
  example: '📎',
  quote: '💬'
}

/** `⚠️ Title`, and how the first paragraph of the content joins it: after a colon, unless the title ends a sentence itself. */
export function calloutLead(type: CalloutType, title: string): {lead: string; join: string} {
  return {lead: `${markers[type]} ${title}`, join: /[.:!?…]$/u.test(title) ? ' ' : ': '}
}
