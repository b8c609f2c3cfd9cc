/**
 * The formats of a build: each emitter loaded, its options validated once,
 * its `prepare()` run in every place that runs its steps.
 */
import path from 'node:path'
import {ConfigError} from '../config/errors.js'
import type {ResolvedConfig} from '../config/types.js'
import {loadEmitter} from '../emitters/load.js'
import type {BaseContext, Emitter} from '../emitters/types.js'
import {errorText} from '../report.js'

/** An emitter with its validated options. */
export interface LoadedFormat {
  readonly name: string
  readonly emitter: Emitter<unknown, unknown>
  readonly options: unknown
}

/** A loaded format whose `prepare()` ran in this thread. */
export interface ReadyFormat extends LoadedFormat {
  readonly shared: unknown
}

/** What every context of a build has in common. */
export interface BuildSettings {
  readonly config: ResolvedConfig
  readonly templatesDir: string
  readonly sourceDateEpoch?: number | undefined
  readonly signal: AbortSignal
  readonly progress: (line: string) => void
}

/** Load a format's emitter and validate its options (a ConfigError naming the key on bad input). */
export async function loadFormat(name: string, config: ResolvedConfig): Promise<LoadedFormat> {
  const emitter = await loadEmitter(name, config)
  return {name, emitter, options: validateOptions(emitter, name, config)}
}

function validateOptions(emitter: Emitter<unknown, unknown>, name: string, config: ResolvedConfig): unknown {
  const input = config.formatOptions[name] ?? {}
  if (!emitter.options) return input
  try {
    return emitter.options(input)
  } catch (error) {
    const where = config.configFile ? path.basename(config.configFile) + ': ' : ''
    throw new ConfigError(`${where}\`${name}\`: ${errorText(error)}`, config.configFile)
  }
}

export function baseContext(format: LoadedFormat, settings: BuildSettings): BaseContext<unknown> {
  return {
    options: format.options,
    config: settings.config,
    templatesDir: settings.templatesDir,
    sourceDateEpoch: settings.sourceDateEpoch,
    signal: settings.signal,
    progress: settings.progress
  }
}

/** Run `prepare()` (a throw is the format's, for the whole build). */
export async function prepareFormat(format: LoadedFormat, settings: BuildSettings): Promise<ReadyFormat> {
  const shared = format.emitter.prepare ? await format.emitter.prepare(baseContext(format, settings)) : undefined
  return {...format, shared}
}

/** `SOURCE_DATE_EPOCH` in seconds, when set to a whole number. */
export function sourceDateEpoch(): number | undefined {
  const value = process.env.SOURCE_DATE_EPOCH
  if (!value || !/^\d+$/.test(value)) return undefined
  return Number(value)
}
