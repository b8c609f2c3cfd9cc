/**
 * Built-in formats by name. Each entry is a lazy import so a build only
 * loads what it emits: puppeteer and the EPUB library stay unloaded unless
 * `pdf` or `epub` is asked for.
 */
import type {Emitter} from './types.js'

// Emitters declare their own option types; the registry only needs the shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loader = () => Promise<Emitter<any>>

export const builtinEmitters: Readonly<Record<string, Loader>> = {
  // One line per format, in the order a default build runs them; each emitter lives in its own folder.
  html: async () => (await import('./html/index.js')).default,
  json: async () => (await import('./json/index.js')).default,
  pdf: async () => (await import('./pdf/index.js')).default,
  epub: async () => (await import('./epub/index.js')).default,
  thread: async () => (await import('./thread/index.js')).default,
}

export const builtinFormats: readonly string[] = Object.keys(builtinEmitters)
