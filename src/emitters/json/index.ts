/**
 * The `json` format: one JSON file per note (metadata, heading and section
 * trees with structured content, links, assets, stats, optionally the mdast)
 * and an index of all notes. Shapes: `schema/*.schema.json`, `shape.ts`.
 */
import path from 'node:path'
import {defineEmitter, type NoteContext} from '../types.js'
import {linkedTitles} from '../linked-titles.js'
import {toJsonDocument} from './document.js'
import {serialize} from './json-value.js'
import {parseJsonOptions, type JsonOptions} from './options.js'
import {documentPath, indexPath, toJsonIndex} from './site-index.js'

export default defineEmitter<JsonOptions>({
  name: 'json',
  description: 'Structured JSON per note (metadata, headings, sections, links, assets) and an index',
  writes: ['json/<slug>.json', 'json/index.json'],
  options: parseJsonOptions,
  note(doc, context) {
    const {options} = context
    // The graph first: a note that links to others may wait for them to be parsed.
    const titles = linkedTitles(doc, context.graph)
    let text: string
    try {
      text = serialize(toJsonDocument(doc, options, titles), options.pretty)
    } catch (error) {
      if (!(error instanceof RangeError)) throw error
      context.report('Note is nested too deeply to write as JSON', {ruleId: 'json-too-deep', severity: 'error', line: 1, column: 1})
      return
    }
    warnOnMachinePaths(context, text)
    context.write(documentPath(doc.slug), text)
  },
  collection(notes, context) {
    const {options} = context
    // `notes` are the notes whose JSON was written: the index lists exactly those.
    if (options.index) context.write(indexPath, serialize(toJsonIndex(context.config.site, notes), options.pretty))
  }
})

/**
 * The output must be the same on every machine. quire itself never puts
 * absolute paths in it, but a user plugin's mdast `data` might. Only a JSON
 * string that starts with one of the build's folders counts: a URL that
 * merely contains `/srv/` is not a leak.
 */
function warnOnMachinePaths(context: NoteContext<JsonOptions>, text: string): void {
  const folders = new Set([context.config.content, context.config.root, context.config.out])
  for (const folder of folders) {
    // A file system root (`/`) would match every absolute URL path.
    if (path.parse(folder).root === folder) continue
    const start = JSON.stringify(folder).slice(0, -1)
    if (['/', '\\\\', '"'].some((next) => text.includes(start + next))) {
      context.report(`JSON output contains the absolute path ${folder}: it will differ on other machines`, {
        ruleId: 'json-machine-path',
        severity: 'warning',
        line: 1,
        column: 1
      })
      return
    }
  }
}
