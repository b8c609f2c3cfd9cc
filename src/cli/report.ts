/**
 * Turns a build result into lines for a terminal:
 * `content/a.md:12:3 warning Image not found: ./x.png  missing-asset`.
 * Rows first, then strings (as vfile-reporter does); no colours when NO_COLOR is set or not a TTY.
 */
import path from 'node:path'
import type {VFileMessage} from 'vfile-message'
import type {BuildResult} from '../report.js'

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
