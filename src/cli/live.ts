/**
 * The runners of `quire watch` and `quire serve`: they last until the
 * signal aborts (Ctrl-C), then close everything and return 0.
 */
import path from 'node:path'
import type {Command} from './args.js'
import type {RunEnvironment} from './environment.js'
import {startServer, type PreviewServer} from '../serve/server.js'
import {watch, type BuildOutcome} from '../watch/watch.js'
import {resolveTargets, type WatchTargets} from '../watch/targets.js'
import {errorText} from '../report.js'

type LiveCommand = Extract<Command, {kind: 'watch' | 'serve'}>

export async function runLive(command: LiveCommand, env: RunEnvironment): Promise<number> {
  const signal = env.signal ?? new AbortController().signal
  const {flags} = command
  const targets = await resolveTargets(env.cwd, flags)
  let htmlRoot = path.join(targets.out, 'html')
  let server: PreviewServer | undefined

  if (command.kind === 'serve') {
    try {
      server = await startServer({root: () => htmlRoot, port: command.port, host: command.host})
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const reason =
        code === 'EADDRINUSE' ? `port ${command.port} is in use (another \`quire serve\`?); pick another with --port, or --port 0 for any free port`
        : code === 'EACCES' ? `not allowed to listen on port ${command.port}; ports below 1024 need privileges, use --port 4321`
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' ? `cannot listen on host \`${command.host}\` (not an address of this machine)`
        : errorText(error)
      env.stderr(`quire: ${reason}`)
      return 2
    }
    env.stdout(`Serving ${path.relative(env.cwd, htmlRoot) || '.'} at ${server.url}`)
  }

  const onTargets = (targets: WatchTargets) => {
    htmlRoot = path.join(targets.out, 'html')
  }
  const onBuild = (outcome: BuildOutcome) => {
    const html = outcome.result?.written.some((file) => file.startsWith('html/')) ?? false
    server?.send({reload: html, messages: outcome.lines})
    if (outcome.result && !outcome.result.formats.includes('html')) env.stderr('quire: the html format is not built (see `formats` in the config): nothing new to serve')
  }

  try {
    await watch({
      cwd: env.cwd,
      flags,
      targets,
      signal,
      log: env.stderr,
      color: env.color,
      status: env.interactive && !flags.quiet ? env.status : undefined,
      poll: command.poll,
      onTargets,
      onBuild: server ? onBuild : undefined
    })
  } finally {
    await server?.close()
  }
  env.stderr('quire: stopped')
  return 0
}
