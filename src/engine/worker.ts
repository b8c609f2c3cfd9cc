/**
 * A worker thread of the pool: sets itself up once from what the main
 * thread resolved (the config in its transferable form, each format's
 * validated options), then runs note tasks.
 */
import {BroadcastChannel, workerData, type MessagePort} from 'node:worker_threads'
import {fromTransfer, type ConfigTransfer} from '../config/transfer.js'
import {loadEmitter} from '../emitters/load.js'
import {OutputFolder} from '../write.js'
import {prepareFormat, type BuildSettings} from './formats.js'
import {FileHolds} from './holds.js'
import {PortAccess, type ResourceAccess} from './resources.js'
import {createTaskEnv, runNoteTask, type NoteOutcome, type NoteTask, type TaskEnv} from './task.js'

export interface WorkerSetup {
  readonly config: ConfigTransfer
  /** The formats this build runs, with their options as the main thread validated them. */
  readonly formats: ReadonlyArray<{readonly name: string; readonly options: unknown}>
  readonly templatesDir: string
  readonly realContent: string
  readonly notes: ReadonlyArray<readonly [relativePath: string, slug: string]>
  readonly attachments: readonly string[]
  /** Where held documents go between the two passes. */
  readonly holdDir: string
  readonly sourceDateEpoch?: number | undefined
  /** A BroadcastChannel name: a message on it aborts the build's tasks. */
  readonly abortChannel: string
}

export interface WorkerTask {
  /** Undefined: only set up (a warm-up). */
  readonly task?: NoteTask | undefined
  /** For calls to the formats' resources. */
  readonly port?: MessagePort | undefined
}

const setup = workerData as WorkerSetup
const controller = new AbortController()
const channel = new BroadcastChannel(setup.abortChannel)
channel.onmessage = () => controller.abort(new Error('The build was aborted'))
// The channel must not keep an idle worker alive.
channel.unref()

let env: Promise<TaskEnv> | undefined

async function createEnv(): Promise<TaskEnv> {
  const config = await fromTransfer(setup.config)
  const settings: BuildSettings = {config, templatesDir: setup.templatesDir, sourceDateEpoch: setup.sourceDateEpoch, signal: controller.signal, progress: () => {}}
  const formats = await Promise.all(setup.formats.map(async ({name, options}) => prepareFormat({name, emitter: await loadEmitter(name, config), options}, settings)))
  return createTaskEnv({settings, formats, folder: new OutputFolder(config.out), realContent: setup.realContent, notes: setup.notes, attachments: setup.attachments, holds: new FileHolds(setup.holdDir)})
}

const noResources: ResourceAccess = {
  call: async (format, resource) => {
    throw new Error(`${format}: resource \`${resource}\` is not reachable from this thread`)
  }
}

export default async function work({task, port}: WorkerTask): Promise<NoteOutcome | undefined> {
  env ??= createEnv()
  const ready = await env
  if (!task) return undefined
  const access = port ? new PortAccess(port) : undefined
  try {
    return await runNoteTask(ready, task, access ?? noResources)
  } finally {
    access?.close()
    // A task stopped half-way must not leave temporary files.
    if (controller.signal.aborted) await ready.folder.cleanup()
  }
}
