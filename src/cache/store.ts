/**
 * The build cache: per note, the outcome of parsing and emitting it (light
 * document, messages, written files with their size and mtime), under a key
 * made of everything the outcome depends on. A note whose key and files
 * still match is neither parsed nor rewritten. One file per output folder
 * in the cache folder (`.quire-cache/` by default).
 */
import {randomBytes} from 'node:crypto'
import {existsSync, lstatSync, readFileSync, statSync} from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import type {ResolvedConfig} from '../config/types.js'
import type {FormatOutcome, NoteOutcome} from '../workers/session.js'
import {hashFolder, hashValue, sha256} from './hash.js'

/** Bump when the record shape changes. */
const storeVersion = 1

export interface CacheRecord {
  /** Note key: quire version, config, templates, the note's bytes (and the slug set when it links to notes). */
  readonly key: string
  readonly outcome: NoteOutcome
  /** Per format: the key of its options, next to what it wrote. */
  readonly formatKeys: Readonly<Record<string, string>>
}

interface StoreFile {
  readonly version: number
  readonly out: string
  readonly records: Record<string, CacheRecord>
}

export interface BuildKeys {
  /** Shared part of every note key. */
  readonly build: string
  /** Hash of the slug map (only notes that may link to notes depend on it). */
  readonly slugs: string
  /** Per format: hash of its options. */
  readonly formats: Readonly<Record<string, string>>
}

export async function buildKeys(input: {
  readonly config: ResolvedConfig
  readonly version: string
  readonly templatesDir: string
  readonly slugs: ReadonlyMap<string, string>
  readonly sourceDateEpoch: number | undefined
  /** Per format: what its emitter's `cacheKey` returned. */
  readonly formatKeys?: Readonly<Record<string, unknown>> | undefined
}): Promise<BuildKeys> {
  const {config} = input
  // What shapes every note's outputs; not: formats asked (per-format records), quiet, clean, cache, workers.
  const fingerprint = {
    root: config.root,
    content: config.content,
    out: config.out,
    site: config.site,
    markdown: config.markdown,
    maxNoteBytes: config.maxNoteBytes
  }
  const build = hashValue({
    store: storeVersion,
    quire: input.version,
    node: process.versions.node,
    config: fingerprint,
    templates: await hashFolder(input.templatesDir),
    sourceDateEpoch: input.sourceDateEpoch ?? null
  })
  const formats: Record<string, string> = {}
  for (const name of config.formats) formats[name] = hashValue({name, options: config.formatOptions[name] ?? null, extra: input.formatKeys?.[name] ?? null})
  return {build, slugs: hashValue([...input.slugs].sort()), formats}
}

/**
 * Whether the note may link to another note (`x.md`, `x.markdown`, any
 * case): only those depend on which notes exist. A byte search, not a
 * string: it runs on every note of every build.
 */
export function mayLinkNotes(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const lower = (at: number): number => (buffer[at] ?? 0) | 0x20
  const wordEnd = (at: number): boolean => at >= buffer.length || !/[a-z0-9_]/i.test(String.fromCharCode(buffer[at]!))
  for (const start of ['.m', '.M']) {
    let index = buffer.indexOf(start)
    while (index !== -1) {
      if (lower(index + 2) === 0x64 /* d */ && wordEnd(index + 3)) return true
      if (buffer.subarray(index + 1, index + 9).toString('latin1').toLowerCase() === 'markdown' && wordEnd(index + 9)) return true
      index = buffer.indexOf(start, index + 2)
    }
  }
  return false
}

/** The key of one note from its bytes. */
export function noteKey(keys: BuildKeys, relativePath: string, slug: string, bytes: Uint8Array): string {
  return sha256([keys.build, relativePath, slug, sha256(bytes), mayLinkNotes(bytes) ? keys.slugs : ''].join('\n'))
}

export class NoteCache {
  private constructor(
    private readonly file: string,
    private readonly out: string,
    private readonly previous: Readonly<Record<string, CacheRecord>>
  ) {}

  readonly records: Record<string, CacheRecord> = {}
  private readonly hashes = new Map<string, string | null>()
  /** Notes the previous build remembered. */
  get size(): number {
    return Object.keys(this.previous).length
  }

  /** Whether anything differs from what was read (no write otherwise). */
  private changed = false

  static async open(cacheDir: string, out: string): Promise<NoteCache> {
    const file = path.join(cacheDir, `notes-${sha256(out).slice(0, 16)}.json`)
    let records: Record<string, CacheRecord> = {}
    try {
      const stored = JSON.parse(await fs.readFile(file, 'utf8')) as StoreFile
      if (stored.version === storeVersion && stored.out === out && stored.records && typeof stored.records === 'object') records = stored.records
    } catch {}
    return new NoteCache(file, out, records)
  }

  /**
   * The cached outcome of a note and the formats that must still be emitted
   * (their options changed, they were never emitted, or a file they wrote
   * is gone or was changed since).
   */
  async lookup(relativePath: string, key: string, keys: BuildKeys, formats: readonly string[]): Promise<{outcome: NoteOutcome; missing: string[]} | undefined> {
    const record = this.previous[relativePath]
    if (!record || record.key !== key) return undefined
    const {outcome} = record
    for (const [file, hash] of outcome.dependencies) {
      if (this.currentHash(file) !== hash) return undefined
    }
    if (!outcome.light) return {outcome, missing: []}
    const missing: string[] = []
    for (const format of formats) {
      const done = outcome.formats[format]
      if (!done || record.formatKeys[format] !== keys.formats[format] || !(await this.intact(done))) missing.push(format)
    }
    return {outcome, missing}
  }

  /** A file's hash now, once per build however many notes use it (null when it is missing). */
  private currentHash(file: string): string | null {
    let hash = this.hashes.get(file)
    if (hash === undefined) {
      hash = null
      try {
        // Recorded paths are real paths; a link there now is a change, and
        // it is not followed (it may point out of the content folder).
        hash = lstatSync(file).isSymbolicLink() ? 'link' : sha256(readFileSync(file))
      } catch {}
      this.hashes.set(file, hash)
    }
    return hash
  }

  private async intact(format: FormatOutcome): Promise<boolean> {
    for (const output of format.outputs) {
      try {
        // Sync: hundreds of tiny stats, where the promise round trips cost more than the calls.
        const stat = statSync(path.join(this.out, output.path))
        if (stat.size !== output.size || stat.mtimeMs !== output.mtimeMs) return false
      } catch {
        return false
      }
    }
    return true
  }

  /** Remember a note for the next build (notes not remembered are dropped). */
  remember(key: string, keys: BuildKeys, outcome: NoteOutcome, previous?: NoteOutcome): void {
    const old = this.previous[outcome.relativePath]
    const formats = {...(previous && old?.key === key ? previous.formats : {}), ...outcome.formats}
    const formatKeys: Record<string, string> = {}
    for (const name of Object.keys(formats)) {
      const formatKey = keys.formats[name] ?? (old?.key === key ? old.formatKeys[name] : undefined)
      if (formatKey) formatKeys[name] = formatKey
      else delete formats[name]
    }
    this.records[outcome.relativePath] = {key, outcome: {...outcome, formats}, formatKeys}
    if (old?.outcome !== outcome) this.changed = true
  }

  /** Keep a note's record as it was (an up-to-date note). */
  keep(relativePath: string): void {
    const old = this.previous[relativePath]
    if (old) this.records[relativePath] = old
  }

  async save(): Promise<void> {
    const before = Object.keys(this.previous)
    if (!this.changed && before.length === Object.keys(this.records).length && before.every((name) => name in this.records)) return
    await fs.mkdir(path.dirname(this.file), {recursive: true})
    const data: StoreFile = {version: storeVersion, out: this.out, records: this.records}
    const temporary = `${this.file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
    try {
      await fs.writeFile(temporary, JSON.stringify(data))
      await fs.rename(temporary, this.file)
    } catch (error) {
      await fs.rm(temporary, {force: true})
      throw error
    }
    await pruneAbandoned(path.dirname(this.file), this.file)
  }
}

/**
 * One record file per output folder: drop those whose output folder is gone
 * (built once into a temp folder, say), so the cache does not grow forever.
 * Only `out` is read, from the start of each file.
 */
async function pruneAbandoned(cacheDir: string, current: string): Promise<void> {
  let names: string[]
  try {
    names = await fs.readdir(cacheDir)
  } catch {
    return
  }
  for (const name of names) {
    const file = path.join(cacheDir, name)
    if (file === current || !/^notes-[0-9a-f]{16}\.json$/.test(name)) continue
    const out = await recordedOut(file)
    if (out !== undefined && !existsSync(out)) await fs.rm(file, {force: true})
  }
}

async function recordedOut(file: string): Promise<string | undefined> {
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(file, 'r')
    const {buffer, bytesRead} = await handle.read({buffer: Buffer.alloc(8192), position: 0})
    const match = /^\{"version":\d+,"out":("(?:[^"\\]|\\.)*")/.exec(buffer.subarray(0, bytesRead).toString('utf8'))
    return match ? (JSON.parse(match[1]!) as string) : undefined
  } catch {
    return undefined
  } finally {
    await handle?.close()
  }
}
