/**
 * The contract every output format implements, built-in or third-party.
 *
 * A build calls `note()` once for each note that parsed without errors and
 * `collection()` once with a summary of every note this format built. Both
 * write through their context, which records what they wrote: the
 * manifest, `--clean` and the next build know every file and the note it
 * belongs to. The document model is deep-frozen: clone what you need to
 * change (`structuredClone`).
 *
 * A `note()` call may depend on the note, the options, the config, the
 * templates, what `version()` names, and what it reads from the note graph
 * (`context.graph`): quire records those reads, and a note is written again
 * when any of them changes. Nothing else should leak in (no module state
 * shared between notes, no reading other files of the content folder):
 * quire runs notes in any order, several at once, and skips notes whose
 * outputs are current.
 */
import type {NoteGraph, NoteSummary, QuireDocument} from '../model.js'
import type {ResolvedConfig} from '../config/types.js'

export interface ReportOptions {
  readonly ruleId: string
  readonly severity?: 'error' | 'warning' | 'info' | undefined
  /** Line and column in the note, when the problem has a place. */
  readonly line?: number | undefined
  readonly column?: number | undefined
}

export interface CollectionReportOptions extends ReportOptions {
  /** The note the message is about (its `relativePath`); without it the message belongs to the build. */
  readonly note?: string | undefined
}

/** What `note()`, `collection()` and resource openers all get. */
export interface BaseContext<Options> {
  /** This format's options: the config key of the same name, validated by `options()`. */
  readonly options: Options
  readonly config: ResolvedConfig
  /** Folder of quire's own templates (`templates/`). */
  readonly templatesDir: string
  /** Seconds since the epoch from `SOURCE_DATE_EPOCH`, when set: use it instead of "now". */
  readonly sourceDateEpoch?: number | undefined
  /** Aborted on Ctrl-C, SIGTERM or a fatal error elsewhere in the build. */
  readonly signal: AbortSignal
  /** A progress line; shown on a TTY, hidden with `--quiet` and in CI. */
  progress(line: string): void
}

export interface StepContext<Options, Shared> extends BaseContext<Options> {
  /** What `prepare()` returned (undefined without `prepare`). */
  readonly shared: Shared
  /**
   * Every note that parsed, its title, headings, links and backlinks. In
   * `note()`, read it before costly work: a note that reads another note
   * may be held back until that note is parsed, and its step run again.
   */
  readonly graph: NoteGraph
  /**
   * Write a file, relative to the output folder (POSIX separators). Nothing
   * reaches the disk until the step returns, then every file is written
   * atomically; a step that throws writes nothing. A path that leaves the
   * output folder is an error.
   */
  write(relativePath: string, data: string | Uint8Array): void
  /** Copy a file (an image of the note, a stylesheet) to a path of the output folder, as `write` does. */
  copy(from: string, relativePath: string): void
  /** The resource of this format named `name`, opened on first use (see `Emitter.resources`). */
  resource<Resource extends object>(name: string): Remote<Resource>
}

export interface NoteContext<Options = Record<string, unknown>, Shared = unknown> extends StepContext<Options, Shared> {
  /** A message on this note: `file:line:column severity reason ruleId`; an error fails the note for this format. */
  report(reason: string, options: ReportOptions): void
}

export interface CollectionContext<Options = Record<string, unknown>, Shared = unknown> extends StepContext<Options, Shared> {
  /** A message on a note (`options.note`) or on the build. */
  report(reason: string, options: CollectionReportOptions): void
  /**
   * The full document of a note of this build (by content-relative path),
   * parsed again for the caller: books of several notes need every
   * chapter's trees. Rejects for a note that is not part of the build or
   * did not parse.
   */
  load(relativePath: string): Promise<QuireDocument>
}

/**
 * A costly thing a format shares across the whole build (the PDF emitter's
 * browser). quire opens it once, on the first call, in one place, and
 * closes it when the build ends, fails or is interrupted; every note step
 * reaches the same instance, wherever it runs. Arguments and results of
 * its methods must be plain data (structured-cloneable).
 */
export interface ResourceInstance {
  close?(): Promise<void>
}

export type ResourceOpener<Options> = {open(context: BaseContext<Options>): Promise<ResourceInstance>}['open']

/** A resource as a note step sees it: every method returns a promise. */
export type Remote<Resource> = {
  readonly [Key in keyof Resource as Key extends 'close' ? never : Resource[Key] extends (...args: never[]) => unknown ? Key : never]: Resource[Key] extends (
    ...args: infer Args
  ) => infer Result
    ? (...args: Args) => Promise<Awaited<Result>>
    : never
}

export interface Emitter<Options = Record<string, unknown>, Shared = unknown> {
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
   * What else the outputs depend on (a tool's version), as any JSON value:
   * when it changes, every note is written again in this format. The PDF
   * emitter names its browser binary.
   */
  version?(options: Options): unknown
  /** Resources by name (see `ResourceInstance`). */
  readonly resources?: Readonly<Record<string, ResourceOpener<Options>>> | undefined
  /**
   * What the steps share within one build: templates read, stylesheets
   * resolved. May run more than once per build (it must not write); a
   * throw fails the format for the whole build, with one message.
   */
  prepare?(context: BaseContext<Options>): Shared | Promise<Shared>
  /** Once per note. A throw fails that note for this format only. */
  note?(doc: QuireDocument, context: NoteContext<Options, Shared>): void | Promise<void>
  /**
   * Once per build, after every note: a summary of each note this format
   * built (in collection order: newest first, then by title) and the
   * note graph.
   */
  collection?(notes: readonly NoteSummary[], context: CollectionContext<Options, Shared>): void | Promise<void>
}

/**
 * Thrown when the format cannot run at all (no browser to print with):
 * reported once for the build, and the format is skipped for the remaining
 * notes instead of failing each with the same message. A resource whose
 * opener throws counts as this.
 */
export class FormatUnavailableError extends Error {
  override name = 'FormatUnavailableError'
}

/** By name, not instanceof: an emitter package may bring its own copy of quire. */
export function isFormatUnavailable(error: unknown): error is Error {
  return error instanceof Error && error.name === 'FormatUnavailableError'
}

/** Identity helper that gives third-party emitters full type checking. */
export function defineEmitter<Options = Record<string, unknown>, Shared = undefined>(emitter: Emitter<Options, Shared>): Emitter<Options, Shared> {
  return emitter
}
