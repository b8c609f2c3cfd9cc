/** Typed config helper for `quire.config.ts`. */
import type {ConfigFile} from './schema.js'

/** The config file's shape: general keys plus one key per format for its options. */
export type QuireConfig = ConfigFile & {readonly [format: string]: unknown}

export function defineConfig<Config extends QuireConfig>(config: Config): Config {
  return config
}
