/** A custom emitter that only records what it is given: parses notes through the real build. */
import path from 'node:path'
import {build} from '../../src/publish.js'
import type {Emitter} from '../../src/emitters/types.js'
import type {QuireDocument} from '../../src/model.js'
import type {BuildResult} from '../../src/report.js'
import {repoRoot, tempDir} from './build.js'

export async function parseFolder(content: string, config: Record<string, unknown> = {}): Promise<{documents: QuireDocument[]; result: BuildResult}> {
  const documents: QuireDocument[] = []
  const probe: Emitter = {
    name: 'probe',
    description: 'records documents',
    writes: [],
    note(doc) {
      documents.push(doc)
    }
  }
  const result = await build({
    cwd: repoRoot,
    config: {...config, emitters: {probe}},
    content,
    out: await tempDir(),
    formats: ['probe'],
    quiet: true
  })
  documents.sort((a, b) => (a.relativePath < b.relativePath ? -1 : 1))
  return {documents, result}
}

export function byName(documents: QuireDocument[], name: string): QuireDocument {
  const found = documents.find((doc) => path.basename(doc.path) === name)
  if (!found) throw new Error(`No document ${name} among ${documents.map((doc) => doc.relativePath).join(', ')}`)
  return found
}
