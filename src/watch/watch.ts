/**
 * `quire watch`: build, then rebuild on every change until the signal
 * aborts. A broken note or config is reported and the watch goes on.
 */
import path from 'node:path'
import {ConfigError} from '../config/errors.js'
import {build} from '../publish.js'
import {errorText, formatResult, type BuildResult} from '../report.js'
import type {BuildFlags} from '../config/resolve.js'
import {configFolder, formatsForChanges, isIgnored, isIgnoredInConfigFolder, resolveTargets, treePaths, type WatchTargets} from './targets.js'
import {RebuildQueue, watchFiles, type FileEvent} from './watcher.js'

export interface WatchOptions {
  readonly cwd: string
  readonly flags: Readonly<BuildFlags>
  /** Stops the watch; a running build is interrupted. */
  readonly signal: AbortSignal
  /** Diagnostics and one line per rebuild. */
  readonly log: (line: string) => void
  readonly color?: boolean | undefined
  /** Progress of a running build (TTY only). */
  readonly status?: ((line: string) => void) | undefined
  readonly poll?: boolean | undefined
  /** Quiet time after the last change before rebuilding (default 150 ms). */
  readonly delay?: number | undefined
  /** Folders already resolved by the caller (else resolved here). */
  readonly targets?: WatchTargets | undefined
  /** Folders resolved (again, after a config change). */
  readonly onTargets?: ((targets: WatchTargets) => void) | undefined
  /** A build ended: its result, or undefined when it could not run (config error). */
  readonly onBuild?: ((outcome: BuildOutcome) => void) | undefined
}

export interface BuildOutcome {
  readonly result?: BuildResult | undefined
  /** Printed lines: diagnostics then the summary, or the config error. */
  readonly lines: readonly string[]
}

export const defaultDelay = 150

/** Resolves once the signal aborted and everything is closed. */
export async function watch(options: WatchOptions): Promise<void> {
  const {cwd, flags, signal, log} = options
  if (signal.aborted) return
  let targets = options.targets ?? (await resolveTargets(cwd, flags))
  options.onTargets?.(targets)
  let first = true

  const rebuild = async (changes: ReadonlySet<string>): Promise<void> => {
    if (signal.aborted) return
    if (!first && [...changes].some((change) => targets.configFiles.includes(change))) {
      const next = await resolveTargets(cwd, flags)
      if (JSON.stringify(next) !== JSON.stringify(targets)) {
        targets = next
        await tree.replace(await treePaths(targets))
        await config.replace([configFolder(targets)])
        options.onTargets?.(targets)
      }
    }
    const formats = first ? flags.formats : only(changes)
    if (formats?.length === 0) return
    if (!first) log(`${clock()} ${describe(changes, cwd)} changed, rebuilding${formats !== flags.formats ? ` ${formats!.join(', ')} only` : ''}`)
    const outcome = await runBuild(formats, first && (flags.clean ?? false))
    if (outcome) {
      for (const line of outcome.lines) log(line)
      options.onBuild?.(outcome)
    }
    if (first) log(`Watching ${shown(targets.content, cwd)}, the templates and the config for changes (Ctrl-C to stop)`)
    first = false
  }

  let lastFormats: readonly string[] | undefined
  const only = (changes: ReadonlySet<string>) => (lastFormats ? formatsForChanges(changes, targets, lastFormats) ?? flags.formats : flags.formats)

  const runBuild = async (formats: readonly string[] | undefined, clean: boolean): Promise<BuildOutcome | undefined> => {
    try {
      // The flags as they came, but for what this rebuild needs: its formats, and --clean only the first time.
      const result = await build({...flags, cwd, formats, clean, signal, onProgress: options.status})
      options.status?.('')
      if (!formats || formats === flags.formats) lastFormats = result.formats
      return {result, lines: formatResult(result, {cwd, quiet: flags.quiet ?? false, color: options.color ?? false})}
    } catch (error) {
      options.status?.('')
      if (signal.aborted) return undefined
      if (error instanceof ConfigError) return {lines: [`quire: ${error.message}`]}
      // Keep watching: the next save may well fix it.
      return {lines: [`quire: build failed: ${errorText(error)}`]}
    }
  }

  const queue = new RebuildQueue({
    delay: options.delay ?? defaultDelay,
    run: rebuild,
    onError: (error) => log(`quire: ${errorText(error)}`)
  })
  const onError = (error: unknown) => log(`quire: watch error: ${errorText(error)}`)
  // Notes, assets and templates, all the way down.
  const tree = await watchFiles({
    paths: await treePaths(targets),
    ignored: (file) => isIgnored(file, targets),
    onChange: (event, file) => {
      if (event !== 'addDir') queue.schedule(file)
    },
    onError,
    poll: options.poll
  })
  // The config file (even one that does not exist yet) and the content folder appearing or going.
  const config = await watchFiles({
    paths: [configFolder(targets)],
    depth: 0,
    ignored: (file) => isIgnoredInConfigFolder(file, targets),
    onChange: (event: FileEvent, file) => {
      if (file === configFolder(targets)) return
      if (file === targets.content && event === 'addDir') tree.renew(file)
      queue.schedule(file)
    },
    onError,
    poll: options.poll
  })

  const stopped = new Promise<void>((resolve) => {
    if (signal.aborted) resolve()
    signal.addEventListener('abort', () => resolve(), {once: true})
  })
  queue.now('start')
  await stopped
  await queue.close()
  await Promise.all([tree.close(), config.close()])
}

function describe(changes: ReadonlySet<string>, cwd: string): string {
  const names = [...changes].map((change) => shown(change, cwd))
  return names.length > 1 ? `${names[0]} and ${names.length - 1} more` : names[0] ?? 'something'
}

function shown(file: string, cwd: string): string {
  return path.relative(cwd, file) || '.'
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8)
}
