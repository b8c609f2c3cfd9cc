/**
 * Defaults ⊕ config file ⊕ command-line flags → ResolvedConfig. Validation
 * happens here; plugin module names are imported (relative to the config
 * file) so the pipeline only ever sees plugin functions.
 */
import {createRequire} from 'node:module'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Pluggable, PluggableList} from 'unified'
import {ConfigError} from './errors.js'
import {configSchema, keyPath} from './schema.js'
import type {ResolvedConfig} from './types.js'
import {errorText} from '../report.js'
import {isInside, toPosix} from '../paths.js'

/**
 * What the command line and the programmatic API say about a build, on top
 * of the config file: one object, handed from the CLI to build, watch and
 * serve as it is.
 */
export interface BuildFlags {
  /** Config file path (like `--config`), or the config itself as an object. */
  readonly config?: string | Readonly<Record<string, unknown>> | undefined
  /** Content folder (CLI positional argument). */
  readonly content?: string | undefined
  readonly out?: string | undefined
  readonly formats?: readonly string[] | undefined
  readonly quiet?: boolean | undefined
  readonly clean?: boolean | undefined
  /** Cache folder, or false to build everything anew (like `--no-cache`). */
  readonly cache?: string | false | undefined
  /** Most worker threads to use (1: none). */
  readonly workers?: number | undefined
}

/** ~130 times the sample; a 10 MB note takes ~45 s and ~700 MB just to parse. */
const defaultMaxNoteBytes = 4 * 1024 * 1024

export async function resolveConfig(input: {
  readonly cwd: string
  readonly file?: string | undefined
  readonly value: Readonly<Record<string, unknown>>
  readonly flags?: Readonly<BuildFlags> | undefined
  /** The built-in format names (the emitter registry's): the config knows no emitter itself. */
  readonly builtinFormats: readonly string[]
}): Promise<ResolvedConfig> {
  const {builtinFormats} = input
  const {cwd, file, value} = input
  const flags = input.flags ?? {}
  const shown = file ? path.relative(cwd, file) || file : 'config'
  const root = file ? path.dirname(file) : cwd

  const thirdParty = value.emitters && typeof value.emitters === 'object' ? Object.keys(value.emitters) : []
  const formatNames = new Set([...builtinFormats, ...thirdParty])
  const general: Record<string, unknown> = {}
  const formatOptions: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(value)) {
    if (formatNames.has(key) && !(key in configSchema.shape)) formatOptions[key] = entry
    else general[key] = entry
  }

  const parsed = configSchema.safeParse(general)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const key = keyPath(issue.path)
    const detail =
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((name) => `\`${key ? key + '.' : ''}${name}\``).join(', ')} (known: ${[...Object.keys(configSchema.shape), ...formatNames].join(', ')})`
        : `\`${key}\`: ${issue.message}`
    throw new ConfigError(`${shown}: ${detail}`, file)
  }
  const config = parsed.data

  for (const name of Object.keys(config.emitters ?? {})) {
    if (builtinFormats.includes(name)) throw new ConfigError(`${shown}: \`emitters.${name}\`: ${name} is a built-in format and cannot be replaced`, file)
  }

  const known = [...builtinFormats, ...thirdParty]
  const formats = flags.formats ?? config.formats ?? known
  for (const format of formats) {
    if (!known.includes(format)) throw new ConfigError(`Unknown format \`${format}\` (available: ${known.join(', ')})`, file)
  }

  const content = flags.content ? path.resolve(cwd, flags.content) : path.resolve(root, config.content ?? 'content')
  const markdown = config.markdown ?? {}
  const plugins = async (list: unknown[] | undefined, key: string): Promise<PluggableList> =>
    Promise.all((list ?? []).map((entry, index) => loadPlugin(entry, root, `${shown}: \`markdown.${key}[${index}]\``, file)))

  return {
    root,
    configFile: file,
    content,
    out: flags.out ? path.resolve(cwd, flags.out) : path.resolve(root, config.out ?? 'out'),
    formats: [...new Set(formats)],
    site: {
      url: config.site?.url?.replace(/\/+$/, ''),
      title: config.site?.title ?? 'Notes',
      description: config.site?.description,
      lang: config.site?.lang ?? 'en',
      favicon: config.site?.favicon === undefined ? undefined : contentPath(config.site.favicon, content, `${shown}: \`site.favicon\``, file)
    },
    markdown: {
      remarkPluginsBefore: await plugins(markdown.remarkPluginsBefore, 'remarkPluginsBefore'),
      remarkPlugins: await plugins(markdown.remarkPlugins, 'remarkPlugins'),
      rehypePluginsBefore: await plugins(markdown.rehypePluginsBefore, 'rehypePluginsBefore'),
      rehypePlugins: await plugins(markdown.rehypePlugins, 'rehypePlugins'),
      trustedHtml: markdown.trustedHtml ?? false
    },
    books: config.books ?? [],
    emitters: (config.emitters ?? {}) as ResolvedConfig['emitters'],
    formatOptions,
    maxNoteBytes: config.maxNoteBytes ?? defaultMaxNoteBytes,
    cache: typeof flags.cache === 'string' ? path.resolve(cwd, flags.cache) : cacheFolder(flags.cache ?? config.cache, root),
    workers: flags.workers ?? config.workers ?? Math.max(1, os.availableParallelism()),
    clean: flags.clean ?? false,
    quiet: flags.quiet ?? false
  }
}

/**
 * A path the config names inside the content folder, relative to it with
 * POSIX separators; a ConfigError when it is absolute or leads out of it.
 * (Whether the file is there, and no symlink leads out, is checked when
 * the file is read.)
 */
function contentPath(value: string, content: string, where: string, file: string | undefined): string {
  const resolved = path.resolve(content, value)
  if (path.isAbsolute(value) || /^[a-z]:[\\/]/i.test(value) || value.startsWith('\\') || !isInside(content, resolved)) {
    throw new ConfigError(`${where}: expected a path inside the content folder, got ${JSON.stringify(value)}`, file)
  }
  return toPosix(path.relative(content, resolved))
}

function cacheFolder(value: string | false | undefined, root: string): string | false {
  if (value === false) return false
  return value === undefined ? path.resolve(root, '.quire-cache') : path.resolve(root, value)
}

export async function loadPlugin(entry: unknown, root: string, where: string, file: string | undefined): Promise<Pluggable> {
  const [head, ...settings] = Array.isArray(entry) ? entry : [entry]
  const plugin = typeof head === 'string' ? await importModule(head, root, where, file) : head
  if (typeof plugin !== 'function') throw new ConfigError(`${where}: expected a unified plugin function`, file)
  return (settings.length > 0 ? [plugin, ...settings] : plugin) as Pluggable
}

/** Import a module by package name or by path relative to `root`; its default export. */
export async function importModule(specifier: string, root: string, where: string, file: string | undefined): Promise<unknown> {
  let url: string
  try {
    url = /^\.{0,2}[\\/]/.test(specifier) || path.isAbsolute(specifier)
      ? pathToFileURL(path.resolve(root, specifier)).href
      : pathToFileURL(createRequire(path.join(root, 'noop.js')).resolve(specifier)).href
  } catch {
    throw new ConfigError(`${where}: cannot find module \`${specifier}\``, file)
  }
  try {
    const module = (await import(url)) as {default?: unknown}
    return module.default ?? module
  } catch (error) {
    throw new ConfigError(`${where}: module \`${specifier}\` failed to load: ${errorText(error).split('\n')[0]}`, file)
  }
}
