/**
 * The two scripts of site search. `html/search.js`, the one a page loads
 * (deferred): the search box's code (`templates/html/search.js`), in a
 * function scope that adds no global. `html/search-engine.js`, which the
 * box loads with the index the first time it gets focus: MiniSearch's
 * browser build (from the installed package, with its licence) and the
 * search core (`templates/html/search-core.js`), as one global. MiniSearch
 * ships no minified build: comments and indentation are taken out here
 * (MiniSearch's 86 KB become 32 KB), by whole lines, and only when no
 * multi-line string could change.
 */
import fs from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'
import {readSearchCore} from './core.js'

/** The client's file name in `templates/html/`. */
export const clientFile = 'search.js'

const require = createRequire(import.meta.url)

export interface MiniSearchBuild {
  readonly version: string
  readonly license: string
  /** The UMD build, as installed. */
  readonly source: string
}

export async function miniSearchBuild(): Promise<MiniSearchBuild> {
  // `minisearch/package.json` is not among the package's exports: find the folder from its main file.
  const root = path.resolve(path.dirname(require.resolve('minisearch')), '..', '..')
  const [manifest, license, source] = await Promise.all(
    ['package.json', 'LICENSE.txt', path.join('dist', 'umd', 'index.js')].map((file) => fs.readFile(path.join(root, file), 'utf8'))
  )
  return {version: (JSON.parse(manifest!) as {version: string}).version, license: license!.trim(), source: source!}
}

/**
 * `source` without comment lines, blank lines and indentation. Only whole
 * lines of comments go, and the text of a block comment's last line after
 * its end stays. Returns `source` unchanged when a line of code could open
 * a multi-line string (a template literal left open, a line continuation).
 */
export function stripComments(source: string): string {
  const lines = source.split('\n')
  const out: string[] = []
  let inBlock = false
  for (const line of lines) {
    let code = line.trim()
    if (inBlock) {
      const end = code.indexOf('*/')
      if (end === -1) continue
      inBlock = false
      code = code.slice(end + 2).trim()
    }
    while (code.startsWith('/*')) {
      const end = code.indexOf('*/', 2)
      if (end === -1) {
        inBlock = true
        code = ''
        break
      }
      code = code.slice(end + 2).trim()
    }
    if (code === '' || code.startsWith('//')) continue
    out.push(code)
  }
  // A multi-line string opens on a line of code: an odd number of backticks, or a backslash at the end.
  if (out.some((line) => (line.match(/(?<!\\)`/g)?.length ?? 0) % 2 === 1 || line.endsWith('\\'))) return source
  return out.join('\n')
}

/** The global `search-engine.js` sets: `{MiniSearch, core}`. */
export const engineGlobal = 'quireSearchEngine'

/** The text of `html/search.js`. */
export async function searchScript(templatesDir: string): Promise<string> {
  const client = await fs.readFile(path.join(templatesDir, 'html', clientFile), 'utf8')
  return ['/*! quire site search: the search box. */', '(function () {', "'use strict';", stripComments(client), '})();', ''].join('\n')
}

/** The text of `html/search-engine.js`. */
export async function searchEngineScript(templatesDir: string): Promise<string> {
  const [miniSearch, core] = await Promise.all([miniSearchBuild(), readSearchCore(templatesDir)])
  const license = miniSearch.license.replaceAll('*/', '* /')
  return [
    `/*! quire site search: the engine. Includes MiniSearch ${miniSearch.version} (https://github.com/lucaong/minisearch):`,
    license,
    '*/',
    '(function () {',
    "'use strict';",
    // The UMD build sees a CommonJS module and exports to it, not to a global.
    'var MiniSearch = (function () {',
    'var module = {exports: {}}, exports = module.exports, define;',
    stripComments(miniSearch.source),
    'return module.exports;',
    '})();',
    stripComments(core),
    `window.${engineGlobal} = {MiniSearch: MiniSearch, core: quireSearchCore};`,
    '})();',
    ''
  ].join('\n')
}
