/**
 * Site search: what the `html` format writes for it once per build (the
 * search box's script, the engine and the index of every note's sections),
 * and what pages put in their frame (`searchBox`, `searchScripts`).
 */
import type {NoteSummary} from '../../../model.js'
import {htmlDir} from '../assets.js'
import {searchEngineFile, searchIndexFile, searchScriptFile} from './box.js'
import {searchEngineScript, searchScript} from './bundle.js'
import {loadSearchCore} from './core.js'
import {searchIndexData, searchIndexScript} from './index-data.js'

export {searchBox, searchEngineFile, searchIndexFile, searchScriptFile, searchScripts, type SearchBoxOptions} from './box.js'

export interface SearchFile {
  /** Relative to the output folder. */
  readonly path: string
  readonly text: string
}

/** `html/search.js` (pages load it), `html/search-engine.js` and `html/search-index.js` (loaded on first use) for these notes. */
export async function searchFiles(notes: readonly NoteSummary[], templatesDir: string): Promise<SearchFile[]> {
  const core = await loadSearchCore(templatesDir)
  const [index, script, engine] = await Promise.all([searchIndexData(notes, core).then(searchIndexScript), searchScript(templatesDir), searchEngineScript(templatesDir)])
  return [
    {path: `${htmlDir}/${searchScriptFile}`, text: script},
    {path: `${htmlDir}/${searchEngineFile}`, text: engine},
    {path: `${htmlDir}/${searchIndexFile}`, text: index}
  ]
}
