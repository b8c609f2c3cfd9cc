/**
 * Finds and loads `quire.config.{ts,mts,js,mjs,json}`. Loading only: no
 * defaults here (resolve.ts), and every failure is a ConfigError naming
 * the file.
 */
import fs from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {ConfigError} from './errors.js'
import {errorText} from '../report.js'

export const configNames = ['quire.config.ts', 'quire.config.mts', 'quire.config.js', 'quire.config.mjs', 'quire.config.json'] as const

export interface LoadedConfig {
  readonly file?: string | undefined
  readonly value: Record<string, unknown>
}

/** Load `explicit` (must exist) or the first config file found in `cwd`. */
export async function loadConfigFile(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const file = explicit ? path.resolve(cwd, explicit) : await findConfig(cwd)
  if (!file) return {value: {}}
  const shown = path.relative(cwd, file) || file
  try {
    await fs.access(file)
  } catch {
    throw new ConfigError(`Config file not found: ${shown}`, file)
  }
  const value = await importConfig(file, shown)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${shown}: the config must be an object (export default defineConfig({...}))`, file)
  }
  return {file, value: value as Record<string, unknown>}
}

async function findConfig(cwd: string): Promise<string | undefined> {
  for (const name of configNames) {
    const candidate = path.join(cwd, name)
    try {
      await fs.access(candidate)
      return candidate
    } catch {}
  }
  return undefined
}

async function importConfig(file: string, shown: string): Promise<unknown> {
  try {
    if (file.endsWith('.json')) {
      const text = await fs.readFile(file, 'utf8')
      try {
        return JSON.parse(text)
      } catch (error) {
        throw new ConfigError(`${shown}: invalid JSON: ${(error as Error).message}`, file)
      }
    }
    if (/\.m?ts$/.test(file)) {
      // jiti compiles TypeScript configs in memory: Node 20 cannot import .ts itself.
      const {createJiti} = await import('jiti')
      const jiti = createJiti(import.meta.url, {moduleCache: false, fsCache: false})
      return await jiti.import(file, {default: true})
    }
    // The query makes an edited file a new module: `quire watch` would otherwise keep the first version.
    // A CommonJS config (.js without "type": "module") lives in require's cache instead.
    delete createRequire(import.meta.url).cache[file]
    const {mtimeMs, size} = await fs.stat(file)
    const module = (await import(`${pathToFileURL(file).href}?version=${mtimeMs}-${size}`)) as {default?: unknown}
    return module.default
  } catch (error) {
    if (error instanceof ConfigError) throw error
    throw new ConfigError(`${shown}: the config file failed to load: ${firstLine(error)}`, file)
  }
}

function firstLine(error: unknown): string {
  return errorText(error).split('\n')[0]!
}
