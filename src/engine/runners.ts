/**
 * Where note tasks run: in this thread, or in a pool of worker threads
 * (piscina: a well-kept pool with queueing, thread start-up and shutdown
 * handled, instead of our own). Both run the same `runNoteTask`; formats
 * cannot tell them apart. p-limit keeps at most as many tasks under way as
 * there are lanes, so the pool's queue never holds more than it can start
 * and an aborted build stops handing out work at once.
 */
import {fileURLToPath} from 'node:url'
import {BroadcastChannel, MessageChannel} from 'node:worker_threads'
import pLimit, {type LimitFunction} from 'p-limit'
import {Piscina} from 'piscina'
import type {ResourceHost} from './resources.js'
import {runNoteTask, type NoteOutcome, type NoteTask, type TaskEnv} from './task.js'
import type {WorkerSetup, WorkerTask} from './worker.js'

export interface Runner {
  run(task: NoteTask): Promise<NoteOutcome>
  /** Stop: running tasks end or are stopped, no more are taken. */
  close(): Promise<void>
}

/** Tasks in this thread, a few at once so a step waiting on a resource (a PDF print) lets another note parse. */
export class ThreadRunner implements Runner {
  private readonly limit: LimitFunction

  constructor(
    private readonly env: () => Promise<TaskEnv>,
    private readonly resources: ResourceHost,
    lanes = 4
  ) {
    this.limit = pLimit(lanes)
  }

  async run(task: NoteTask): Promise<NoteOutcome> {
    return this.limit(async () => runNoteTask(await this.env(), task, this.resources))
  }

  async close(): Promise<void> {}
}

/** Tasks in worker threads; each worker sets itself up once (config, formats, prepare) from `setup`. */
export class PoolRunner implements Runner {
  private readonly pool: Piscina<WorkerTask, NoteOutcome | undefined>
  private readonly limit: LimitFunction
  private readonly onAbort: () => void

  constructor(
    setup: WorkerSetup,
    private readonly resources: ResourceHost,
    private readonly options: {readonly threads: number; readonly signal: AbortSignal}
  ) {
    this.limit = pLimit(options.threads)
    this.pool = new Piscina({
      filename: workerFile(),
      workerData: setup,
      minThreads: 1,
      maxThreads: options.threads,
      idleTimeout: 60_000,
      // Plain messages: a worker waiting between tasks must not block its event loop (resource replies, abort).
      atomics: 'disabled',
      concurrentTasksPerWorker: 1
    })
    // Tell running tasks to stop (their steps see an aborted signal and their writes clean up).
    // Queued tasks see the aborted signal when their turn comes (clearing the queue would leave their promises unsettled).
    this.onAbort = () => {
      const channel = new BroadcastChannel(setup.abortChannel)
      channel.postMessage('abort')
      channel.close()
    }
    options.signal.addEventListener('abort', this.onAbort, {once: true})
  }

  /**
   * Start `count` threads and let each set itself up (imports, config,
   * prepare) now, so that start-up overlaps the main thread's own work.
   */
  warm(count: number): void {
    for (let index = 0; index < Math.min(count, this.options.threads); index++) void this.pool.run({}).catch(() => {})
  }

  async run(task: NoteTask): Promise<NoteOutcome> {
    return this.limit(async () => {
      this.options.signal.throwIfAborted()
      // A port per task for its resource calls (the PDF browser, the diagram renderer live in this thread).
      const {port1, port2} = new MessageChannel()
      this.resources.serve(port1)
      try {
        return (await this.pool.run({task, port: port2}, {transferList: [port2]})) as NoteOutcome
      } finally {
        port1.close()
      }
    })
  }

  async close(): Promise<void> {
    this.options.signal.removeEventListener('abort', this.onAbort)
    await this.pool.destroy()
  }
}

/**
 * The worker's entry module: the built JavaScript, or (tests run the
 * TypeScript sources) a small loader that compiles them with jiti.
 */
function workerFile(): string {
  const self = import.meta.url
  return fileURLToPath(new URL(self.endsWith('.ts') ? './worker-source.mjs' : './worker.js', self))
}
