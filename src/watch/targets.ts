/**
 * What a watch looks at: the content folder, the templates and the config
 * file, and what it must never look at: the output folder (a build writing
 * there would trigger the next build).
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type {BuildFlags} from '../config/resolve.js'
import {resolveConfig} from '../config/resolve.js'
import {configNames, loadConfigFile} from '../config/load.js'
import {builtinFormats} from '../emitters/registry.js'
import {isInside} from '../paths.js'
import {templatesDir} from '../publish.js'

export interface WatchTargets {
  readonly content: string
  readonly out: string
  /** The `--config` file, or every name a config file is looked for under (existing or not). */
  readonly configFiles: readonly string[]
  readonly templates: string
}

/**
 * Folders as a build with these flags would use them. A broken config
 * still gives targets (from the flags and the defaults), so the watch keeps
 * going and sees the fix.
 */
export async function resolveTargets(cwd: string, flags: Readonly<BuildFlags>): Promise<WatchTargets> {
  const templates = path.resolve(templatesDir)
  const file = typeof flags.config === 'string' ? flags.config : undefined
  const candidates = file ? [path.resolve(cwd, file)] : configNames.map((name) => path.join(cwd, name))
  try {
    const loaded = typeof flags.config === 'object' ? {file: undefined, value: {...flags.config}} : await loadConfigFile(cwd, file)
    const config = await resolveConfig({cwd, file: loaded.file, value: loaded.value, flags: {...flags, formats: undefined}, builtinFormats})
    // Every name, not just the file found: a new quire.config.ts takes over from a quire.config.json.
    return {content: config.content, out: config.out, configFiles: candidates, templates}
  } catch {
    // The build reports the config error itself; fall back to what the flags say.
    return {
      content: path.resolve(cwd, flags.content ?? 'content'),
      out: path.resolve(cwd, flags.out ?? 'out'),
      configFiles: candidates,
      templates
    }
  }
}

/** The folders watched all the way down, those that exist. */
export async function treePaths(targets: WatchTargets): Promise<string[]> {
  const found = await Promise.all([targets.content, targets.templates].map(async (folder) => ((await exists(folder)) ? folder : undefined)))
  return found.filter((folder) => folder !== undefined)
}

/**
 * The config file's folder is watched one level deep for the config file
 * (also when it does not exist yet) and for the content folder appearing.
 */
export function configFolder(targets: WatchTargets): string {
  return path.dirname(targets.configFiles[0]!)
}

export function isIgnoredInConfigFolder(file: string, targets: WatchTargets): boolean {
  return file !== configFolder(targets) && file !== targets.content && !targets.configFiles.includes(file)
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.stat(file)
    return true
  } catch {
    return false
  }
}

const editorLeftovers = /(?:~|\.sw[a-p]|\.tmp|^4913)$/

/** Output folder, dot files and folders, node_modules, editor swap and backup files. */
export function isIgnored(file: string, targets: WatchTargets): boolean {
  if (file === targets.out || isInside(targets.out, file)) return true
  const name = path.basename(file)
  return name.startsWith('.') || name === 'node_modules' || editorLeftovers.test(name)
}

/**
 * When only templates changed (`templates/<format>/…`), the built formats
 * among them: rebuilding those is enough (none: nothing to do). Undefined
 * when anything else changed: rebuild every format.
 */
export function formatsForChanges(changes: Iterable<string>, targets: WatchTargets, formats: readonly string[]): string[] | undefined {
  const touched = new Set<string>()
  for (const change of changes) {
    if (!isInside(targets.templates, change)) return undefined
    const [format, ...rest] = path.relative(targets.templates, change).split(path.sep)
    if (!format || rest.length === 0) return undefined
    touched.add(format)
  }
  return formats.filter((format) => touched.has(format))
}
