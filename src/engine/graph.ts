/**
 * The note graph: every note that parsed, its title and tags, the ids its
 * links may point at, and the links between notes in both directions. It
 * is built from summaries (fresh or cached), so it costs no parse, and it
 * travels to worker threads as plain data.
 *
 * A note step sees the graph through a `GraphView` that records every
 * answer it gave (a hash per question). The cache keeps those answers
 * with the note's outputs, and the next build asks the same questions of
 * its own graph: a different answer means the outputs are stale. Before
 * every note has a summary (the first pass of a build), the view can only
 * answer questions about the note itself; any other question marks the
 * step as pending, and the note is held until the graph is complete.
 */
import type {GraphNote, Neighbours, NoteGraph, NoteLink, NoteSummary} from '../model.js'
import {hashValue} from '../cache/hash.js'
import {siteOrder} from './site-order.js'

/** A note in the graph's plain form. */
export interface GraphEntry extends GraphNote {
  readonly anchors: readonly string[]
  readonly links: readonly NoteLink[]
}

/** What a worker needs to answer graph questions: every entry, in collection order. */
export interface GraphData {
  readonly entries: readonly GraphEntry[]
}

/** Newest first; undated notes after dated ones; then by title, then by slug. */
export function collectionOrder<Note extends {readonly slug: string; readonly meta: {readonly date?: string | undefined; readonly title: string}}>(notes: readonly Note[]): Note[] {
  return [...notes].sort((a, b) => {
    const dateA = a.meta.date ?? ''
    const dateB = b.meta.date ?? ''
    if (dateA !== dateB) return dateA < dateB ? 1 : -1
    return a.meta.title.localeCompare(b.meta.title, 'en') || (a.slug < b.slug ? -1 : 1)
  })
}

/** One note's graph entry from its summary. */
export function graphEntry(summary: NoteSummary, notes: NoteIndex): GraphEntry {
  const links: NoteLink[] = []
  for (const link of summary.links) {
    if (link.kind !== 'note' || link.target === undefined) continue
    const to = notes.pathOf(link.target)
    if (to === undefined) continue
    links.push({
      from: summary.relativePath,
      to,
      fragment: link.fragment,
      text: link.text,
      line: link.line,
      column: link.column,
      ...(link.context ? {context: link.context} : {}),
      ...(link.embed ? {embed: true as const} : {})
    })
  }
  const {meta} = summary
  return {
    relativePath: summary.relativePath,
    slug: summary.slug,
    title: meta.title,
    subtitle: meta.subtitle,
    date: meta.date,
    order: meta.order,
    lang: meta.lang,
    tags: meta.tags,
    anchors: summary.anchors,
    links
  }
}

export function graphData(summaries: readonly NoteSummary[], notes: NoteIndex): GraphData {
  return {entries: collectionOrder(summaries).map((summary) => graphEntry(summary, notes))}
}

/** The card other notes see: no anchors or links (those are asked for by name). */
function card(entry: GraphEntry): GraphNote {
  const {relativePath, slug, title, subtitle, date, order, lang, tags} = entry
  return {relativePath, slug, title, subtitle, date, order, lang, tags}
}

/** The complete graph of a build. */
export class BuildGraph implements NoteGraph {
  private readonly byPath = new Map<string, GraphEntry>()
  private readonly bySlug = new Map<string, GraphEntry>()
  private readonly incoming = new Map<string, NoteLink[]>()
  private readonly cards: readonly GraphNote[]
  private siteCards: readonly GraphNote[] | undefined
  private sitePlace: Map<string, number> | undefined

  constructor(readonly data: GraphData) {
    for (const entry of data.entries) {
      this.byPath.set(entry.relativePath, entry)
      this.bySlug.set(entry.slug, entry)
    }
    const sources = [...data.entries].sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0))
    for (const entry of sources) {
      for (const link of entry.links) {
        if (link.to === entry.relativePath) continue
        const list = this.incoming.get(link.to) ?? []
        list.push(link)
        this.incoming.set(link.to, list)
      }
    }
    this.cards = data.entries.map(card)
  }

  entry(ref: string): GraphEntry | undefined {
    return this.byPath.get(ref) ?? this.bySlug.get(ref)
  }

  notes(): readonly GraphNote[] {
    return this.cards
  }

  note(ref: string): GraphNote | undefined {
    const entry = this.entry(ref)
    return entry ? card(entry) : undefined
  }

  hasAnchor(ref: string, id: string): boolean {
    return this.entry(ref)?.anchors.includes(id) ?? false
  }

  linksFrom(ref: string): readonly NoteLink[] {
    return this.entry(ref)?.links.filter((link) => link.to !== link.from) ?? []
  }

  linksTo(ref: string): readonly NoteLink[] {
    const entry = this.entry(ref)
    return entry ? (this.incoming.get(entry.relativePath) ?? []) : []
  }

  inSiteOrder(): readonly GraphNote[] {
    return (this.siteCards ??= siteOrder(this.cards))
  }

  neighbours(ref: string): Neighbours {
    const entry = this.entry(ref)
    if (!entry) return {}
    const order = this.inSiteOrder()
    this.sitePlace ??= new Map(order.map((note, index) => [note.relativePath, index]))
    const place = this.sitePlace.get(entry.relativePath)!
    return {previous: order[place - 1], next: order[place + 1]}
  }
}

/** A question a note step asked, as a cache key: `["note","b.md"]`. */
type Question =
  | readonly [method: 'notes' | 'inSiteOrder']
  | readonly [method: 'note' | 'linksFrom' | 'linksTo' | 'neighbours', ref: string]
  | readonly [method: 'hasAnchor', ref: string, id: string]

/** Thrown by a view that cannot answer yet (first pass, another note asked about). */
export class GraphPending extends Error {
  override name = 'GraphPending'
}

export interface ViewSettings {
  /** The note whose step asks. */
  readonly self: GraphEntry
  /** The complete graph, or undefined in the first pass. */
  readonly graph?: BuildGraph | undefined
  /** Every note of the build, known before any parse. */
  readonly notes: NoteIndex
}

/** The notes of a build by path and by slug, before any of them is parsed. */
export class NoteIndex {
  private readonly paths = new Set<string>()
  private readonly bySlug = new Map<string, string>()

  constructor(notes: Iterable<readonly [relativePath: string, slug: string]>) {
    for (const [relativePath, slug] of notes) {
      this.paths.add(relativePath)
      this.bySlug.set(slug, relativePath)
    }
  }

  /** The content-relative path of a note named by path or slug; undefined when the build has no such note. */
  pathOf(ref: string): string | undefined {
    return this.paths.has(ref) ? ref : this.bySlug.get(ref)
  }
}

/** The graph as one note step sees it: answers recorded, or pending in the first pass. */
export class GraphView implements NoteGraph {
  /** Question (as JSON) → hash of the answer. */
  readonly reads: Record<string, string> = {}
  /** Set when a question could not be answered yet. */
  pending = false

  constructor(private readonly settings: ViewSettings) {}

  notes(): readonly GraphNote[] {
    return this.ask(['notes'], (graph) => graph.notes())
  }

  note(ref: string): GraphNote | undefined {
    if (this.isSelf(ref)) return card(this.settings.self)
    return this.ask(['note', this.path(ref)], (graph) => graph.note(ref))
  }

  hasAnchor(ref: string, id: string): boolean {
    if (this.isSelf(ref)) return this.settings.self.anchors.includes(id)
    return this.ask(['hasAnchor', this.path(ref), id], (graph) => graph.hasAnchor(ref, id))
  }

  linksFrom(ref: string): readonly NoteLink[] {
    // A note's own links depend on its text and on which notes exist, both known before it is parsed.
    if (this.isSelf(ref)) return this.settings.self.links.filter((link) => link.to !== link.from)
    return this.ask(['linksFrom', this.path(ref)], (graph) => graph.linksFrom(ref))
  }

  linksTo(ref: string): readonly NoteLink[] {
    return this.ask(['linksTo', this.path(ref)], (graph) => graph.linksTo(ref))
  }

  inSiteOrder(): readonly GraphNote[] {
    return this.ask(['inSiteOrder'], (graph) => graph.inSiteOrder())
  }

  neighbours(ref: string): Neighbours {
    return this.ask(['neighbours', this.path(ref)], (graph) => graph.neighbours(ref))
  }

  private isSelf(ref: string): boolean {
    return ref === this.settings.self.relativePath || ref === this.settings.self.slug
  }

  /** A slug asked for is recorded as the note's path: one question, however it was named. */
  private path(ref: string): string {
    return this.settings.notes.pathOf(ref) ?? ref
  }

  private ask<Answer>(question: Question, answer: (graph: BuildGraph) => Answer): Answer {
    const {graph} = this.settings
    // A note that is not part of the build stays absent all build long: that answer is final already.
    const absent = question[1] !== undefined && this.settings.notes.pathOf(question[1]) === undefined
    if (!graph && !absent) {
      this.pending = true
      throw new GraphPending(`the note graph is not complete yet (${question.join(' ')})`)
    }
    const value = graph ? answer(graph) : absentAnswer(question)
    this.reads[JSON.stringify(question)] = hashValue(value ?? null)
    return value as Answer
  }
}

function absentAnswer(question: Question): unknown {
  if (question[0] === 'hasAnchor') return false
  if (question[0] === 'linksFrom' || question[0] === 'linksTo') return []
  if (question[0] === 'neighbours') return {}
  return undefined
}

/** Whether every recorded answer is still what `graph` answers. */
export function readsHold(reads: Readonly<Record<string, string>>, graph: BuildGraph): boolean {
  for (const [key, hash] of Object.entries(reads)) {
    const question = JSON.parse(key) as Question
    if (hashValue(replay(graph, question) ?? null) !== hash) return false
  }
  return true
}

function replay(graph: BuildGraph, question: Question): unknown {
  switch (question[0]) {
    case 'notes':
      return graph.notes()
    case 'note':
      return graph.note(question[1])
    case 'hasAnchor':
      return graph.hasAnchor(question[1], question[2])
    case 'linksFrom':
      return graph.linksFrom(question[1])
    case 'linksTo':
      return graph.linksTo(question[1])
    case 'inSiteOrder':
      return graph.inSiteOrder()
    case 'neighbours':
      return graph.neighbours(question[1])
  }
}
