/** Helpers to build notes with the json format and read what it wrote. */
import fs from 'node:fs/promises'
import path from 'node:path'
import type {JsonDocument, JsonIndex} from '../../../src/emitters/json/shape.js'
import type {BuildOptions} from '../../../src/publish.js'
import {buildFixture, type FixtureBuild} from '../../helpers/build.js'

export interface JsonBuild extends FixtureBuild {
  /** Every `json/*.json` file written, by output-relative path, as text. */
  readonly files: ReadonlyMap<string, string>
  readonly index: JsonIndex
  note(slug: string): JsonDocument
}

export async function buildJson(content: string, options: Record<string, unknown> = {}, out?: string, settings: Partial<BuildOptions> = {}): Promise<JsonBuild> {
  const built = await buildFixture(content, ['json'], {...settings, config: {json: options}, ...(out ? {out} : {})})
  const files = new Map<string, string>()
  for (const file of built.result.written.filter((name) => name.startsWith('json/'))) files.set(file, await built.read(file))
  const parse = <T>(file: string): T => {
    const text = files.get(file)
    if (text === undefined) throw new Error(`${file} was not written (written: ${[...files.keys()].join(', ')})`)
    return JSON.parse(text) as T
  }
  return {
    ...built,
    files,
    index: files.has('json/index.json') ? parse<JsonIndex>('json/index.json') : (undefined as never),
    note: (slug) => parse<JsonDocument>(`json/${slug}.json`)
  }
}

/** Every file under `dir`, relative, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, {recursive: true, withFileTypes: true})
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
}
