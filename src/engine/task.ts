/**
 * The one per-note task of every build: read → parse once → each format's
 * note step → the files written, the messages and a summary. It runs the
 * same way in the main thread and in a worker thread; what it returns is
 * plain data.
 */
import fs from 'node:fs/promises'
import v8 from 'node:v8'
import type {OutputFile} from '../cache/store.js'
import {sha256} from '../cache/hash.js'
import {isFormatUnavailable, type NoteContext} from '../emitters/types.js'
import {toPlainMessage, type PlainMessage} from '../messages.js'
import type {NoteSummary, QuireDocument} from '../model.js'
import {parseNote} from '../pipeline/document.js'
import {LinkTargets} from '../pipeline/link-targets.js'
import type {Processor} from '../pipeline/processor.js'
import {toSummary} from '../pipeline/summary.js'
import type {RenderedDiagram} from '../pipeline/plugins/rehype-mermaid.js'
import {createMessage, formatFailure} from '../report.js'
import type {OutputFolder} from '../write.js'
import type {BuildSettings, ReadyFormat} from './formats.js'
import {BuildGraph, graphEntry, GraphPending, GraphView, NoteIndex, type GraphData} from './graph.js'
import type {HoldStore} from './holds.js'
import {builtin, remote, type ResourceAccess} from './resources.js'
import {Staged} from './staged.js'

export interface NoteTask {
  readonly path: string
  readonly relativePath: string
  readonly slug: string
  /** Formats to run for this note. */
  readonly formats: readonly string[]
  /** The complete note graph: given in the second pass, when every note has a summary. */
  readonly graph?: GraphPayload | undefined
  /** A document the first pass held for the second (instead of parsing again). */
  readonly ticket?: string | undefined
}

/** The graph as it crosses into worker threads: V8-serialized in shared memory, decoded once per thread. */
export interface GraphPayload {
  readonly id: string
  readonly data: SharedArrayBuffer
}

export interface FormatOutcome {
  readonly failed: boolean
  readonly messages: PlainMessage[]
  readonly files: OutputFile[]
  readonly reads: Readonly<Record<string, string>>
}

export interface NoteOutcome {
  readonly relativePath: string
  readonly hash: string
  /** Messages from reading and parsing. */
  readonly messages: PlainMessage[]
  /** Undefined when the note did not parse (its errors are in `messages`). */
  readonly summary?: NoteSummary | undefined
  readonly dependencies: ReadonlyArray<readonly [string, string | null]>
  readonly resolutions: ReadonlyArray<readonly [string, string | null]>
  readonly formats: Record<string, FormatOutcome>
  /** Formats whose step must wait for the complete graph, and the held document. */
  readonly deferred?: {readonly formats: readonly string[]; readonly ticket: string} | undefined
  /** Formats found unable to run at all (FormatUnavailableError), with the one message for the build. */
  readonly unavailable: Record<string, PlainMessage>
}

/** What a thread needs to run tasks; one per thread and build. */
export interface TaskEnv {
  readonly settings: BuildSettings
  readonly formats: ReadonlyMap<string, ReadyFormat>
  readonly folder: OutputFolder
  /** Absolute, real path of the content folder. */
  readonly realContent: string
  /** What links may point at: every note (with its slug) and the other files. */
  readonly targets: LinkTargets
  readonly notes: NoteIndex
  readonly holds: HoldStore
  /** Formats that cannot run in this build (skipped for the notes that follow). */
  readonly unavailable: Set<string>
  processor(): Promise<Processor>
  graph(payload: GraphPayload): BuildGraph
}

/** A graph decoder that keeps the last graph it decoded (one per build pass). */
export function graphDecoder(): (payload: GraphPayload) => BuildGraph {
  let last: {id: string; graph: BuildGraph} | undefined
  return (payload) => {
    if (last?.id !== payload.id) last = {id: payload.id, graph: new BuildGraph(v8.deserialize(Buffer.from(payload.data)) as GraphData)}
    return last.graph
  }
}

export function encodeGraph(id: string, data: GraphData): GraphPayload {
  const bytes = v8.serialize(data)
  const shared = new SharedArrayBuffer(bytes.byteLength)
  new Uint8Array(shared).set(bytes)
  return {id, data: shared}
}

export async function runNoteTask(env: TaskEnv, task: NoteTask, resources: ResourceAccess): Promise<NoteOutcome> {
  const {signal} = env.settings
  signal.throwIfAborted()
  const graph = task.graph ? env.graph(task.graph) : undefined
  let doc: QuireDocument | undefined
  let outcome: NoteOutcome
  if (task.ticket) {
    doc = await env.holds.take(task.ticket)
    outcome = {relativePath: task.relativePath, hash: doc.hash, messages: [], dependencies: [], resolutions: [], formats: {}, unavailable: {}}
  } else {
    const {config} = env.settings
    const parsed = await parseNote(env.processor, task, {
      maxBytes: config.maxNoteBytes,
      contentDir: env.realContent,
      targets: env.targets,
      renderDiagrams: (sources) => resources.call(builtin, 'diagrams', 'render', [sources]) as Promise<RenderedDiagram[]>
    })
    doc = parsed.doc
    const {file} = parsed.read
    outcome = {
      relativePath: task.relativePath,
      hash: parsed.read.hash,
      messages: file.messages.map(toPlainMessage),
      summary: doc ? toSummary(doc) : undefined,
      dependencies: doc ? await dependencies(doc, file.data.missingAssets ?? [], file.data.embedded ?? []) : [],
      resolutions: file.data.resolutions ?? [],
      formats: {},
      unavailable: {}
    }
  }
  if (!doc) return outcome

  const self = graph?.entry(task.relativePath) ?? graphEntry(outcome.summary ?? toSummary(doc), env.notes)
  const deferred: string[] = []
  for (const name of task.formats) {
    signal.throwIfAborted()
    const format = env.formats.get(name)
    if (!format || env.unavailable.has(name)) continue
    const view = new GraphView({self, graph, notes: env.notes})
    const result = await runStep(env, format, doc, view, resources)
    if (view.pending) deferred.push(name)
    else if ('unavailable' in result) {
      env.unavailable.add(name)
      outcome.unavailable[name] = result.unavailable
    } else outcome.formats[name] = result
  }
  if (deferred.length === 0) return outcome
  return {...outcome, deferred: {formats: deferred, ticket: await env.holds.put(doc)}}
}

async function runStep(env: TaskEnv, format: ReadyFormat, doc: QuireDocument, view: GraphView, resources: ResourceAccess): Promise<FormatOutcome | {unavailable: PlainMessage}> {
  const {signal} = env.settings
  const staged = new Staged(env.folder)
  const messages: PlainMessage[] = []
  const fail = (error: unknown) => {
    const failure = formatFailure(format.name, error)
    messages.push(toPlainMessage(createMessage(failure.reason, {...failure.options, file: doc.path})))
  }
  const context: NoteContext<unknown, unknown> = {
    options: format.options,
    config: env.settings.config,
    templatesDir: env.settings.templatesDir,
    sourceDateEpoch: env.settings.sourceDateEpoch,
    signal,
    progress: env.settings.progress,
    shared: format.shared,
    graph: view,
    write: (relativePath, data) => staged.write(relativePath, data),
    copy: (from, relativePath) => staged.copy(from, relativePath),
    resource: (name) => remote(resources, format.name, name),
    report: (reason, options) => {
      messages.push(toPlainMessage(createMessage(reason, {...options, file: doc.path})))
    }
  }
  let threw = false
  try {
    await format.emitter.note?.(doc, context)
  } catch (error) {
    threw = true
    // Pending: the step runs again in the second pass; nothing of this try is kept.
    if (view.pending || error instanceof GraphPending) {
      view.pending = true
      return {failed: false, messages: [], files: [], reads: {}}
    }
    if (signal.aborted) throw signal.reason
    if (isFormatUnavailable(error)) {
      const failure = formatFailure(format.name, error)
      return {unavailable: toPlainMessage(createMessage(failure.reason, failure.options))}
    }
    fail(error)
  }
  // A step that caught the pending error itself still waits for the graph.
  if (view.pending) return {failed: false, messages: [], files: [], reads: {}}
  const files = threw ? [] : await staged.flush(fail)
  return {failed: threw || messages.some((message) => message.fatal === true), messages, files, reads: view.reads}
}

/**
 * Local files the note's outputs depend on, hashed: a changed image must
 * rebuild the note (sizes, copies), and so must a changed embedded note.
 */
async function dependencies(doc: QuireDocument, missing: readonly string[], embedded: ReadonlyArray<readonly [string, string]>): Promise<Array<[string, string | null]>> {
  const seen = new Set<string>(missing)
  // Missing now: a file that appears later must rebuild the note.
  const found: Array<[string, string | null]> = [...seen].map((file) => [file, null])
  for (const [file, hash] of embedded) {
    if (seen.has(file)) continue
    seen.add(file)
    found.push([file, hash])
  }
  for (const asset of doc.assets) {
    // Only files the asset check resolved inside the content folder (those carry `path`).
    if (asset.remote || !asset.path || seen.has(asset.path)) continue
    seen.add(asset.path)
    found.push([asset.path, await fs.readFile(asset.path).then(sha256, () => null)])
  }
  return found
}

export interface EnvInput {
  readonly settings: BuildSettings
  readonly formats: readonly ReadyFormat[]
  readonly folder: OutputFolder
  readonly realContent: string
  readonly notes: ReadonlyArray<readonly [relativePath: string, slug: string]>
  readonly attachments: readonly string[]
  readonly holds: HoldStore
}

export function createTaskEnv(input: EnvInput): TaskEnv {
  let processor: Promise<Processor> | undefined
  return {
    settings: input.settings,
    formats: new Map(input.formats.map((format) => [format.name, format])),
    folder: input.folder,
    realContent: input.realContent,
    targets: new LinkTargets(input.notes, input.attachments),
    notes: new NoteIndex(input.notes),
    holds: input.holds,
    unavailable: new Set(),
    // The parser loads on the first note that needs it: a build whose notes are all current never pays for it.
    processor: () => (processor ??= import('../pipeline/processor.js').then(({createProcessor}) => createProcessor(input.settings.config.markdown))),
    graph: graphDecoder()
  }
}
