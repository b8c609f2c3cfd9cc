/**
 * The one build engine. Every build runs the same steps:
 *
 * 1. What the cache still has: per note, a record whose key, images and
 *    link targets still hold gives its summary without a parse.
 * 2. First pass: every note without such a summary is read, parsed once
 *    and run through each format's note step. A step that asks the note
 *    graph about another note cannot be answered yet: that note is held.
 * 3. The note graph, from every summary (fresh and cached).
 * 4. Second pass: the held notes' waiting steps, and the steps of cached
 *    notes whose outputs are stale (options, files, or graph answers that
 *    changed), each note parsed once.
 * 5. Links checked against the graph; each format's collection step.
 *
 * Tasks run in this thread or in worker threads (`runners.ts`); formats
 * cannot tell which.
 */
import {randomBytes} from 'node:crypto'
import {readFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type {VFileMessage} from 'vfile-message'
import {noteKey, type BuildKeys, type FormatRecord, type NoteCache, type NoteRecord} from '../cache/store.js'
import type {ConfigTransfer} from '../config/transfer.js'
import type {CollectionContext} from '../emitters/types.js'
import {fromPlainMessage, type PlainMessage} from '../messages.js'
import type {NoteSummary, QuireDocument} from '../model.js'
import type {NoteEntry} from '../notes.js'
import {openDiagramRenderer} from '../browser/diagrams.js'
import {parseNote} from '../pipeline/document.js'
import type {RenderedDiagram} from '../pipeline/plugins/rehype-mermaid.js'
import {LinkTargets} from '../pipeline/link-targets.js'
import {createMessage, formatFailure} from '../report.js'
import type {OutputFolder} from '../write.js'
import {prepareFormat, type BuildSettings, type LoadedFormat, type ReadyFormat} from './formats.js'
import {BuildGraph, collectionOrder, graphData, NoteIndex, readsHold} from './graph.js'
import {MemoryHolds, removeHolds} from './holds.js'
import {checkLinks} from './links.js'
import {builtin, remote, ResourceHost} from './resources.js'
import {PoolRunner, ThreadRunner, type Runner} from './runners.js'
import {Staged} from './staged.js'
import {createTaskEnv, encodeGraph, type FormatOutcome, type NoteOutcome, type NoteTask, type TaskEnv} from './task.js'

export interface EngineInput {
  readonly settings: BuildSettings
  readonly formats: readonly LoadedFormat[]
  readonly entries: readonly NoteEntry[]
  /** The other files of the content folder (content-relative): what wikilinks and embeds may name. */
  readonly attachments: readonly string[]
  /** Absolute, real path of the content folder. */
  readonly realContent: string
  readonly folder: OutputFolder
  readonly cache?: {readonly store: NoteCache; readonly keys: BuildKeys} | undefined
  /** The config as worker threads receive it; undefined keeps every task in this thread. */
  readonly transfer?: ConfigTransfer | undefined
  /** The most worker threads to use. */
  readonly workers: number
}

export interface NoteResult {
  readonly messages: VFileMessage[]
  /** Parsed, and written in every format without an error. */
  readonly built: boolean
}

export interface EngineResult {
  /** By content-relative path. */
  readonly notes: ReadonlyMap<string, NoteResult>
  /** Messages that belong to no note (a format failing as a whole). */
  readonly messages: VFileMessage[]
  /** Files written by this build, each with the notes it belongs to (`*` for collection files). */
  readonly written: ReadonlyMap<string, ReadonlySet<string>>
}

/** Below this many notes to parse, starting worker threads costs more than it saves. */
const workerThreshold = 8

/** What the build knows of one note. */
interface NoteState {
  readonly entry: NoteEntry
  /** The note key (only with a cache). */
  readonly key?: string | undefined
  /** The previous build's record, when its summary still holds. */
  readonly record?: NoteRecord | undefined
  /** This build's parse, when there was one. */
  fresh?: NoteOutcome | undefined
  /** Per format: this build's result, or the cached one that still holds. */
  readonly formats: Map<string, FormatOutcome | FormatRecord>
}

export async function runEngine(input: EngineInput): Promise<EngineResult> {
  const {settings, entries, folder} = input
  const {signal} = settings
  const buildMessages: VFileMessage[] = []
  const written = new Map<string, Set<string>>()
  const record = (files: ReadonlyArray<{readonly path: string}>, owner: string) => {
    for (const file of files) {
      const owners = written.get(file.path) ?? new Set<string>()
      owners.add(owner)
      written.set(file.path, owners)
    }
  }
  const formatFailed = (name: string, error: unknown) => {
    const failure = formatFailure(name, error)
    buildMessages.push(createMessage(failure.reason, failure.options))
  }

  // Formats whose prepare() fails are out of this build, with one message each.
  const ready: ReadyFormat[] = []
  for (const format of input.formats) {
    try {
      ready.push(await prepareFormat(format, settings))
    } catch (error) {
      if (signal.aborted) throw signal.reason
      formatFailed(format.name, error)
    }
  }
  const formatsUnavailable = new Set(input.formats.map((format) => format.name).filter((name) => !ready.some((format) => format.name === name)))
  const names = ready.map((format) => format.name)
  const noteList = entries.map((entry): [string, string] => [entry.relativePath, entry.slug])
  const index = new NoteIndex(noteList)
  const targets = new LinkTargets(noteList, input.attachments)
  const host = new ResourceHost(new Map(ready.map((format) => [format.name, format])), settings, {
    // Opened on the first note with a diagram; the browser starts on the first diagram not in the cache.
    diagrams: async () => openDiagramRenderer({signal, cacheDir: settings.config.cache === false ? undefined : settings.config.cache})
  })
  const holdDir = path.join(os.tmpdir(), `quire-hold-${process.pid}-${randomBytes(6).toString('hex')}`)

  let threadEnv: TaskEnv | undefined
  const env = () => (threadEnv ??= createTaskEnv({settings, formats: ready, folder, realContent: input.realContent, notes: noteList, attachments: input.attachments, holds: new MemoryHolds()}))
  const thread = new ThreadRunner(async () => env(), host)
  // A format with a resource (the PDF browser) keeps a core busy outside this process: the pool gets one
  // thread fewer, and with one left, notes run in this thread (a worker's start-up would only cost).
  const withResources = ready.some((format) => Object.keys(format.emitter.resources ?? {}).length > 0)
  const threads = input.workers - (withResources ? 1 : 0)
  let pool: PoolRunner | undefined
  const poolFor = (count: number): PoolRunner | undefined => {
    if (pool) return pool
    if (!input.transfer || threads < 2 || count < workerThreshold) return undefined
    pool = new PoolRunner(
      {
        config: input.transfer,
        formats: ready.map(({name, options}) => ({name, options})),
        templatesDir: settings.templatesDir,
        realContent: input.realContent,
        notes: noteList,
        attachments: input.attachments,
        holdDir,
        sourceDateEpoch: settings.sourceDateEpoch,
        abortChannel: `quire-abort-${path.basename(holdDir)}`
      },
      host,
      {threads, signal}
    )
    return pool
  }

  let finished = false
  try {
    // A rebuild usually has a few changed notes: start a worker now, so its start-up overlaps the cache checks.
    if (input.cache && input.cache.store.size > 0) poolFor(Infinity)?.warm(1)

    // 1. What the cache still has.
    const states = new Map<string, NoteState>()
    const first: NoteTask[] = []
    for (const entry of entries) {
      signal.throwIfAborted()
      const cached = input.cache ? lookup(input.cache, entry, targets, names) : undefined
      states.set(entry.relativePath, {entry, key: cached?.key, record: cached?.record, formats: cached?.formats ?? new Map()})
      if (!cached?.record) first.push({path: entry.path, relativePath: entry.relativePath, slug: entry.slug, formats: names})
    }

    // Runs a pass; each outcome goes to `take` as it arrives.
    let done = 0
    let total = 0
    const runPass = async (tasks: readonly NoteTask[], runnerOf: (task: NoteTask) => Runner, take: (outcome: NoteOutcome, runner: Runner) => void) => {
      total += tasks.length
      const settled = await Promise.allSettled(
        tasks.map(async (task) => {
          const runner = runnerOf(task)
          const outcome = await runner.run({...task, formats: task.formats.filter((name) => !formatsUnavailable.has(name))})
          for (const [name, message] of Object.entries(outcome.unavailable)) {
            // One message for the build, however many notes found the format unable to run.
            if (!formatsUnavailable.has(name)) buildMessages.push(fromPlainMessage(message))
            formatsUnavailable.add(name)
          }
          take(outcome, runner)
          settings.progress(`built ${++done}/${total} ${task.relativePath}`)
        })
      )
      signal.throwIfAborted()
      const failure = settled.find((result) => result.status === 'rejected')
      if (failure) throw failure.reason
    }

    // 2. First pass.
    const held: Array<{task: NoteTask; runner: Runner}> = []
    const firstRunner = poolFor(first.length) ?? thread
    await runPass(first, () => firstRunner, (outcome, runner) => {
      const state = states.get(outcome.relativePath)!
      state.fresh = outcome
      for (const [name, result] of Object.entries(outcome.formats)) state.formats.set(name, result)
      if (outcome.deferred) {
        const {entry} = state
        held.push({task: {path: entry.path, relativePath: entry.relativePath, slug: entry.slug, formats: outcome.deferred.formats, ticket: outcome.deferred.ticket}, runner})
      }
    })

    // 3. The note graph.
    const summaries: NoteSummary[] = []
    for (const state of states.values()) {
      const summary = state.fresh ? state.fresh.summary : state.record?.summary
      if (summary) summaries.push(summary)
    }
    const graph = new BuildGraph(graphData(summaries, index))

    // 4. Second pass: held steps, and cached notes with stale formats.
    const second: NoteTask[] = held.map(({task}) => task)
    const runners = new Map(held.map(({task, runner}) => [task.relativePath, runner]))
    for (const state of states.values()) {
      if (state.fresh || !state.record?.summary) continue
      const stale = names.filter((name) => {
        const kept = state.formats.get(name)
        return !kept || !readsHold(kept.reads, graph)
      })
      for (const name of stale) state.formats.delete(name)
      if (stale.length > 0) second.push({path: state.entry.path, relativePath: state.entry.relativePath, slug: state.entry.slug, formats: stale})
    }
    if (second.length > 0) {
      const payload = encodeGraph(randomBytes(8).toString('hex'), graph.data)
      const secondRunner = poolFor(second.length) ?? thread
      await runPass(
        second.map((task) => ({...task, graph: payload})),
        (task) => runners.get(task.relativePath) ?? secondRunner,
        (outcome) => {
          const state = states.get(outcome.relativePath)!
          for (const [name, result] of Object.entries(outcome.formats)) state.formats.set(name, result)
        }
      )
    }
    await pool?.close()
    pool = undefined

    // 5. Results per note, links, cache records.
    const linkMessages = checkLinks(graph, summaries, index)
    const notes = new Map<string, {messages: VFileMessage[]; built: boolean}>()
    const builtIn = new Map<string, Set<string>>(names.map((name) => [name, new Set()]))
    let diagramsUnavailable: PlainMessage | undefined
    const onceEach = new OncePerBuild()
    for (const state of states.values()) {
      const {entry} = state
      const parse = state.fresh ?? state.record
      // No browser for diagrams: one message for the build, and the note is not cached (a later build draws them).
      const unavailable = parse?.messages.find((message) => message.ruleId === 'diagrams-unavailable')
      diagramsUnavailable ??= unavailable
      // Formats in build order, whichever pass or cache their result came from: the same messages in the same order every time.
      const messages = [...(parse?.messages ?? []).filter((message) => message !== unavailable), ...names.flatMap((name) => state.formats.get(name)?.messages ?? [])].map(fromPlainMessage)
      messages.push(...(linkMessages.get(entry.relativePath) ?? []))
      for (const message of messages) message.file ??= entry.path
      onceEach.keepFirst(messages)
      const summary = state.fresh ? state.fresh.summary : state.record?.summary
      let built = summary !== undefined
      for (const name of input.formats.map((format) => format.name)) {
        const result = state.formats.get(name)
        if (!result || result.failed || formatsUnavailable.has(name)) built = false
        else builtIn.get(name)?.add(entry.relativePath)
      }
      notes.set(entry.relativePath, {messages, built})
      // Files written this build (cached results carry their key): with their note as owner.
      for (const result of state.formats.values()) if (!('key' in result)) record(result.files, entry.relativePath)
      if (input.cache && state.key && !unavailable) input.cache.store.remember(entry.relativePath, nextRecord(state, input.cache.keys, formatsUnavailable))
    }
    if (diagramsUnavailable) buildMessages.push(createMessage(diagramsUnavailable.reason, {ruleId: 'diagrams-unavailable', severity: 'warning'}))
    onceEach.countOthers()

    // 6. Collection steps.
    const sorted = collectionOrder(summaries)
    for (const format of ready) {
      if (!format.emitter.collection || formatsUnavailable.has(format.name)) continue
      signal.throwIfAborted()
      const staged = new Staged(folder)
      const built = builtIn.get(format.name)!
      const context: CollectionContext<unknown, unknown> = {
        options: format.options,
        config: settings.config,
        templatesDir: settings.templatesDir,
        sourceDateEpoch: settings.sourceDateEpoch,
        signal,
        progress: settings.progress,
        shared: format.shared,
        graph,
        write: (relativePath, data) => staged.write(relativePath, data),
        copy: (from, relativePath) => staged.copy(from, relativePath),
        resource: (name) => remote(host, format.name, name),
        report: (reason, options) => {
          const note = options.note === undefined ? undefined : states.get(options.note)
          const message = createMessage(reason, {...options, file: note?.entry.path})
          const result = note ? notes.get(note.entry.relativePath) : undefined
          if (!result) return void buildMessages.push(message)
          result.messages.push(message)
          // An error on a note in a collection step (a book chapter) fails the note, as in its own step.
          if (message.fatal) result.built = false
        },
        load: (relativePath) => load(env(), host, states.get(relativePath)?.entry, relativePath)
      }
      try {
        await format.emitter.collection(
          sorted.filter((summary) => built.has(summary.relativePath)),
          context
        )
        record(await staged.flush((error) => formatFailed(format.name, error)), '*')
      } catch (error) {
        if (signal.aborted) throw signal.reason
        formatFailed(format.name, error)
      }
    }
    finished = true
    return {notes, messages: buildMessages, written}
  } finally {
    await pool?.close()
    await thread.close()
    await host.close()
    removeHolds(holdDir)
    await folder.cleanup()
    // Worker threads stopped in the middle of a write may leave temporary files.
    if (!finished) await folder.sweep()
  }
}

/**
 * Messages that say the same thing wherever they occur (a code language no
 * highlighter knows): the build keeps the first, on its note, and says how
 * many more there were, instead of one per code block.
 */
class OncePerBuild {
  static readonly ruleIds = new Set(['missing-language'])
  private readonly first = new Map<string, {message: VFileMessage; more: number}>()

  /** Drop, in place, the messages of this kind already seen on an earlier note or earlier in this one: the first place wins. */
  keepFirst(messages: VFileMessage[]): void {
    const kept = messages.filter((message) => {
      if (!OncePerBuild.ruleIds.has(message.ruleId ?? '')) return true
      const key = `${message.ruleId}\0${message.reason}`
      const seen = this.first.get(key)
      if (!seen) this.first.set(key, {message, more: 0})
      else seen.more++
      return !seen
    })
    messages.splice(0, messages.length, ...kept)
  }

  /** The kept messages say how many others were left out. */
  countOthers(): void {
    for (const {message, more} of this.first.values()) {
      if (more === 0) continue
      message.reason = `${message.reason} (and in ${more} more place${more === 1 ? '' : 's'})`
      message.message = message.reason
    }
  }
}

/** The cached state of a note: its record when the summary holds, and each format whose files and key still hold. */
function lookup(cache: NonNullable<EngineInput['cache']>, entry: NoteEntry, targets: LinkTargets, names: readonly string[]) {
  // Sync: hundreds of small reads in a row, nothing else to overlap with.
  const key = noteKey(cache.keys, entry.relativePath, entry.slug, readFileSync(entry.path))
  const record = cache.store.lookup(entry.relativePath, key, (query) => targets.answer(query))
  const formats = new Map<string, FormatOutcome | FormatRecord>()
  if (record?.summary) {
    for (const name of names) {
      const kept = record.formats[name]
      if (cache.store.formatHolds(kept, cache.keys.formats[name])) formats.set(name, kept)
    }
  }
  return {key, record, formats}
}

/** The record the next build starts from. */
function nextRecord(state: NoteState, keys: BuildKeys, unavailable: ReadonlySet<string>): NoteRecord {
  const base = state.fresh
    ? {messages: state.fresh.messages, summary: state.fresh.summary, dependencies: state.fresh.dependencies, resolutions: state.fresh.resolutions}
    : {messages: state.record!.messages, summary: state.record!.summary, dependencies: state.record!.dependencies, resolutions: state.record!.resolutions}
  // Formats not built this time keep what the previous record had, for a later build that asks for them.
  const formats: Record<string, FormatRecord> = {...(state.record?.formats ?? {})}
  for (const [name, result] of state.formats) {
    if (unavailable.has(name)) continue
    formats[name] = 'key' in result ? result : {key: keys.formats[name]!, ...result}
  }
  return {key: state.key!, ...base, formats}
}

/** `context.load` of a collection step: the note parsed again in this thread. */
async function load(env: TaskEnv, host: ResourceHost, entry: NoteEntry | undefined, relativePath: string): Promise<QuireDocument> {
  if (!entry) throw new Error(`load(${JSON.stringify(relativePath)}): not a note of this build (paths are relative to the content folder)`)
  const {config} = env.settings
  const {doc} = await parseNote(env.processor, entry, {
    maxBytes: config.maxNoteBytes,
    contentDir: env.realContent,
    targets: env.targets,
    renderDiagrams: (sources) => host.call(builtin, 'diagrams', 'render', [sources]) as Promise<RenderedDiagram[]>
  })
  if (!doc) throw new Error(`load(${JSON.stringify(relativePath)}): the note has errors and did not parse`)
  return doc
}
