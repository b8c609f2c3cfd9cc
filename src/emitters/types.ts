/**
 * The contract every output format implements, built-in or third-party.
 *
 * A build calls `start` once, then `document` for each note that parsed
 * without errors, then `collection` once with all of them, and `close`
 * always (success, failure or abort). The document model is deep-frozen:
 * clone what you need to change (`structuredClone`).
 */
import type {QuireDocument} from '../model.js'
import type {ResolvedConfig} from '../config/types.js'
import type {OutputWriter} from '../write.js'

export interface Collection {
  /** Every note that built, sorted by date (newest first), then title. */
  readonly documents: readonly QuireDocument[]
  readonly config: ResolvedConfig
}

export interface ReportOptions {
  readonly ruleId: string
  readonly severity?: 'error' | 'warning' | 'info' | undefined
  /** Line and column in the note, when the problem has a place. */
  readonly line?: number | undefined
  readonly column?: number | undefined
}

export interface EmitterContext<Options = Record<string, unknown>> {
  /** This emitter's options: the config key of the same name, defaults applied. */
  readonly options: Options
  readonly config: ResolvedConfig
  /** The only way to write: atomic, and confined to the output folder. */
  readonly output: OutputWriter
  /** Cancelled on Ctrl-C, SIGTERM or a fatal error elsewhere in the build. */
  readonly signal: AbortSignal
  /** Every note that will be emitted in this build (for cross-note links). */
  readonly documents: readonly QuireDocument[]
  /** Folder of quire's own templates (`templates/`). */
  readonly templatesDir: string
  /** Seconds since the epoch from `SOURCE_DATE_EPOCH`, when set: use it instead of "now". */
  readonly sourceDateEpoch?: number | undefined
  /** Attach a message to a note (or to the build when `doc` is undefined). */
  report(doc: QuireDocument | undefined, reason: string, options: ReportOptions): void
  /** A progress line; shown on a TTY, hidden with `--quiet` and in CI. */
  progress(line: string): void
}

export interface EmitterRun {
  /**
   * How many `document` calls may run at once (default 1). The PDF emitter
   * raises it to render pages in parallel on one browser.
   */
  readonly concurrency?: number | undefined
  document?(doc: QuireDocument): Promise<void>
  collection?(collection: Collection): Promise<void>
  close?(): Promise<void>
}

export interface Emitter<Options = Record<string, unknown>> {
  /** Format name, as used in `--format` and as the config key for its options. */
  readonly name: string
  readonly description: string
  /** What it writes, relative to the output folder (for docs and `quire build --help`). */
  readonly writes: readonly string[]
  /**
   * Validates and completes the user's options (the config key named like
   * the emitter). Throw an Error with a clear message for bad options.
   */
  options?(input: unknown): Options
  /**
   * Default false: `document()` runs in the main thread with full
   * documents, for every note, every build. True when `document(doc)` depends on
   * nothing but the document, the options, the config and the templates (it
   * must not read `context.documents`): quire may then run it in worker
   * threads and skip it for notes whose cached outputs are still there, and
   * `collection()` receives light documents (metadata, headings, links,
   * stats; `mdast` empty, `hast` only the elements that carry an `id`,
   * section `content` empty and section `text` cut after ~1000 characters).
   * An emitter object given in a programmatic config never leaves the main
   * thread; the other formats of such a build do not either.
   *
   * A function decides from the validated options: the EPUB emitter is
   * worker-safe unless books (which need every chapter's full tree) are set.
   */
  readonly workerSafe?: boolean | WorkerSafeCheck<Options> | undefined
  /**
   * Default false. True (or a function of the options) when `document(doc)`
   * depends on nothing but the document, the options, the config and the
   * templates, but must stay in the main thread (the PDF emitter holds one
   * browser for the build): quire then skips it for notes whose cached
   * outputs are current and hands `collection()` light documents, as for
   * worker-safe formats. `start()` then sees no `context.documents`: open
   * costly resources on the first `document()` call. Worker-safe implies it.
   */
  readonly incremental?: boolean | WorkerSafeCheck<Options> | undefined
  /**
   * What else a cached output depends on besides the note, the options, the
   * config and the templates (a tool's version): any JSON value, compared
   * by hash. The PDF emitter names the browser binary and its size and date,
   * so upgrading Chromium renders every handout again.
   */
  readonly cacheKey?: CacheKeyOf<Options> | undefined
  start(context: EmitterContext<Options>): EmitterRun | Promise<EmitterRun>
}

/**
 * Thrown by `document()` when the format cannot run at all (no browser to
 * print with): reported once for the build, and the format is skipped for
 * the remaining notes instead of failing each with the same message.
 */
export class FormatUnavailableError extends Error {
  override name = 'FormatUnavailableError'
}

/** By name, not instanceof: an emitter package may bring its own copy of quire. */
export function isFormatUnavailable(error: unknown): error is Error {
  return error instanceof Error && error.name === 'FormatUnavailableError'
}

type CacheKeyOf<Options> = {key(options: Options): unknown}['key']

/** Method syntax: checked like `start`, so an `Emitter<MyOptions>` still fits where an `Emitter<unknown>` is expected. */
type WorkerSafeCheck<Options> = {check(options: Options): boolean}['check']

/** Identity helper that gives third-party emitters full type checking. */
export function defineEmitter<Options = Record<string, unknown>>(emitter: Emitter<Options>): Emitter<Options> {
  return emitter
}
