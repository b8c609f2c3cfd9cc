/**
 * A build: config → find notes → the engine (parse each once, every
 * format's note and collection steps) → manifest → report. The only module
 * that knows the whole sequence; the engine knows how notes are built.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {VFileMessage} from 'vfile-message'
import {buildKeys, NoteCache} from './cache/store.js'
import {mermaidVersion} from './browser/diagrams.js'
import {ConfigError} from './config/errors.js'
import {loadConfigFile} from './config/load.js'
import {resolveConfig, type BuildFlags} from './config/resolve.js'
import {toTransfer} from './config/transfer.js'
import {builtinFormats} from './emitters/registry.js'
import {runEngine} from './engine/build.js'
import {loadFormat, sourceDateEpoch, type BuildSettings} from './engine/formats.js'
import {manifestEntry, ownersOf, readManifest, removeOutputs, writeManifest} from './manifest.js'
import {assignSlugs, findFiles} from './notes.js'
import {countSeverities, createMessage, errorText, type BuildResult, type NoteReport} from './report.js'
import {quireVersion} from './version.js'
import {OutputFolder} from './write.js'

export interface BuildOptions extends BuildFlags {
  /** Working directory for relative paths (default: `process.cwd()`). */
  readonly cwd?: string | undefined
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

export async function build(options?: Readonly<BuildOptions> | null): Promise<BuildResult> {
  const started = performance.now()
  const settings: InternalOptions = options ?? {}
  const cwd = path.resolve(settings.cwd ?? process.cwd())
  // The config is loaded and resolved here, once; worker threads get it in transferable form.
  const loaded =
    typeof settings.config === 'object' && settings.config !== null
      ? {file: undefined, value: {...settings.config}}
      : await loadConfigFile(cwd, settings.config)
  const config = await resolveConfig({cwd, file: loaded.file, value: loaded.value, flags: settings, builtinFormats})
  await assertFolder(config.content, cwd)
  const formats = await Promise.all(config.formats.map((name) => loadFormat(name, config)))
  const signal = settings.signal ?? new AbortController().signal
  signal.throwIfAborted()

  const folder = new OutputFolder(config.out)
  const previous = await readManifest(config.out)
  if (config.clean) await removeOutputs(folder, Object.keys(previous.files))

  const files = await findFiles(config.content, [config.out])
  const {notes: entries, problems} = assignSlugs(config.content, files.notes)
  const templates = settings.templatesDir ? path.resolve(cwd, settings.templatesDir) : templatesDir
  const build: BuildSettings = {config, templatesDir: templates, sourceDateEpoch: sourceDateEpoch(), signal, progress: settings.onProgress ?? (() => {})}
  // A new mermaid draws diagrams anew: its version is part of every note's key.
  const cache = config.cache === false ? undefined : await openCache(config.cache, build, formats, `${settings.quireVersion ?? quireVersion()} mermaid ${mermaidVersion()}`)
  const transfer = toTransfer(config, loaded.value, formats.map(({options}) => options))

  const outcome = await runEngine({settings: build, formats, entries, attachments: files.attachments, realContent: await fs.realpath(config.content), folder, cache, transfer, workers: config.workers})
  signal.throwIfAborted()
  await cache?.store.save()

  // Files of notes that were not rebuilt this time stay, and stay listed. A
  // file is stale when none of the notes that wrote it is left: an image two
  // notes share stays while either of them does.
  const present = new Set(entries.map((entry) => entry.relativePath))
  const alive = (source: string) => source === '*' || present.has(source)
  const listed: Record<string, string | string[]> = {}
  const stale: string[] = []
  for (const [file, entry] of Object.entries(config.clean ? {} : previous.files)) {
    const owners = ownersOf(entry).filter(alive)
    const written = outcome.written.get(file)
    // A note that still exists keeps its claim, even when it was not rebuilt
    // (cached) or no longer uses the file: keeping a file too long is safe,
    // removing one a page still shows is not.
    if (written) listed[file] = manifestEntry([...written, ...owners])
    else if (owners.length === 0) stale.push(file)
    else listed[file] = manifestEntry(owners)
  }
  for (const [file, owners] of outcome.written) listed[file] ??= manifestEntry(owners)
  await removeOutputs(folder, stale)
  await writeManifest(folder, listed)

  const reports = new Map<string, NoteReport>()
  for (const problem of problems) {
    const notePath = path.join(config.content, problem.relativePath)
    const report = reports.get(notePath) ?? {path: notePath, messages: [], built: false}
    report.messages.push(createMessage(problem.reason, {ruleId: problem.ruleId, file: notePath, line: 1, column: 1, severity: problem.fatal ? 'error' : 'warning'}))
    reports.set(notePath, report)
  }
  for (const entry of entries) {
    const result = outcome.notes.get(entry.relativePath)
    const report = reports.get(entry.path) ?? {path: entry.path, slug: entry.slug, messages: [], built: false}
    report.messages.push(...(result?.messages ?? []))
    report.built = result?.built ?? false
    reports.set(entry.path, report)
  }
  const notes = [...reports.values()].sort((a, b) => (a.path < b.path ? -1 : 1))
  for (const note of notes) note.messages = unique(note.messages).sort(byPlace)
  const all = [...notes.flatMap((note) => note.messages), ...outcome.messages]
  const {errors, warnings} = countSeverities(all)
  return {
    notes,
    messages: outcome.messages,
    written: [...outcome.written.keys()].sort(),
    outDir: config.out,
    formats: config.formats,
    errors,
    warnings,
    durationMs: Math.round(performance.now() - started)
  }
}

async function openCache(folder: string, settings: BuildSettings, formats: Parameters<typeof runEngine>[0]['formats'], version: string) {
  // Each format's own `version()`; one that throws counts as a version of its own (and rebuilds once it stops throwing).
  const formatVersions: Record<string, unknown> = {}
  for (const {name, emitter, options} of formats) {
    if (!emitter.version) continue
    try {
      formatVersions[name] = (await emitter.version(options)) ?? null
    } catch (error) {
      formatVersions[name] = {failed: errorText(error)}
    }
  }
  const {config} = settings
  return {
    store: await NoteCache.open(folder, config.out),
    keys: await buildKeys({config, version, templatesDir: settings.templatesDir, sourceDateEpoch: settings.sourceDateEpoch, formatVersions})
  }
}

/** The same message twice (a note in its own EPUB and in a book) is shown once. */
function unique(messages: readonly VFileMessage[]): VFileMessage[] {
  const seen = new Set<string>()
  return messages.filter((message) => {
    const key = `${message.line}:${message.column}\0${message.ruleId}\0${message.fatal}\0${message.reason}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
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
