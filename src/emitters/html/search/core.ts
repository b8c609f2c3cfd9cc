/**
 * The search core (`templates/html/search-core.js`) for the index builder:
 * how text becomes terms, and how the packed index unpacks. The browser
 * runs the same file inside `search.js`; evaluating it here, rather than
 * keeping a TypeScript twin, is what keeps the terms of the index and the
 * terms of a query the same.
 */
import fs from 'node:fs/promises'
import path from 'node:path'

export interface SearchCore {
  /** The terms of a text before folding (MiniSearch's `tokenize`). */
  tokenize(text: string): string[]
  /** A term folded as the index keeps it, null when nothing is left (MiniSearch's `processTerm`). */
  processTerm(term: string): string | null
  /** A query's folded terms, and those a result must match. */
  queryTerms(text: string): {all: string[]; required: string[]}
  /** Whether a folded term is Latin letters only. */
  isLatin(term: string): boolean
  /** Whether a term has no character of a script written without spaces (CJK, Thai…). */
  spaced(term: string): boolean
  /** A packed index (`SearchIndexData.index`) in MiniSearch's serialized form. */
  expandIndex(packed: unknown): unknown
}

/** The file's name in `templates/html/`. */
export const searchCoreFile = 'search-core.js'

/** The source, as the browser gets it. */
export async function readSearchCore(templatesDir: string): Promise<string> {
  return fs.readFile(path.join(templatesDir, 'html', searchCoreFile), 'utf8')
}

/** The core as functions (the file defines `quireSearchCore` and nothing else). */
export function evaluateSearchCore(source: string): SearchCore {
  // quire's own template, not user input: run it as the browser does, in a function scope.
  return new Function(`${source}\nreturn quireSearchCore`)() as SearchCore
}

export async function loadSearchCore(templatesDir: string): Promise<SearchCore> {
  return evaluateSearchCore(await readSearchCore(templatesDir))
}
