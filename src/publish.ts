/**
 * A build: config → find notes → parse each once → emit every format →
 * report. The only module that knows the whole sequence.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {VFileMessage} from 'vfile-message'
import {ConfigError} from './config/errors.js'
import {loadConfigFile} from './config/load.js'
import {resolveConfig, type BuildFlags} from './config/resolve.js'
import type {ResolvedConfig} from './config/types.js'
import {loadEmitter} from './emitters/load.js'
import type {Collection, Emitter, EmitterContext, EmitterRun} from './emitters/types.js'
import {readManifest, removeOutputs, writeManifest} from './manifest.js'
import type {QuireDocument} from './model.js'
import {assignSlugs, findNotes} from './notes.js'
import {buildDocument, fallbackTitle} from './pipeline/document.js'
import {createProcessor} from './pipeline/processor.js'
import {readNote} from './pipeline/read.js'
import {countSeverities, createMessage, type BuildResult, type NoteReport} from './report.js'
import {OutputWriter} from './write.js'

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

export const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url))

export async function build(options?: Readonly<BuildOptions> | null): Promise<BuildResult> {
  const started = performance.now()
  const settings = options ?? {}
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

  // Parse every note once.
  const files = await findNotes(config.content, [config.out])
  const {notes: entries, problems} = assignSlugs(config.content, files)
  const reports = new Map<string, NoteReport>()
  for (const problem of problems) {
    const notePath = path.join(config.content, problem.relativePath)
    const report = reports.get(notePath) ?? {path: notePath, messages: [], built: false}
    report.messages.push(createMessage(problem.reason, {ruleId: problem.ruleId, file: notePath, line: 1, column: 1, severity: problem.fatal ? 'error' : 'warning'}))
    reports.set(notePath, report)
  }
  const slugs = new Map(entries.map((entry) => [entry.relativePath, entry.slug]))
  const realContent = await fs.realpath(config.content)
  const processor = createProcessor(config.markdown)
  const documents: QuireDocument[] = []
  let parsed = 0
  for (const entry of entries) {
    signal.throwIfAborted()
    const report = reports.get(entry.path) ?? {path: entry.path, slug: entry.slug, messages: [], built: false}
    reports.set(entry.path, report)
    const bytes = await fs.readFile(entry.path)
    const read = readNote(entry.path, bytes, {maxBytes: config.maxNoteBytes})
    let document: QuireDocument | undefined
    if (read.ok) {
      document = await buildDocument(processor, {
        file: read.file,
        hash: read.hash,
        slug: entry.slug,
        relativePath: entry.relativePath,
        context: {contentDir: realContent, slugs, fallbackTitle: fallbackTitle(entry.path)}
      })
    }
    report.messages.push(...read.file.messages)
    if (document) documents.push(document)
    progress(`parsed ${++parsed}/${entries.length} ${entry.relativePath}`)
  }

  const buildMessages: VFileMessage[] = []
  const failed = new Set<QuireDocument>()
  const reportFor = (doc: QuireDocument | undefined) => (doc ? reports.get(doc.path) : undefined)
  const collection: Collection = {documents: sortCollection(documents), config}

  try {
    await Promise.all(
      emitters.map(({emitter, options}) =>
        runEmitter(emitter, {
          options,
          config,
          output: writer,
          signal,
          documents: collection.documents,
          templatesDir,
          sourceDateEpoch: sourceDateEpoch(),
          progress,
          report(doc, reason, reportOptions) {
            const message = createMessage(reason, {...reportOptions, file: doc?.path})
            if (message.fatal && doc) failed.add(doc)
            const target = reportFor(doc)
            if (target) target.messages.push(message)
            else buildMessages.push(message)
          }
        }, collection, failed)
      )
    )
  } finally {
    await writer.cleanup()
  }
  signal.throwIfAborted()

  // Files of notes that were not rebuilt this time stay, and stay listed.
  const present = new Set(entries.map((entry) => entry.relativePath))
  const kept: Record<string, string> = {}
  const stale: string[] = []
  for (const [file, source] of Object.entries(config.clean ? {} : previous.files)) {
    if (writer.written.has(file)) continue
    if (source !== '*' && !present.has(source)) stale.push(file)
    else kept[file] = source
  }
  await removeOutputs(writer, stale)
  await writeManifest(writer, {...kept, ...Object.fromEntries(writer.written)})

  for (const doc of documents) {
    const report = reports.get(doc.path)!
    report.built = !failed.has(doc)
  }
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

interface PreparedEmitter {
  readonly emitter: Emitter<unknown>
  readonly options: unknown
}

async function prepareEmitter(name: string, config: ResolvedConfig): Promise<PreparedEmitter> {
  const emitter = await loadEmitter(name, config)
  const input = config.formatOptions[name] ?? {}
  let options: unknown = input
  if (emitter.options) {
    try {
      options = emitter.options(input)
    } catch (error) {
      const where = config.configFile ? path.basename(config.configFile) + ': ' : ''
      throw new ConfigError(`${where}\`${name}\`: ${error instanceof Error ? error.message : String(error)}`, config.configFile)
    }
  }
  return {emitter, options}
}

async function runEmitter(emitter: Emitter<unknown>, context: EmitterContext<unknown>, collection: Collection, failed: Set<QuireDocument>): Promise<void> {
  let run: EmitterRun | undefined
  const fail = (doc: QuireDocument | undefined, error: unknown) => {
    if (context.signal.aborted) return
    context.report(doc, `${emitter.name}: ${error instanceof Error ? error.message : String(error)}`, {ruleId: `${emitter.name}-failed`, severity: 'error'})
  }
  try {
    run = await emitter.start(context)
    if (run.document) {
      const emitDocument = run.document.bind(run)
      const queue = collection.documents.filter((doc) => !failed.has(doc))
      const workers = Math.max(1, Math.min(run.concurrency ?? 1, queue.length))
      let next = 0
      await Promise.all(
        Array.from({length: workers}, async () => {
          while (next < queue.length && !context.signal.aborted) {
            const doc = queue[next++]!
            try {
              await emitDocument(doc)
            } catch (error) {
              fail(doc, error)
            }
          }
        })
      )
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

function sourceDateEpoch(): number | undefined {
  const value = process.env.SOURCE_DATE_EPOCH
  if (!value || !/^\d+$/.test(value)) return undefined
  return Number(value)
}

async function assertFolder(folder: string, cwd: string): Promise<void> {
  try {
    const stat = await fs.stat(folder)
    if (stat.isDirectory()) return
  } catch {}
  throw new ConfigError(`Content folder not found: ${path.relative(cwd, folder) || folder}`)
}
