/** What formats show of the notes a note links to, read from the note graph. */
import type {NoteGraph, QuireDocument} from '../model.js'

/**
 * The title of every note this one links to, by slug. Call it before
 * costly work: while other notes are still being parsed, asking the graph
 * about them holds this note until they are.
 */
export function linkedTitles(doc: QuireDocument, graph: NoteGraph): Map<string, string> {
  const titles = new Map<string, string>()
  for (const link of doc.links) {
    if (link.kind !== 'note' || link.target === undefined || titles.has(link.target)) continue
    const note = graph.note(link.target)
    if (note) titles.set(link.target, note.title)
  }
  return titles
}
