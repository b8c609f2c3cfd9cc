/**
 * The resolved config in a form a worker thread can receive: plain data
 * plus, for each plugin or emitter that is code, where to import it from
 * (a module specifier, or its place in the config file). The worker never
 * validates or resolves the config again; it only imports the code.
 * Code given as a function or object in a programmatic config cannot
 * travel: such a build runs in one thread.
 */
import type {PluggableList} from 'unified'
import {loadConfigFile} from './load.js'
import {loadPlugin} from './resolve.js'
import type {MarkdownConfig, ResolvedConfig} from './types.js'

const pluginLists = ['remarkPluginsBefore', 'remarkPlugins', 'rehypePluginsBefore', 'rehypePlugins'] as const
type PluginList = (typeof pluginLists)[number]

/** How a worker gets one plugin: import a module (with the settings written after it), or take it from the config file. */
type PluginRecipe = {readonly module: string; readonly settings: readonly unknown[]} | {readonly fromConfigFile: number}

export interface ConfigTransfer {
  /** Everything but the code. */
  readonly config: Omit<ResolvedConfig, 'markdown' | 'emitters'> & {readonly trustedHtml: boolean}
  readonly plugins: Readonly<Record<PluginList, readonly PluginRecipe[]>>
  /** Third-party emitters: a module specifier, or `true` for an object written in the config file. */
  readonly emitters: Readonly<Record<string, string | true>>
}

/**
 * The transferable form of `config`, whose input was `raw` (the config
 * file's value or the programmatic object); undefined when some of its
 * code, or an option a format validated (`options`), cannot leave this thread.
 */
export function toTransfer(config: ResolvedConfig, raw: Readonly<Record<string, unknown>>, options: readonly unknown[] = []): ConfigTransfer | undefined {
  if (!isClonable(options)) return undefined
  const fromFile = config.configFile !== undefined
  const markdown = (raw.markdown ?? {}) as Partial<Record<PluginList, unknown[]>>
  const plugins = {} as Record<PluginList, PluginRecipe[]>
  for (const list of pluginLists) {
    plugins[list] = []
    for (const [index, entry] of (markdown[list] ?? []).entries()) {
      const [head, ...settings] = Array.isArray(entry) ? entry : [entry]
      if (typeof head === 'string' && isClonable(settings)) plugins[list].push({module: head, settings})
      else if (fromFile) plugins[list].push({fromConfigFile: index})
      else return undefined
    }
  }
  const emitters: Record<string, string | true> = {}
  for (const [name, entry] of Object.entries(config.emitters)) {
    if (typeof entry === 'string') emitters[name] = entry
    else if (fromFile) emitters[name] = true
    else return undefined
  }
  const {markdown: resolvedMarkdown, emitters: _emitters, ...rest} = config
  const transfer: ConfigTransfer = {config: {...rest, trustedHtml: resolvedMarkdown.trustedHtml}, plugins, emitters}
  return isClonable(transfer) ? transfer : undefined
}

/** The config again, on the other side: plugins imported, emitter objects taken from the config file. */
export async function fromTransfer(transfer: ConfigTransfer): Promise<ResolvedConfig> {
  const {trustedHtml, ...config} = transfer.config
  const file = config.configFile
  const needsFile = Object.values(transfer.emitters).includes(true) || pluginLists.some((list) => transfer.plugins[list].some((recipe) => 'fromConfigFile' in recipe))
  // Loaded (imported) once per worker, and only when some code lives in it.
  const raw = needsFile && file ? (await loadConfigFile(config.root, file)).value : {}
  const rawMarkdown = (raw.markdown ?? {}) as Partial<Record<PluginList, unknown[]>>
  const markdown = {trustedHtml} as {-readonly [Key in keyof MarkdownConfig]: MarkdownConfig[Key]}
  for (const list of pluginLists) {
    markdown[list] = (await Promise.all(
      transfer.plugins[list].map((recipe, index) => {
        const where = `\`markdown.${list}[${index}]\``
        const entry = 'module' in recipe ? (recipe.settings.length > 0 ? [recipe.module, ...recipe.settings] : recipe.module) : rawMarkdown[list]?.[recipe.fromConfigFile]
        return loadPlugin(entry, config.root, where, file)
      })
    )) as PluggableList
  }
  const rawEmitters = (raw.emitters ?? {}) as Record<string, object>
  const emitters: Record<string, string | object> = {}
  for (const [name, entry] of Object.entries(transfer.emitters)) emitters[name] = entry === true ? rawEmitters[name]! : entry
  return {...config, markdown, emitters}
}

function isClonable(value: unknown): boolean {
  try {
    structuredClone(value)
    return true
  } catch {
    return false
  }
}
