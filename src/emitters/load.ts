/** Loads the emitters a build asks for: built-ins lazily, third-party ones from config. */
import {ConfigError} from '../config/errors.js'
import {importModule} from '../config/resolve.js'
import type {ResolvedConfig} from '../config/types.js'
import {builtinEmitters} from './registry.js'
import type {Emitter} from './types.js'

export async function loadEmitter(name: string, config: ResolvedConfig): Promise<Emitter<unknown>> {
  const builtin = builtinEmitters[name]
  if (builtin) return (await builtin()) as Emitter<unknown>
  const entry = config.emitters[name]
  if (entry === undefined) throw new ConfigError(`Unknown format \`${name}\``, config.configFile)
  const where = `\`emitters.${name}\``
  const loaded = typeof entry === 'string' ? await importModule(entry, config.root, where, config.configFile) : entry
  const emitter = (loaded as {emitter?: unknown}).emitter ?? loaded
  if (!isEmitter(emitter)) {
    const old = typeof (emitter as {start?: unknown} | null)?.start === 'function'
    throw new ConfigError(
      old
        ? `${where}: this emitter has \`start()\`, the contract before quire 0.2; write \`note(doc, context)\` and \`collection(notes, context)\` instead (see defineEmitter in the README)`
        : `${where}: expected an emitter object with \`name\` and \`note()\` or \`collection()\` (see defineEmitter in the README)`,
      config.configFile
    )
  }
  if (emitter.name !== name) {
    throw new ConfigError(`${where}: the module's emitter is named \`${emitter.name}\`, not \`${name}\``, config.configFile)
  }
  return emitter as Emitter<unknown>
}

function isEmitter(value: unknown): value is Emitter<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const {name, note, collection} = value as Emitter
  return typeof name === 'string' && (typeof note === 'function' || typeof collection === 'function')
}
