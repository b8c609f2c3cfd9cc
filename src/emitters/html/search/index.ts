/**
 * Site search: what the `html` format writes for it once per build (the
 * index of every note's sections and the script that searches it), and
 * what pages put in their frame (`searchBox`, `searchScripts`).
 */
import type {NoteSummary} from '../../../model.js'
import {htmlDir} from '../assets.js'
import {searchIndexFile, searchScriptFile} from './box.js'
import {searchScript} from './bundle.js'
import {loadSearchCore} from './core.js'
import {searchIndexData, searchIndexScript} from './index-data.js'

export {searchBox, searchScripts, type SearchBoxOptions} from './box.js'

export interface SearchFile {
  /** Relative to the output folder. */
  readonly path: string
  readonly text: string
}

/** `html/search-index.js` and `html/search.js` for these notes. */
export async function searchFiles(notes: readonly NoteSummary[], templatesDir: string): Promise<SearchFile[]> {
  const core = await loadSearchCore(templatesDir)
  const [index, script] = await Promise.all([searchIndexData(notes, core).then(searchIndexScript), searchScript(templatesDir)])
  return [
    {path: `${htmlDir}/${searchIndexFile}`, text: index},
    {path: `${htmlDir}/${searchScriptFile}`, text: script}
  ]
}
