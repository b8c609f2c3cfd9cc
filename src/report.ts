/**
 * What a build returns and how it reads on a terminal: per-note messages,
 * then a summary line,
 * `content/a.md:12:3 warning Image not found: ./x.png  missing-asset`.
 * Rows first, then strings (as vfile-reporter does); no colours when
 * NO_COLOR is set or not a TTY.
 */
import path from 'node:path'
import {VFileMessage} from 'vfile-message'

export interface NoteReport {
  /** Absolute path of the note. */
  readonly path: string
  readonly slug?: string | undefined
  messages: VFileMessage[]
  /** True when the note was emitted in every asked format. */
  built: boolean
}

export interface BuildResult {
  readonly notes: NoteReport[]
  /** Messages that belong to no note (an emitter failing as a whole). */
  readonly messages: VFileMessage[]
  /** Output files written, relative to the output folder. */
  readonly written: string[]
  readonly outDir: string
  readonly formats: readonly string[]
  readonly errors: number
  readonly warnings: number
  readonly durationMs: number
}

/** What anything thrown says: an Error's message, else the value as text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** A format that failed as a whole or for one note: `<format>: <error>`, an error with ruleId `<format>-failed`. */
export function formatFailure(format: string, error: unknown): {reason: string; options: {ruleId: string; severity: 'error'}} {
  return {reason: `${format}: ${errorText(error)}`, options: {ruleId: `${format}-failed`, severity: 'error'}}
}

export function createMessage(reason: string, options: {ruleId: string; file?: string | undefined; line?: number | undefined; column?: number | undefined; severity?: 'error' | 'warning' | 'info' | undefined}): VFileMessage {
  const place = options.line ? {line: options.line, column: options.column ?? 1} : undefined
  const message = new VFileMessage(reason, {place, ruleId: options.ruleId, source: 'quire'})
  if (options.file) message.file = options.file
  const severity = options.severity ?? 'error'
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined
  return message
}

export function countSeverities(messages: Iterable<VFileMessage>): {errors: number; warnings: number} {
  let errors = 0
  let warnings = 0
  for (const message of messages) {
    if (message.fatal === true) errors++
    else if (message.fatal === false) warnings++
  }
  return {errors, warnings}
}

export interface FormatOptions {
  readonly cwd: string
  readonly quiet: boolean
  readonly color: boolean
}

function formatMessage(message: VFileMessage, options: FormatOptions): string {
  const file = message.file ? path.relative(options.cwd, message.file) || message.file : 'quire'
  const place = message.line ? `:${message.line}:${message.column ?? 1}` : ''
  const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
  const label = options.color ? paint(severity) : severity
  return `${file}${place} ${label} ${message.reason}${message.ruleId ? '  ' + message.ruleId : ''}`
}

export function formatResult(result: BuildResult, options: FormatOptions): string[] {
  const lines: string[] = []
  const messages = [...result.notes.flatMap((note) => note.messages.map((message) => withFile(message, note.path))), ...result.messages]
  for (const message of messages) {
    if (options.quiet && message.fatal !== true) continue
    lines.push(formatMessage(message, options))
  }
  const built = result.notes.filter((note) => note.built).length
  const failed = result.notes.length - built
  const parts = [
    `${built} note${built === 1 ? '' : 's'} built`,
    failed ? `${failed} failed` : '',
    `${result.errors} error${result.errors === 1 ? '' : 's'}`,
    `${result.warnings} warning${result.warnings === 1 ? '' : 's'}`,
    `${result.formats.join(', ')} → ${path.relative(options.cwd, result.outDir) || '.'}`,
    `${(result.durationMs / 1000).toFixed(1)}s`
  ].filter(Boolean)
  lines.push(parts.join(', '))
  return lines
}

function withFile(message: VFileMessage, file: string): VFileMessage {
  if (!message.file) message.file = file
  return message
}

function paint(severity: string): string {
  const code = severity === 'error' ? 31 : severity === 'warning' ? 33 : 36
  return `\u001B[${code}m${severity}\u001B[39m`
}
