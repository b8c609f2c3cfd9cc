/**
 * Turning file events into rebuilds: a debounced queue that never runs two
 * rebuilds at once (a change during a rebuild means exactly one more after
 * it), and a thin chokidar wrapper that feeds it.
 */
import path from 'node:path'
import {watch as chokidar, type FSWatcher} from 'chokidar'

export interface RebuildQueueOptions {
  /** Quiet time after the last change before a rebuild starts (ms). */
  readonly delay: number
  /** The rebuild; gets every path that changed since the previous one started. */
  readonly run: (changes: ReadonlySet<string>) => Promise<void>
  /** A rebuild that threw; the queue keeps going. */
  readonly onError?: ((error: unknown) => void) | undefined
}

export class RebuildQueue {
  private readonly options: RebuildQueueOptions
  private pending = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  /** The debounce ran out while a rebuild was running: go again right after it. */
  private due = false
  private closed = false

  constructor(options: RebuildQueueOptions) {
    this.options = options
  }

  /** A change: (re)start the quiet period. */
  schedule(change: string): void {
    if (this.closed) return
    this.pending.add(change)
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.fire(), this.options.delay)
  }

  /** Rebuild as soon as no rebuild is running, without waiting for quiet. */
  now(change: string): void {
    if (this.closed) return
    this.pending.add(change)
    clearTimeout(this.timer)
    this.timer = undefined
    this.fire()
  }

  /** True while a rebuild runs. */
  get busy(): boolean {
    return this.running !== undefined
  }

  /** Drop what is scheduled and wait for the running rebuild to end. */
  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.timer)
    this.timer = undefined
    this.pending.clear()
    await this.running
  }

  private fire(): void {
    this.timer = undefined
    if (this.running) {
      this.due = true
      return
    }
    this.running = this.drain()
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.due = false
        const changes = this.pending
        this.pending = new Set()
        try {
          await this.options.run(changes)
        } catch (error) {
          this.options.onError?.(error)
        }
      } while (this.due && !this.closed && this.pending.size > 0)
    } finally {
      this.running = undefined
    }
  }
}

export type FileEvent = 'add' | 'addDir' | 'change' | 'unlink' | 'unlinkDir'

export interface FileWatcherOptions {
  /** Existing files and folders (chokidar 4 misses events under paths that do not exist yet). */
  readonly paths: readonly string[]
  /** Paths never reported (and folders never entered). */
  readonly ignored: (file: string) => boolean
  readonly onChange: (event: FileEvent, file: string) => void
  readonly onError: (error: unknown) => void
  /** How deep to look into folders (default: all the way). */
  readonly depth?: number | undefined
  /** Poll instead of native events (network drives, some containers). */
  readonly poll?: boolean | undefined
}

export interface FileWatcher {
  /** Watch these paths instead of the current ones. */
  replace(paths: readonly string[]): Promise<void>
  /** Watch a path again (a watched folder that was deleted and created anew). */
  renew(file: string): void
  close(): Promise<void>
}

/** Resolves once the initial scan is done, so later events are real changes. */
export async function watchFiles(options: FileWatcherOptions): Promise<FileWatcher> {
  let current = [...new Set(options.paths)]
  const watcher: FSWatcher = chokidar(current, {
    ignoreInitial: true,
    ignored: (file) => options.ignored(path.resolve(file)),
    usePolling: options.poll ?? false,
    interval: 300,
    ...(options.depth === undefined ? {} : {depth: options.depth})
  })
  watcher.on('all', (event, file) => options.onChange(event as FileEvent, path.resolve(file)))
  watcher.on('error', options.onError)
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
  return {
    async replace(paths) {
      const next = [...new Set(paths)]
      const gone = current.filter((file) => !next.includes(file))
      const added = next.filter((file) => !current.includes(file))
      current = next
      if (gone.length > 0) watcher.unwatch(gone)
      if (added.length > 0) watcher.add(added)
    },
    renew(file) {
      watcher.unwatch(file)
      watcher.add(file)
      if (!current.includes(file)) current.push(file)
    },
    close: () => watcher.close()
  }
}
