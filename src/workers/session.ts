/**
 * One thread's share of a build for worker-safe formats: started emitters
 * and a processor, and `emit(task)` that reads, parses and emits one note,
 * then lets go of its trees and returns plain data (a NoteOutcome). The
 * main thread and each worker run this same code, so a build with workers
 * writes the same bytes as one without.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {ConfigError} from '../config/errors.js'
import type {ResolvedConfig} from '../config/types.js'
import {loadEmitter} from '../emitters/load.js'
import {isFormatUnavailable, type Collection, type Emitter, type EmitterContext, type EmitterRun} from '../emitters/types.js'
import type {QuireDocument} from '../model.js'
import {parseNote} from '../pipeline/document.js'
import type {Processor} from '../pipeline/processor.js'
import {toPosix} from '../paths.js'
import {createMessage, errorText, formatFailure} from '../report.js'
import {OutputWriter} from '../write.js'
import {sha256} from '../cache/hash.js'
import {toLight, type LightDocument} from './light.js'
import {toPlainMessage, type PlainMessage} from './messages.js'

export interface NoteTask {
  readonly path: string
  readonly relativePath: string
  readonly slug: string
  /** Formats to emit this note in (a subset of the session's). */
  readonly formats: readonly string[]
}

export interface OutputRecord {
  readonly path: string
  readonly source: string
  readonly size: number
  readonly mtimeMs: number
}

export interface FormatOutcome {
  readonly failed: boolean
  readonly messages: PlainMessage[]
  readonly outputs: OutputRecord[]
}

export interface NoteOutcome {
  readonly relativePath: string
  readonly hash: string
  /** Messages from reading and parsing. */
  readonly messages: PlainMessage[]
  /** Undefined when the note did not parse (its errors are in `messages`). */
  readonly light?: LightDocument | undefined
  /** Local files the document depends on (assets), with their content hash or null when missing. */
  readonly dependencies: ReadonlyArray<readonly [string, string | null]>
  readonly formats: Record<string, FormatOutcome>
  /** Messages an emitter reported without a note. */
  readonly buildMessages: PlainMessage[]
}

export interface PreparedEmitter {
  readonly emitter: Emitter<unknown>
  readonly options: unknown
}

/** Whether a format may run note by note in worker threads (see `Emitter.workerSafe`). */
export function isWorkerSafe({emitter, options}: PreparedEmitter): boolean {
  return flag(emitter.workerSafe, options)
}

/** Whether a format's outputs for a note depend on that note alone (see `Emitter.incremental`); worker-safe implies it. */
export function isIncremental(prepared: PreparedEmitter): boolean {
  return flag(prepared.emitter.incremental, prepared.options) || isWorkerSafe(prepared)
}

/** An emitter flag: a boolean, or a function of the validated options. */
function flag(value: boolean | ((options: unknown) => boolean) | undefined, options: unknown): boolean {
  return typeof value === 'function' ? value(options) : value === true
}

/** Load a format's emitter and validate its options (a ConfigError naming the key on bad input). */
export async function prepareEmitter(name: string, config: ResolvedConfig): Promise<PreparedEmitter> {
  const emitter = await loadEmitter(name, config)
  const input = config.formatOptions[name] ?? {}
  let options: unknown = input
  if (emitter.options) {
    try {
      options = emitter.options(input)
    } catch (error) {
      const where = config.configFile ? path.basename(config.configFile) + ': ' : ''
      throw new ConfigError(`${where}\`${name}\`: ${errorText(error)}`, config.configFile)
    }
  }
  return {emitter, options}
}

export interface SessionSetup {
  readonly config: ResolvedConfig
  readonly emitters: readonly PreparedEmitter[]
  readonly templatesDir: string
  readonly slugs: ReadonlyMap<string, string>
  readonly realContent: string
  readonly signal: AbortSignal
  readonly progress?: ((line: string) => void) | undefined
  /** Documents handed to `context.documents` (light ones on the fast path). */
  readonly documents?: readonly QuireDocument[] | undefined
}

/** Records each write so a note's outputs can be told apart per format. */
class RecordingWriter extends OutputWriter {
  records: OutputRecord[] = []

  override async write(relativePath: string, data: string | Uint8Array, source = '*'): Promise<string> {
    const target = await super.write(relativePath, data, source)
    await this.log(target, source)
    return target
  }

  override async temporary(relativePath: string, source = '*') {
    const handle = await super.temporary(relativePath, source)
    return {
      ...handle,
      commit: async () => {
        const target = await handle.commit()
        await this.log(target, source)
        return target
      }
    }
  }

  /** Remove and return what was written for one note (several notes may be under way at once). */
  takeFor(source: string): OutputRecord[] {
    const mine = this.records.filter((record) => record.source === source)
    this.records = this.records.filter((record) => record.source !== source)
    return mine
  }

  private async log(target: string, source: string): Promise<void> {
    const stat = await fs.stat(target)
    this.records.push({path: toPosix(path.relative(this.outDir, target)), source, size: stat.size, mtimeMs: stat.mtimeMs})
  }
}

interface Running {
  readonly name: string
  readonly run: EmitterRun
  readonly writer: RecordingWriter
  readonly context: EmitterContext<unknown>
  /** `document()` calls at once, as the emitter asked (`concurrency`, default 1). */
  readonly slots: Slots
  /** Set when the format failed as a whole (FormatUnavailableError): skipped for the other notes. */
  unavailable?: boolean
}

/** A counting semaphore. */
class Slots {
  private free: number
  private readonly waiting: Array<() => void> = []
  constructor(size: number) {
    this.free = Math.max(1, size)
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--
    else await new Promise<void>((resolve) => this.waiting.push(resolve))
    try {
      return await work()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.free++
    }
  }
}

export class Session {
  private readonly running: Running[] = []
  private processor: Processor | undefined
  /** Where `report` sends messages for the notes being emitted (several at once in the main thread). */
  private readonly sinks = new Map<QuireDocument, {formats: Record<string, FormatOutcome>; build: PlainMessage[]}>()
  /** Messages reported outside any note, and collection-level failures. */
  readonly buildMessages: PlainMessage[] = []
  /** Formats whose `start` failed (they are left out of this session). */
  readonly startMessages: PlainMessage[] = []
  private collectionReport: EmitterContext['report'] | undefined

  private constructor(private readonly setup: SessionSetup) {}

  static async start(setup: SessionSetup): Promise<Session> {
    const session = new Session(setup)
    try {
      for (const {emitter, options} of setup.emitters) {
        const writer = new RecordingWriter(setup.config.out)
        const context: EmitterContext<unknown> = {
          options,
          config: setup.config,
          output: writer,
          signal: setup.signal,
          documents: setup.documents ?? [],
          templatesDir: setup.templatesDir,
          sourceDateEpoch: sourceDateEpoch(),
          progress: setup.progress ?? (() => {}),
          report: (doc, reason, reportOptions) => session.report(emitter.name, doc, reason, reportOptions)
        }
        let run: EmitterRun
        try {
          run = await emitter.start(context)
        } catch (error) {
          // Like a format failing as a whole: reported once, the other formats go on.
          if (setup.signal.aborted) throw setup.signal.reason
          const failure = formatFailure(emitter.name, error)
          session.startMessages.push(toPlainMessage(createMessage(failure.reason, failure.options)))
          await writer.cleanup()
          continue
        }
        session.running.push({name: emitter.name, run, writer, context, slots: new Slots(run.concurrency ?? 1)})
      }
    } catch (error) {
      await session.close()
      throw error
    }
    return session
  }

  /** Files written by emitters' `start` (stylesheets): collection-wide. */
  takeStartOutputs(): OutputRecord[] {
    return this.running.flatMap((entry) => entry.writer.records.splice(0))
  }

  private report(format: string, doc: QuireDocument | undefined, reason: string, options: Parameters<EmitterContext['report']>[2]): void {
    if (this.collectionReport) return this.collectionReport(doc, reason, options)
    const message = toPlainMessage(createMessage(reason, {...options, file: doc?.path}))
    const sink = doc ? this.sinks.get(doc) : undefined
    const target = sink?.formats[format]
    if (target) {
      target.messages.push(message)
      if (message.fatal) (target as {failed: boolean}).failed = true
    } else {
      ;(sink ? sink.build : this.buildMessages).push(message)
    }
  }

  /** The most `document()` calls any of these formats takes at once (their `concurrency`). */
  concurrency(formats: ReadonlySet<string>): number {
    return Math.max(1, ...this.running.filter((entry) => formats.has(entry.name)).map((entry) => entry.run.concurrency ?? 1))
  }

  /** Read, parse and emit one note in the task's formats. */
  async emit(task: NoteTask): Promise<NoteOutcome> {
    const {config} = this.setup
    const {read, doc} = await parseNote(
      async () => (this.processor ??= (await import('../pipeline/processor.js')).createProcessor(config.markdown)),
      task,
      {maxBytes: config.maxNoteBytes, contentDir: this.setup.realContent, slugs: this.setup.slugs}
    )
    const outcome: NoteOutcome = {
      relativePath: task.relativePath,
      hash: read.hash,
      messages: read.file.messages.map(toPlainMessage),
      light: doc ? toLight(doc) : undefined,
      dependencies: doc ? await dependencies(doc, read.file.data.missingAssets ?? []) : [],
      formats: {},
      buildMessages: []
    }
    if (!doc) return outcome
    this.sinks.set(doc, {formats: outcome.formats, build: outcome.buildMessages})
    try {
      for (const entry of this.running) {
        if (!task.formats.includes(entry.name)) continue
        this.setup.signal.throwIfAborted()
        const format: FormatOutcome = {failed: false, messages: [], outputs: []}
        // Recorded even without `document`: the cache then knows this format is done for the note.
        outcome.formats[entry.name] = format
        if (!entry.run.document) continue
        const emitDocument = entry.run.document.bind(entry.run)
        await entry.slots.run(async () => {
          if (entry.unavailable) {
            ;(format as {failed: boolean}).failed = true
            return
          }
          try {
            await emitDocument(doc)
          } catch (error) {
            if (this.setup.signal.aborted) throw this.setup.signal.reason
            if (isFormatUnavailable(error)) {
              // One message for the build, not one per note: the format cannot run at all.
              ;(format as {failed: boolean}).failed = true
              if (!entry.unavailable) {
                const failure = formatFailure(entry.name, error)
                this.buildMessages.push(toPlainMessage(createMessage(failure.reason, failure.options)))
              }
              entry.unavailable = true
              return
            }
            const failure = formatFailure(entry.name, error)
            this.report(entry.name, doc, failure.reason, failure.options)
          }
        })
        format.outputs.push(...entry.writer.takeFor(doc.relativePath))
      }
    } finally {
      this.sinks.delete(doc)
    }
    return outcome
  }

  /**
   * Run the collection hooks. `collections` gives each format its documents;
   * `report` receives what they report (the main thread's reports).
   */
  async collection(collections: (format: string) => Collection, report: EmitterContext['report']): Promise<OutputRecord[]> {
    const outputs: OutputRecord[] = []
    for (const entry of this.running) {
      if (!entry.run.collection) continue
      this.setup.signal.throwIfAborted()
      this.collectionReport = report
      const before = entry.writer.records.length
      try {
        await entry.run.collection(collections(entry.name))
      } catch (error) {
        if (this.setup.signal.aborted) throw this.setup.signal.reason
        const failure = formatFailure(entry.name, error)
        this.collectionReport(undefined, failure.reason, failure.options)
      } finally {
        this.collectionReport = undefined
      }
      outputs.push(...entry.writer.records.splice(before))
    }
    return outputs
  }

  async close(): Promise<void> {
    for (const entry of this.running) {
      try {
        await entry.run.close?.()
      } finally {
        await entry.writer.cleanup()
      }
    }
  }
}

/** Local assets the note refers to, hashed: a changed image must rebuild the note (sizes, copies). */
async function dependencies(doc: QuireDocument, missing: readonly string[]): Promise<Array<[string, string | null]>> {
  const seen = new Set<string>(missing)
  // Missing now: a file that appears later must rebuild the note.
  const found: Array<[string, string | null]> = [...seen].map((file) => [file, null])
  for (const asset of doc.assets) {
    // Only files the asset check resolved inside the content folder (those carry `path`).
    if (asset.remote || !asset.path || seen.has(asset.path)) continue
    seen.add(asset.path)
    found.push([asset.path, await fs.readFile(asset.path).then(sha256, () => null)])
  }
  return found
}

export function sourceDateEpoch(): number | undefined {
  const value = process.env.SOURCE_DATE_EPOCH
  if (!value || !/^\d+$/.test(value)) return undefined
  return Number(value)
}
