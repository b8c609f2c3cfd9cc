/**
 * The CLI runner: takes argv and a few process facts, returns an exit code.
 * Testable without spawning (bin.ts is the only code touching `process`).
 */
import {ConfigError} from '../config/errors.js'
import {build} from '../publish.js'
import {quireVersion} from '../version.js'
import {parseArgv, usage, UsageError} from './args.js'
import type {RunEnvironment} from './environment.js'
import {formatResult} from '../report.js'

export async function run(env: RunEnvironment): Promise<number> {
  let command
  try {
    command = parseArgv(env.argv)
  } catch (error) {
    if (error instanceof UsageError) {
      env.stderr(`quire: ${error.message}\n\n${usage}`)
      return 2
    }
    throw error
  }
  if (command.kind === 'help') {
    env.stdout(usage)
    return 0
  }
  if (command.kind === 'version') {
    env.stdout(quireVersion())
    return 0
  }
  // Loaded only for these commands: a plain build needs no watcher or server.
  if (command.kind === 'watch' || command.kind === 'serve') return (await import('./live.js')).runLive(command, env)
  try {
    const {flags} = command
    const result = await build({...flags, cwd: env.cwd, signal: env.signal, onProgress: env.interactive && !flags.quiet && env.status ? env.status : undefined})
    env.status?.('')
    const lines = formatResult(result, {cwd: env.cwd, quiet: flags.quiet, color: env.color})
    for (const line of lines.slice(0, -1)) env.stderr(line)
    env.stderr(lines[lines.length - 1]!)
    return result.errors > 0 ? 1 : 0
  } catch (error) {
    env.status?.('')
    if (error instanceof ConfigError) {
      env.stderr(`quire: ${error.message}`)
      return 2
    }
    if (env.signal?.aborted) {
      env.stderr('quire: build interrupted; previous outputs were left as they were')
      return 130
    }
    throw error
  }
}
