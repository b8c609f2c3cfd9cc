/**
 * A pool of worker threads for the worker-safe formats: each worker takes
 * one note at a time, so a long note never leaves the other cores idle,
 * and posts back a small NoteOutcome (the trees stay and die in the worker).
 */
import {createRequire} from 'node:module'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'
import type {BuildFlags} from '../config/resolve.js'
import type {PlainMessage} from './messages.js'
import type {NoteOutcome, NoteTask, OutputRecord} from './session.js'

export interface WorkerSetup {
  /** What the worker needs to load the same config as the main thread. */
  readonly config: {readonly cwd: string; readonly config?: string | Readonly<Record<string, unknown>> | undefined; readonly flags: BuildFlags}
  readonly formats: readonly string[]
  readonly templatesDir: string
  readonly slugs: ReadonlyArray<readonly [string, string]>
  readonly realContent: string
}

export type WorkerRequest = {readonly type: 'task'; readonly task: NoteTask} | {readonly type: 'close'} | {readonly type: 'abort'}
export type WorkerReply =
  | {readonly type: 'ready'; readonly outputs: OutputRecord[]}
  | {readonly type: 'done'; readonly outcome: NoteOutcome}
  | {readonly type: 'error'; readonly message: string; readonly fatal?: boolean}
  | {readonly type: 'closed'; readonly buildMessages: PlainMessage[]}

export interface PoolResult {
  /** Files the workers' emitters wrote in `start` (stylesheets). */
  readonly startOutputs: OutputRecord[]
  readonly buildMessages: PlainMessage[]
}

export async function runPool(
  setup: WorkerSetup,
  tasks: readonly NoteTask[],
  size: number,
  signal: AbortSignal,
  onOutcome: (outcome: NoteOutcome) => void
): Promise<PoolResult> {
  const startOutputs: OutputRecord[] = []
  const buildMessages: PlainMessage[] = []
  let next = 0
  const workers: Worker[] = []
  const count = Math.max(1, Math.min(size, tasks.length))
  try {
    await new Promise<void>((resolve, reject) => {
      let open = count
      const onAbort = () => {
        for (const worker of workers) worker.postMessage({type: 'abort'} satisfies WorkerRequest)
        reject(signal.reason)
      }
      if (signal.aborted) return onAbort()
      signal.addEventListener('abort', onAbort, {once: true})
      const feed = (worker: Worker) => {
        if (next < tasks.length && !signal.aborted) worker.postMessage({type: 'task', task: tasks[next++]!} satisfies WorkerRequest)
        else worker.postMessage({type: 'close'} satisfies WorkerRequest)
      }
      for (let index = 0; index < count; index++) {
        const worker = spawn(setup)
        workers.push(worker)
        worker.on('message', (reply: WorkerReply) => {
          if (reply.type === 'ready') {
            startOutputs.push(...reply.outputs)
            feed(worker)
          } else if (reply.type === 'done') {
            onOutcome(reply.outcome)
            feed(worker)
          } else if (reply.type === 'error') {
            reject(new Error(reply.message))
          } else if (reply.type === 'closed') {
            buildMessages.push(...reply.buildMessages)
            if (--open === 0) {
              signal.removeEventListener('abort', onAbort)
              resolve()
            }
          }
        })
        worker.on('error', reject)
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`a worker thread exited with code ${code}`))
        })
      }
    })
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
  return {startOutputs, buildMessages}
}

function spawn(setup: WorkerSetup): Worker {
  const self = import.meta.url
  if (self.endsWith('.js')) return new Worker(new URL('./worker.js', self), {workerData: setup})
  // Running from TypeScript sources (tests): compile the worker with jiti, as TS configs are.
  const jiti = createRequire(self).resolve('jiti')
  const entry = fileURLToPath(new URL('./worker.ts', self))
  const code = `require(${JSON.stringify(jiti)}).createJiti(${JSON.stringify(entry)}).import(${JSON.stringify(entry)})`
  return new Worker(code, {eval: true, workerData: setup})
}
