/**
 * Built-in formats by name. Each entry is a lazy import so a build only
 * loads what it emits: puppeteer and the EPUB library stay unloaded unless
 * `pdf` or `epub` is asked for.
 */
import type {Emitter} from './types.js'

type Loader = () => Promise<Emitter<never>>

export const builtinEmitters: Readonly<Record<string, Loader>> = {
  // One line per format; each emitter lives in its own folder.
  // Emitter<never> cannot hold an emitter whose options() returns a type: cast.
  epub: async () => (await import('./epub/index.js')).default as Emitter<never>,
}

export const builtinFormats: readonly string[] = Object.keys(builtinEmitters)
