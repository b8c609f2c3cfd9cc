/**
 * Start the built CLI as a long-running child (`quire watch`, `quire serve`),
 * wait for what it prints, and stop it: every child started here is also
 * killed by `stopAll()` (call it in afterAll).
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {binPath} from './cli.js'

export interface LongRunning {
  readonly child: ChildProcess
  readonly stdout: () => string
  readonly stderr: () => string
  /** stdout and stderr interleaved as they came (what `mark()` counts). */
  readonly output: () => string
  /** Wait until stdout+stderr (from `from` on) match; the match. */
  waitFor(pattern: RegExp, options?: {from?: number; timeout?: number}): Promise<RegExpMatchArray>
  /** Length of the combined output so far (a `from` for waitFor). */
  mark(): number
  /** SIGINT/SIGTERM, then SIGKILL after `grace` ms; the exit code (null if killed). */
  stop(signal?: NodeJS.Signals, grace?: number): Promise<number | null>
  readonly running: boolean
}

const started = new Set<ChildProcess>()

export function startCli(args: string[], options: {cwd: string; env?: Record<string, string>}): LongRunning {
  const child = spawn(process.execPath, [binPath, ...args], {
    cwd: options.cwd,
    env: {...process.env, NO_COLOR: '1', CI: '1', ...options.env},
    stdio: ['ignore', 'pipe', 'pipe']
  })
  started.add(child)
  let stdout = ''
  let stderr = ''
  let all = ''
  const listeners = new Set<() => void>()
  const changed = () => {
    for (const listener of listeners) listener()
  }
  child.stdout!.on('data', (chunk) => {
    stdout += chunk
    all += chunk
    changed()
  })
  child.stderr!.on('data', (chunk) => {
    stderr += chunk
    all += chunk
    changed()
  })
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      started.delete(child)
      changed()
      resolve(code)
    })
  )
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    output: () => all,
    mark: () => all.length,
    get running() {
      return child.exitCode === null && child.signalCode === null
    },
    waitFor(pattern, {from = 0, timeout = 15_000} = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = all.slice(from).match(pattern)
          if (match) return done(() => resolve(match))
          if (child.exitCode !== null || child.signalCode !== null) done(() => reject(new Error(`quire exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${all}`)))
        }
        const timer = setTimeout(() => done(() => reject(new Error(`Timed out waiting for ${pattern}; output so far:\n${all}`))), timeout)
        const done = (settle: () => void) => {
          clearTimeout(timer)
          listeners.delete(check)
          settle()
        }
        listeners.add(check)
        check()
      })
    },
    async stop(signal = 'SIGTERM', grace = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      child.kill(signal)
      const timer = setTimeout(() => child.kill('SIGKILL'), grace)
      const code = await exited
      clearTimeout(timer)
      return code
    }
  }
}

/** Kill every child still running (afterAll). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...started].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          child.once('exit', () => resolve())
          child.kill('SIGKILL')
        })
    )
  )
  started.clear()
}
