/**
 * A build: config → find notes → parse each once → emit every format →
 * report. The only module that knows the whole sequence.
 *
 * Two ways to run the middle part. When every format asked is worker-safe
 * (html, json, thread), notes are parsed and emitted one at a time — in
 * worker threads for large builds — and only light documents are kept for
 * the collection hooks; a cache skips notes whose outputs are up to date.
 * Otherwise every note is parsed in the main thread and kept in memory,
 * and each format sees full documents (third-party emitters, PDF, EPUB).
 */
import {readFileSync} from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {VFileMessage} from 'vfile-message'
import {buildKeys, noteKey, NoteCache} from './cache/store.js'
import {ConfigError} from './config/errors.js'
import {loadConfigFile} from './config/load.js'
import {resolveConfig, type BuildFlags} from './config/resolve.js'
import type {ResolvedConfig} from './config/types.js'
import {isFormatUnavailable, type Collection, type Emitter, type EmitterContext, type EmitterRun} from './emitters/types.js'
import {manifestEntry, ownersOf, readManifest, removeOutputs, writeManifest} from './manifest.js'
import type {QuireDocument} from './model.js'
import {assignSlugs, findNotes, type NoteEntry} from './notes.js'
import {parseNote} from './pipeline/document.js'
import {countSeverities, createMessage, errorText, formatFailure, type BuildResult, type NoteReport} from './report.js'
import {fromLight} from './workers/light.js'
import {fromPlainMessage} from './workers/messages.js'
import {WorkerPool, type WorkerSetup} from './workers/pool.js'
import {isIncremental, isWorkerSafe, prepareEmitter, Session, sourceDateEpoch, type NoteOutcome, type NoteTask, type OutputRecord, type PreparedEmitter} from './workers/session.js'
import {OutputWriter} from './write.js'
import {quireVersion} from './version.js'

export interface BuildOptions extends BuildFlags {
  /** Working directory for relative paths (default: `process.cwd()`). */
  readonly cwd?: string | undefined
  /** Config file path (like `--config`), or the config itself as an object. */
  readonly config?: string | Readonly<Record<string, unknown>> | undefined
  /** Abort the build (closes browsers, removes temporary files). */
  readonly signal?: AbortSignal | undefined
  /** Progress lines (the CLI prints them on a TTY). */
  readonly onProgress?: ((line: string) => void) | undefined
}

/** Options for quire's own tests. */
interface InternalOptions extends BuildOptions {
  /** Stand-in for quire's version in cache keys. */
  readonly quireVersion?: string | undefined
  /** Stand-in for quire's templates folder. */
  readonly templatesDir?: string | undefined
}

export const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url))

/** Below this many notes to parse, starting worker threads costs more than it saves. */
const workerThreshold = 8

export async function build(options?: Readonly<BuildOptions> | null): Promise<BuildResult> {
  const started = performance.now()
  const settings: InternalOptions = options ?? {}
  const cwd = path.resolve(settings.cwd ?? process.cwd())
  const loaded =
    typeof settings.config === 'object' && settings.config !== null
      ? {file: undefined, value: {...settings.config}}
      : await loadConfigFile(cwd, settings.config)
  const config = await resolveConfig({cwd, file: loaded.file, value: loaded.value, flags: settings})
  await assertFolder(config.content, cwd)

  const emitters = await Promise.all(config.formats.map((name) => prepareEmitter(name, config)))
  const progress = settings.onProgress ?? (() => {})
  const signal = settings.signal ?? new AbortController().signal
  signal.throwIfAborted()

  const writer = new OutputWriter(config.out)
  const previous = await readManifest(config.out)
  if (config.clean) await removeOutputs(writer, Object.keys(previous.files))

  const files = await findNotes(config.content, [config.out])
  const {notes: entries, problems} = assignSlugs(config.content, files)
  const reports = new Map<string, NoteReport>()
  for (const problem of problems) {
    const notePath = path.join(config.content, problem.relativePath)
    const report = reports.get(notePath) ?? {path: notePath, messages: [], built: false}
    report.messages.push(createMessage(problem.reason, {ruleId: problem.ruleId, file: notePath, line: 1, column: 1, severity: problem.fatal ? 'error' : 'warning'}))
    reports.set(notePath, report)
  }
  for (const entry of entries) reports.set(entry.path, reports.get(entry.path) ?? {path: entry.path, slug: entry.slug, messages: [], built: false})
  const slugs = new Map(entries.map((entry) => [entry.relativePath, entry.slug]))
  const realContent = await fs.realpath(config.content)
  const templates = settings.templatesDir ? path.resolve(cwd, settings.templatesDir) : templatesDir
  const state: BuildState = {config, emitters, writer, entries, reports, slugs, realContent, signal, progress, templatesDir: templates, buildMessages: []}

  try {
    if (emitters.every(isIncremental)) {
      const clonable = isClonable(settings.config)
      await emitLight(state, {
        version: settings.quireVersion ?? quireVersion(),
        workers: clonable ? {cwd, config: settings.config, flags: flagsOf(settings)} : undefined
      })
    } else {
      await emitFull(state)
    }
  } finally {
    await writer.cleanup()
  }
  signal.throwIfAborted()

  // Files of notes that were not rebuilt this time stay, and stay listed. A
  // file is stale when none of the notes that wrote it is left: an image two
  // notes share stays while either of them does.
  const present = new Set(entries.map((entry) => entry.relativePath))
  const alive = (source: string) => source === '*' || present.has(source)
  const listed: Record<string, string | string[]> = {}
  const stale: string[] = []
  for (const [file, entry] of Object.entries(config.clean ? {} : previous.files)) {
    const owners = ownersOf(entry).filter(alive)
    const written = writer.written.get(file)
    // A note that still exists keeps its claim, even when it was not rebuilt
    // (cached) or no longer uses the file: keeping a file too long is safe,
    // removing one a page still shows is not.
    if (written) for (const owner of owners) written.add(owner)
    else if (owners.length === 0) stale.push(file)
    else listed[file] = manifestEntry(owners)
  }
  for (const [file, owners] of writer.written) listed[file] = manifestEntry(owners)
  await removeOutputs(writer, stale)
  await writeManifest(writer, listed)

  const {buildMessages} = state
  const notes = [...reports.values()].sort((a, b) => (a.path < b.path ? -1 : 1))
  for (const note of notes) note.messages.sort(byPlace)
  const all = [...notes.flatMap((note) => note.messages), ...buildMessages]
  const {errors, warnings} = countSeverities(all)
  return {
    notes,
    messages: buildMessages,
    written: [...writer.written.keys()].sort(),
    outDir: config.out,
    formats: config.formats,
    errors,
    warnings,
    durationMs: Math.round(performance.now() - started)
  }
}

interface BuildState {
  readonly config: ResolvedConfig
  readonly emitters: readonly PreparedEmitter[]
  readonly writer: OutputWriter
  readonly entries: readonly NoteEntry[]
  readonly reports: Map<string, NoteReport>
  readonly slugs: ReadonlyMap<string, string>
  readonly realContent: string
  readonly signal: AbortSignal
  readonly progress: (line: string) => void
  readonly templatesDir: string
  readonly buildMessages: VFileMessage[]
}

/**
 * Incremental formats: each note is read, parsed, emitted and dropped, unless
 * the cache has it; collection hooks get light documents. Notes that need
 * only worker-safe formats go to worker threads when there are enough of
 * them; a note that needs a main-thread format (pdf) is parsed once in the
 * main thread and emitted there in every format it needs.
 */
async function emitLight(state: BuildState, setup: {readonly version: string; readonly workers: WorkerSetup['config'] | undefined}): Promise<void> {
  const {config, writer, entries, reports, signal, progress} = state
  const formats = config.formats
  const cache = config.cache === false ? undefined : await NoteCache.open(config.cache, config.out)
  const keys = cache
    ? await buildKeys({config, version: setup.version, templatesDir: state.templatesDir, slugs: state.slugs, sourceDateEpoch: sourceDateEpoch(), formatKeys: await formatKeys(state.emitters)})
    : undefined

  const threadFormats = state.emitters.filter(isWorkerSafe).map(({emitter}) => emitter.name)
  const mainFormats = new Set(formats.filter((format) => !threadFormats.includes(format)))
  const workerSetup: WorkerSetup | undefined =
    setup.workers && config.workers > 1 && threadFormats.length > 0
      ? {config: setup.workers, formats: threadFormats, templatesDir: state.templatesDir, slugs: [...state.slugs], realContent: state.realContent}
      : undefined
  // A rebuild usually has a few changed notes: start one worker now, so its
  // start-up (imports, first parse) overlaps the cache checks below.
  let pool = workerSetup && cache && cache.size > 0 ? new WorkerPool(workerSetup, signal) : undefined
  pool?.grow(1)
  let main: Session | undefined
  try {
    // What the cache still has, and what must be (re)built.
    const outcomes = new Map<string, NoteOutcome>()
    const noteKeys = new Map<string, string>()
    const cached = new Map<string, NoteOutcome>()
    const tasks: NoteTask[] = []
    for (const entry of entries) {
      signal.throwIfAborted()
      if (!cache || !keys) {
        tasks.push({path: entry.path, relativePath: entry.relativePath, slug: entry.slug, formats})
        continue
      }
      // Sync: hundreds of small reads in a row, nothing else to overlap with.
      const key = noteKey(keys, entry.relativePath, entry.slug, readFileSync(entry.path))
      noteKeys.set(entry.relativePath, key)
      const hit = await cache.lookup(entry.relativePath, key, keys, formats)
      if (hit && hit.missing.length === 0) {
        outcomes.set(entry.relativePath, hit.outcome)
        cache.keep(entry.relativePath)
      } else {
        if (hit) cached.set(entry.relativePath, hit.outcome)
        tasks.push({path: entry.path, relativePath: entry.relativePath, slug: entry.slug, formats: hit?.missing ?? formats})
      }
    }

    const record = (files: readonly OutputRecord[]) => {
      for (const file of files) writer.record(file.path, file.source)
    }
    let done = 0
    const take = (outcome: NoteOutcome) => {
      const before = cached.get(outcome.relativePath)
      // A note re-emitted in some formats keeps the cached result of the others.
      const merged = before ? {...outcome, formats: {...before.formats, ...outcome.formats}} : outcome
      outcomes.set(outcome.relativePath, merged)
      for (const format of Object.values(outcome.formats)) record(format.outputs)
      const key = noteKeys.get(outcome.relativePath)
      if (cache && keys && key) cache.remember(key, keys, merged, before)
      progress(`built ${++done}/${tasks.length} ${outcome.relativePath}`)
    }

    main = await Session.start({config, emitters: state.emitters, templatesDir: state.templatesDir, slugs: state.slugs, realContent: state.realContent, signal, progress})
    const session = main
    record(main.takeStartOutputs())
    state.buildMessages.push(...main.startMessages.map(fromPlainMessage))
    const mainTasks: NoteTask[] = []
    const threadTasks: NoteTask[] = []
    for (const task of tasks) (task.formats.some((format) => mainFormats.has(format)) ? mainTasks : threadTasks).push(task)
    // Several notes at once in the main thread when a format there renders in parallel (pdf pages).
    const inMain = (queue: readonly NoteTask[]) =>
      inLanes(queue, session.concurrency(mainFormats), async (task) => {
        signal.throwIfAborted()
        take(await session.emit(task))
      })
    if (workerSetup && threadTasks.length > 0 && (pool || threadTasks.length >= workerThreshold)) {
      pool ??= new WorkerPool(workerSetup, signal)
      if (threadTasks.length >= workerThreshold) pool.grow(Math.min(config.workers, Math.ceil(threadTasks.length / 2)))
      const running = pool
      await Promise.all([inMain(mainTasks), ...threadTasks.map(async (task) => take(await running.submit(task)))])
      const pooled = await pool.close()
      record(pooled.startOutputs)
      state.buildMessages.push(...pooled.buildMessages.map(fromPlainMessage))
    } else {
      await pool?.terminate()
      await inMain([...mainTasks, ...threadTasks])
    }

    // Reports, and the collection hooks with light documents in collection order.
    const light: QuireDocument[] = []
    const failed = new Map<string, Set<QuireDocument>>(formats.map((format) => [format, new Set()]))
    const broken = new Set<QuireDocument>()
    for (const entry of entries) {
      const outcome = outcomes.get(entry.relativePath)
      if (!outcome) continue
      const report = reports.get(entry.path)!
      report.messages.push(...outcome.messages.map(fromPlainMessage))
      state.buildMessages.push(...outcome.buildMessages.map(fromPlainMessage))
      if (!outcome.light) continue
      const doc = fromLight(outcome.light)
      light.push(doc)
      for (const format of formats) {
        const result = outcome.formats[format]
        if (!result) continue
        report.messages.push(...result.messages.map(fromPlainMessage))
        if (result.failed) {
          failed.get(format)!.add(doc)
          broken.add(doc)
        }
      }
    }
    const sorted = sortCollection(light)
    record(
      await main.collection(
        (format) => ({documents: sorted.filter((doc) => !failed.get(format)!.has(doc)), config}),
        reporter(state, broken)
      )
    )
    state.buildMessages.push(...main.buildMessages.map(fromPlainMessage))
    for (const doc of light) reports.get(doc.path)!.built = !broken.has(doc)
  } finally {
    await pool?.terminate()
    await main?.close()
  }
  signal.throwIfAborted()
  await cache?.save()
}

/** Any format that needs full documents: parse every note in the main thread and keep them all. */
async function emitFull(state: BuildState): Promise<void> {
  const {config, entries, reports, signal, progress, writer} = state
  const {createProcessor} = await import('./pipeline/processor.js')
  const processor = createProcessor(config.markdown)
  const documents: QuireDocument[] = []
  let parsed = 0
  for (const entry of entries) {
    signal.throwIfAborted()
    const {read, doc} = await parseNote(() => processor, entry, {maxBytes: config.maxNoteBytes, contentDir: state.realContent, slugs: state.slugs})
    reports.get(entry.path)!.messages.push(...read.file.messages)
    if (doc) documents.push(doc)
    progress(`parsed ${++parsed}/${entries.length} ${entry.relativePath}`)
  }

  const failed = new Set<QuireDocument>()
  // Notes a format could not run for at all: not built, yet still given to the other formats.
  const skipped = new Set<QuireDocument>()
  const collection: Collection = {documents: sortCollection(documents), config}
  await Promise.all(
    state.emitters.map(({emitter, options}) =>
      runEmitter(emitter, {
        options,
        config,
        output: writer,
        signal,
        documents: collection.documents,
        templatesDir: state.templatesDir,
        sourceDateEpoch: sourceDateEpoch(),
        progress,
        report: reporter(state, failed)
      }, collection, failed, skipped)
    )
  )
  for (const doc of documents) reports.get(doc.path)!.built = !failed.has(doc) && !skipped.has(doc)
}

/** An emitter's `report`: a message on its note (or on the build), and a note with an error goes into `failed`. */
function reporter(state: BuildState, failed: Set<QuireDocument>): EmitterContext['report'] {
  return (doc, reason, reportOptions) => {
    const message = createMessage(reason, {...reportOptions, file: doc?.path})
    if (message.fatal && doc) failed.add(doc)
    const target = doc ? state.reports.get(doc.path) : undefined
    if (target) target.messages.push(message)
    else state.buildMessages.push(message)
  }
}

/** Each format's own `cacheKey`; one that throws counts as a key of its own (and rebuilds once it stops throwing). */
async function formatKeys(emitters: readonly PreparedEmitter[]): Promise<Record<string, unknown>> {
  const keys: Record<string, unknown> = {}
  for (const {emitter, options} of emitters) {
    if (!emitter.cacheKey) continue
    try {
      keys[emitter.name] = (await emitter.cacheKey(options)) ?? null
    } catch (error) {
      keys[emitter.name] = {failed: errorText(error)}
    }
  }
  return keys
}

/** A config a worker can receive: a file path, or an object without functions. */
function isClonable(config: BuildOptions['config']): boolean {
  if (config === undefined || typeof config === 'string') return true
  try {
    structuredClone(config)
    return true
  } catch {
    return false
  }
}

function flagsOf(settings: BuildOptions): BuildFlags {
  const {content, out, formats, quiet, clean, cache, workers} = settings
  return {content, out, formats: formats ? [...formats] : undefined, quiet, clean, cache, workers}
}

async function runEmitter(emitter: Emitter<unknown>, context: EmitterContext<unknown>, collection: Collection, failed: ReadonlySet<QuireDocument>, skipped: Set<QuireDocument>): Promise<void> {
  let run: EmitterRun | undefined
  const fail = (doc: QuireDocument | undefined, error: unknown) => {
    if (context.signal.aborted) return
    const failure = formatFailure(emitter.name, error)
    context.report(doc, failure.reason, failure.options)
  }
  try {
    run = await emitter.start(context)
    if (run.document) {
      const emitDocument = run.document.bind(run)
      const queue = collection.documents.filter((doc) => !failed.has(doc))
      let unavailable = false
      await inLanes(queue, run.concurrency ?? 1, async (doc) => {
        if (context.signal.aborted) return
        if (unavailable) return void skipped.add(doc)
        try {
          await emitDocument(doc)
        } catch (error) {
          if (!isFormatUnavailable(error)) return fail(doc, error)
          // One message for the build; the format is skipped for the other notes.
          skipped.add(doc)
          if (!unavailable) fail(undefined, error)
          unavailable = true
        }
      })
    }
    context.signal.throwIfAborted()
    if (run.collection) {
      try {
        await run.collection(collection)
      } catch (error) {
        fail(undefined, error)
      }
    }
  } catch (error) {
    if (context.signal.aborted) throw context.signal.reason
    fail(undefined, error)
  } finally {
    await run?.close?.()
  }
}

/** `work` on every item, in order, at most `lanes` at a time. */
async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({length: Math.max(1, Math.min(lanes, items.length))}, async () => {
      while (next < items.length) await work(items[next++]!)
    })
  )
}

/** Newest first; undated notes after dated ones; then by title. Stable for equal keys. */
function sortCollection(documents: readonly QuireDocument[]): QuireDocument[] {
  return [...documents].sort((a, b) => {
    const dateA = a.meta.date ?? ''
    const dateB = b.meta.date ?? ''
    if (dateA !== dateB) return dateA < dateB ? 1 : -1
    return a.meta.title.localeCompare(b.meta.title, 'en') || (a.slug < b.slug ? -1 : 1)
  })
}

function byPlace(a: VFileMessage, b: VFileMessage): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)
}

async function assertFolder(folder: string, cwd: string): Promise<void> {
  try {
    const stat = await fs.stat(folder)
    if (stat.isDirectory()) return
  } catch {}
  throw new ConfigError(`Content folder not found: ${path.relative(cwd, folder) || folder}`)
}
