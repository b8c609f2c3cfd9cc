/**
 * The `json` format: one JSON file per note (metadata, heading and section
 * trees with structured content, links, assets, stats, optionally the mdast)
 * and an index of all notes. Shapes: `schema/*.schema.json`, `shape.ts`.
 */
import path from 'node:path'
import type {QuireDocument} from '../../model.js'
import {defineEmitter, type EmitterContext} from '../types.js'
import {toJsonDocument} from './document.js'
import {serialize} from './json-value.js'
import {parseJsonOptions, type JsonOptions} from './options.js'
import {documentPath, indexPath, toJsonIndex} from './site-index.js'

export default defineEmitter<JsonOptions>({
  name: 'json',
  description: 'Structured JSON per note (metadata, headings, sections, links, assets) and an index',
  writes: ['json/<slug>.json', 'json/index.json'],
  workerSafe: true,
  options: parseJsonOptions,
  start(context) {
    const {options} = context
    // Notes whose JSON this run started but did not write: the index leaves them out.
    const unwritten = new Set<string>()
    return {
      async document(doc) {
        unwritten.add(doc.slug)
        let text: string
        try {
          text = serialize(toJsonDocument(doc, options), options.pretty)
        } catch (error) {
          if (!(error instanceof RangeError)) throw error
          context.report(doc, 'Note is nested too deeply to write as JSON', {ruleId: 'json-too-deep', severity: 'error', line: 1, column: 1})
          return
        }
        warnOnMachinePaths(context, doc, text)
        await context.output.write(documentPath(doc.slug), text, doc.relativePath)
        unwritten.delete(doc.slug)
      },
      async collection(collection) {
        if (!options.index) return
        const documents = collection.documents.filter((doc) => !unwritten.has(doc.slug))
        await context.output.write(indexPath, serialize(toJsonIndex(collection.config.site, documents), options.pretty), '*')
      }
    }
  }
})

/**
 * The output must be the same on every machine. quire itself never puts
 * absolute paths in it, but a user plugin's mdast `data` might. Only a JSON
 * string that starts with one of the build's folders counts: a URL that
 * merely contains `/srv/` is not a leak.
 */
function warnOnMachinePaths(context: EmitterContext<JsonOptions>, doc: QuireDocument, text: string): void {
  const folders = new Set([context.config.content, context.config.root, context.config.out])
  for (const folder of folders) {
    // A file system root (`/`) would match every absolute URL path.
    if (path.parse(folder).root === folder) continue
    const start = JSON.stringify(folder).slice(0, -1)
    if (['/', '\\\\', '"'].some((next) => text.includes(start + next))) {
      context.report(doc, `JSON output contains the absolute path ${folder}: it will differ on other machines`, {
        ruleId: 'json-machine-path',
        severity: 'warning',
        line: 1,
        column: 1
      })
      return
    }
  }
}
