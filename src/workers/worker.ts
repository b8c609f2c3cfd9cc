/**
 * Worker thread entry: loads the config the same way the main thread did,
 * starts a Session for the worker-safe formats, then emits the notes it is
 * sent one at a time and posts back plain NoteOutcomes.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {loadConfigFile} from '../config/load.js'
import {resolveConfig} from '../config/resolve.js'
import {prepareEmitter, Session, type NoteTask} from './session.js'
import type {WorkerSetup, WorkerReply, WorkerRequest} from './pool.js'
import {errorText} from '../report.js'

const port = parentPort!
const setup = workerData as WorkerSetup
const controller = new AbortController()

async function main(): Promise<void> {
  const {cwd, config: configInput, flags} = setup.config
  const loaded = typeof configInput === 'object' && configInput !== null ? {file: undefined, value: {...configInput}} : await loadConfigFile(cwd, configInput)
  const config = await resolveConfig({cwd, file: loaded.file, value: loaded.value, flags})
  const emitters = await Promise.all(setup.formats.map((name) => prepareEmitter(name, config)))
  const session = await Session.start({
    config,
    emitters,
    templatesDir: setup.templatesDir,
    slugs: new Map(setup.slugs),
    realContent: setup.realContent,
    signal: controller.signal
  })
  const queue: NoteTask[] = []
  let busy = false
  let closing = false
  const pump = async (): Promise<void> => {
    if (busy) return
    busy = true
    while (queue.length > 0) {
      const task = queue.shift()!
      try {
        post({type: 'done', outcome: await session.emit(task)})
      } catch (error) {
        post({type: 'error', message: errorText(error)})
      }
    }
    busy = false
    if (closing) await finish()
  }
  const finish = async (): Promise<void> => {
    await session.close()
    post({type: 'closed', buildMessages: session.buildMessages})
    port.close()
  }
  port.on('message', (request: WorkerRequest) => {
    if (request.type === 'task') {
      queue.push(request.task)
      void pump()
    } else if (request.type === 'close') {
      closing = true
      if (!busy) void finish()
    } else if (request.type === 'abort') {
      controller.abort(new Error('aborted'))
    }
  })
  post({type: 'ready', outputs: session.takeStartOutputs()})
}

function post(reply: WorkerReply): void {
  port.postMessage(reply)
}

main().catch((error: unknown) => {
  post({type: 'error', message: errorText(error)})
})
