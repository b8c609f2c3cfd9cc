/**
 * Shared resources of formats (the PDF browser). The host lives in the
 * main thread: it opens each resource once, on its first call, and closes
 * them all when the build ends. Note steps reach it directly when they
 * run in the main thread, and through a message port from a worker thread;
 * either way they hold a `Remote` whose methods return promises.
 */
import type {MessagePort} from 'node:worker_threads'
import {FormatUnavailableError, isFormatUnavailable, type Remote, type ResourceInstance} from '../emitters/types.js'
import {errorText} from '../report.js'
import {baseContext, type BuildSettings, type LoadedFormat} from './formats.js'

/** How a note step calls a resource method, wherever it runs. */
export interface ResourceAccess {
  call(format: string, resource: string, method: string, args: readonly unknown[]): Promise<unknown>
}

/** The pseudo-format of quire's own resources (a name no format can have). */
export const builtin = ':quire'

export class ResourceHost implements ResourceAccess {
  private readonly opened = new Map<string, Promise<ResourceInstance>>()
  private closed = false

  constructor(
    private readonly formats: ReadonlyMap<string, LoadedFormat>,
    private readonly settings: BuildSettings,
    /** quire's own resources (the diagram renderer), reached as format `:quire`. */
    private readonly own: Readonly<Record<string, () => Promise<ResourceInstance>>> = {}
  ) {}

  async call(format: string, resource: string, method: string, args: readonly unknown[]): Promise<unknown> {
    const instance = (await this.open(format, resource)) as unknown as Record<string, unknown>
    const member = instance[method]
    if (method === 'close' || typeof member !== 'function') throw new TypeError(`${format}: resource \`${resource}\` has no method \`${method}\``)
    return (member as (...values: unknown[]) => unknown).apply(instance, [...args])
  }

  private open(format: string, resource: string): Promise<ResourceInstance> {
    const key = `${format}\0${resource}`
    let opening = this.opened.get(key)
    if (!opening) {
      if (this.closed) return Promise.reject(new Error('The build is over'))
      if (format === builtin) {
        const opener = this.own[resource]
        if (!opener) return Promise.reject(new TypeError(`no resource \`${resource}\``))
        opening = opener()
        opening.catch(() => {})
        this.opened.set(key, opening)
        return opening
      }
      const loaded = this.formats.get(format)
      const opener = loaded?.emitter.resources?.[resource]
      if (!loaded || !opener) return Promise.reject(new TypeError(`${format}: no resource \`${resource}\``))
      // A resource that cannot open makes its format unavailable for the build (one message).
      opening = opener(baseContext(loaded, this.settings)).catch((error: unknown) => {
        if (this.settings.signal.aborted || isFormatUnavailable(error)) throw error
        throw new FormatUnavailableError(errorText(error), {cause: error})
      })
      opening.catch(() => {})
      this.opened.set(key, opening)
    }
    return opening
  }

  /** Close every resource that opened (success, failure or abort). */
  async close(): Promise<void> {
    this.closed = true
    const instances = await Promise.all([...this.opened.values()].map((opening) => opening.catch(() => undefined)))
    await Promise.all(instances.map((instance) => instance?.close?.().catch(() => {})))
  }

  /** Answer the resource calls that arrive on a port (from a worker thread's note step). */
  serve(port: MessagePort): void {
    port.on('message', (request: ResourceRequest) => {
      this.call(request.format, request.resource, request.method, request.args).then(
        (value) => port.postMessage({id: request.id, value} satisfies ResourceReply),
        (error: unknown) => port.postMessage({id: request.id, error: {name: error instanceof Error ? error.name : 'Error', message: errorText(error)}} satisfies ResourceReply)
      )
    })
  }
}

interface ResourceRequest {
  readonly id: number
  readonly format: string
  readonly resource: string
  readonly method: string
  readonly args: readonly unknown[]
}

type ResourceReply = {readonly id: number; readonly value: unknown} | {readonly id: number; readonly error: {readonly name: string; readonly message: string}}

/** The worker's side of `serve`: calls go out on the port, replies come back. */
export class PortAccess implements ResourceAccess {
  private next = 0
  private readonly waiting = new Map<number, {resolve: (value: unknown) => void; reject: (error: unknown) => void}>()

  constructor(private readonly port: MessagePort) {
    port.on('message', (reply: ResourceReply) => {
      const pending = this.waiting.get(reply.id)
      if (!pending) return
      this.waiting.delete(reply.id)
      if ('error' in reply) {
        const error = new Error(reply.error.message)
        // Keep the name: FormatUnavailableError is told by name.
        error.name = reply.error.name
        pending.reject(error)
      } else {
        pending.resolve(reply.value)
      }
    })
  }

  call(format: string, resource: string, method: string, args: readonly unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = this.next++
      this.waiting.set(id, {resolve, reject})
      this.port.postMessage({id, format, resource, method, args} satisfies ResourceRequest)
    })
  }

  close(): void {
    this.port.close()
  }
}

/** A resource as a note step holds it: method calls go through `access`. */
export function remote<Resource extends object>(access: ResourceAccess, format: string, resource: string): Remote<Resource> {
  return new Proxy({} as Remote<Resource>, {
    // Not `then`: awaiting the remote itself must not look like a call.
    get: (_target, method) => (typeof method === 'string' && method !== 'then' ? (...args: unknown[]) => access.call(format, resource, method, args) : undefined)
  })
}
