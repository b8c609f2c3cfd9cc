#!/usr/bin/env node
/** The only code that touches process.argv, signals and the exit code. */
import {run} from './run.js'

const controller = new AbortController()
let interrupted = 0
const stop = (signal: NodeJS.Signals) => {
  interrupted++
  // A second Ctrl-C means "now": skip the orderly shutdown.
  if (interrupted > 1) process.exit(130)
  controller.abort(new Error(`Interrupted by ${signal}`))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)

const interactive = Boolean(process.stderr.isTTY) && !process.env.CI
const color = interactive && !process.env.NO_COLOR

try {
  process.exitCode = await run({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    stdout: (line) => process.stdout.write(line + '\n'),
    stderr: (line) => process.stderr.write(line + '\n'),
    interactive,
    color,
    signal: controller.signal,
    status: interactive ? (line) => process.stderr.write(`\r\u001B[2K${line.slice(0, (process.stderr.columns || 80) - 1)}`) : undefined
  })
} catch (error) {
  // A bug in quire itself, not a problem with the notes: say so without a wall of stack.
  process.stderr.write(`quire: internal error: ${error instanceof Error ? error.message : String(error)}\n`)
  if (process.env.QUIRE_DEBUG) process.stderr.write(String(error instanceof Error ? error.stack : error) + '\n')
  process.exitCode = 3
}
