/**
 * Links checked against the note graph, on every build and for every note
 * (cached ones too): a link to a note that did not build is `missing-note`,
 * a `#fragment` that matches no id of its target is `missing-heading`.
 * Links to files that are not notes at all were reported by the parse.
 */
import type {VFileMessage} from 'vfile-message'
import type {NoteSummary} from '../model.js'
import {createMessage} from '../report.js'
import type {BuildGraph, NoteIndex} from './graph.js'

export function checkLinks(graph: BuildGraph, summaries: readonly NoteSummary[], index: NoteIndex): Map<string, VFileMessage[]> {
  const found = new Map<string, VFileMessage[]>()
  for (const summary of summaries) {
    const messages: VFileMessage[] = []
    const warn = (reason: string, ruleId: string, place: {readonly line?: number | undefined; readonly column?: number | undefined}) =>
      messages.push(createMessage(reason, {ruleId, severity: 'warning', line: place.line, column: place.column}))
    for (const link of summary.links) {
      if (link.kind === 'internal') {
        if (link.fragment && !summary.anchors.includes(link.fragment)) warn(`Link target \`#${link.fragment}\` not found in this note`, 'missing-heading', link)
        continue
      }
      if (link.kind !== 'note' || link.target === undefined) continue
      const target = index.pathOf(link.target)
      if (target === undefined || !graph.entry(target)) {
        warn(`Linked note has errors and was not built: ${link.url}`, 'missing-note', link)
        continue
      }
      if (target === summary.relativePath) {
        if (link.fragment && !summary.anchors.includes(link.fragment)) warn(`Link target \`#${link.fragment}\` not found in this note`, 'missing-heading', link)
      } else if (link.fragment && !graph.hasAnchor(target, link.fragment)) {
        warn(`Link target \`#${link.fragment}\` not found in ${target}`, 'missing-heading', link)
      }
    }
    if (messages.length > 0) found.set(summary.relativePath, messages)
  }
  return found
}
