/** What a build returns and what the CLI prints: per-note messages and a summary. */
import {VFileMessage} from 'vfile-message'

export interface NoteReport {
  /** Absolute path of the note. */
  readonly path: string
  readonly slug?: string | undefined
  readonly messages: VFileMessage[]
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
