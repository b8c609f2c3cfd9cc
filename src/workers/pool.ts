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
  | {readonly type: 'error'; readonly message: string}
  | {readonly type: 'closed'; readonly buildMessages: PlainMessage[]}

export interface PoolResult {
  /** Files the workers' emitters wrote in `start` (stylesheets). */
  readonly startOutputs: OutputRecord[]
  readonly buildMessages: PlainMessage[]
}

interface Pending {
  readonly task: NoteTask
  readonly resolve: (outcome: NoteOutcome) => void
  readonly reject: (error: unknown) => void
}

interface Member {
  readonly worker: Worker
  /** The task it works on; undefined when idle (or still starting, see `ready`). */
  current?: Pending | undefined
  ready: boolean
}

/**
 * Workers start in the background (a worker may be started before it is
 * known whether there is work, so its start-up overlaps the cache checks)
 * and take one note at a time from a shared queue.
 */
export class WorkerPool {
  private readonly members: Member[] = []
  private readonly queue: Pending[] = []
  private readonly startOutputs: OutputRecord[] = []
  private readonly buildMessages: PlainMessage[] = []
  private failure: unknown
  private closing: {resolve: () => void; reject: (error: unknown) => void; open: number} | undefined

  constructor(
    private readonly setup: WorkerSetup,
    private readonly signal: AbortSignal
  ) {
    signal.addEventListener('abort', this.onAbort, {once: true})
  }

  /** Start workers until there are `count`. */
  grow(count: number): void {
    while (this.members.length < count && this.failure === undefined) this.spawnMember()
  }

  /** Emit a note in some worker. */
  submit(task: NoteTask): Promise<NoteOutcome> {
    return new Promise((resolve, reject) => {
      if (this.failure !== undefined) return reject(this.failure)
      this.queue.push({task, resolve, reject})
      this.dispatch()
    })
  }

  /** Let every worker finish and close its emitters; what they wrote in `start`, what they reported. */
  async close(): Promise<PoolResult> {
    try {
      if (this.members.length > 0) {
        await new Promise<void>((resolve, reject) => {
          this.closing = {resolve, reject, open: this.members.length}
          if (this.failure !== undefined) return reject(this.failure)
          for (const member of this.members) member.worker.postMessage({type: 'close'} satisfies WorkerRequest)
        })
      }
      return {startOutputs: this.startOutputs, buildMessages: this.buildMessages}
    } finally {
      await this.terminate()
    }
  }

  /** Stop every worker now (nothing to do, or the build failed). */
  async terminate(): Promise<void> {
    this.signal.removeEventListener('abort', this.onAbort)
    await Promise.all(this.members.map((member) => member.worker.terminate()))
  }

  private readonly onAbort = (): void => {
    for (const member of this.members) member.worker.postMessage({type: 'abort'} satisfies WorkerRequest)
    this.fail(this.signal.reason)
  }

  private spawnMember(): void {
    const member: Member = {worker: spawn(this.setup), ready: false}
    this.members.push(member)
    member.worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        this.startOutputs.push(...reply.outputs)
        member.ready = true
      } else if (reply.type === 'done') {
        const current = member.current
        member.current = undefined
        current?.resolve(reply.outcome)
      } else if (reply.type === 'error') {
        const error = new Error(reply.message)
        member.current?.reject(error)
        member.current = undefined
        this.fail(error)
        return
      } else if (reply.type === 'closed') {
        this.buildMessages.push(...reply.buildMessages)
        if (this.closing && --this.closing.open === 0) this.closing.resolve()
        return
      }
      this.dispatch()
    })
    member.worker.on('error', (error) => this.fail(error))
    member.worker.on('exit', (code) => {
      if (code !== 0 && !this.closing) this.fail(new Error(`a worker thread exited with code ${code}`))
    })
  }

  private dispatch(): void {
    for (const member of this.members) {
      if (this.queue.length === 0) return
      if (!member.ready || member.current) continue
      member.current = this.queue.shift()!
      member.worker.postMessage({type: 'task', task: member.current.task} satisfies WorkerRequest)
    }
  }

  private fail(error: unknown): void {
    if (this.failure !== undefined) return
    this.failure = error
    for (const pending of this.queue.splice(0)) pending.reject(error)
    for (const member of this.members) {
      member.current?.reject(error)
      member.current = undefined
    }
    this.closing?.reject(error)
  }
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
