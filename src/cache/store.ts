/**
 * The build cache: per note, what the last build learned of it (its
 * summary and messages, what its parse depended on) and, per format, what
 * that format wrote and what it read of the note graph, under keys made of
 * everything else the outcome depends on. A note whose key, files and
 * graph answers still hold is neither parsed nor rewritten. One file per
 * output folder in the cache folder (`.quire-cache/` by default).
 */
import {randomBytes} from 'node:crypto'
import {existsSync, lstatSync, readFileSync, statSync} from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import type {ResolvedConfig} from '../config/types.js'
import type {PlainMessage} from '../messages.js'
import type {NoteSummary} from '../model.js'
import {hashFolder, hashValue, sha256} from './hash.js'

/** Bump when the record shape changes. */
const storeVersion = 6

/** A file a format wrote, as it was right after the write. */
export interface OutputFile {
  /** Relative to the output folder, POSIX separators. */
  readonly path: string
  readonly size: number
  readonly mtimeMs: number
}

export interface FormatRecord {
  /** The format key it was written under (options, `version()`). */
  readonly key: string
  readonly failed: boolean
  readonly messages: readonly PlainMessage[]
  readonly files: readonly OutputFile[]
  /** Questions the note step asked of the note graph, with a hash of each answer. */
  readonly reads: Readonly<Record<string, string>>
}

export interface NoteRecord {
  /** Note key: quire version, config, templates, the note's path, slug and bytes. */
  readonly key: string
  /** Local files the note uses (images), with their content hash or null when missing. */
  readonly dependencies: ReadonlyArray<readonly [file: string, hash: string | null]>
  /** What its links looked up (link-target queries), with the answers they got. */
  readonly resolutions: ReadonlyArray<readonly [query: string, answer: string | null]>
  /** Messages from reading and parsing. */
  readonly messages: readonly PlainMessage[]
  /** Undefined when the note did not parse. */
  readonly summary?: NoteSummary | undefined
  readonly formats: Readonly<Record<string, FormatRecord>>
}

interface StoreFile {
  readonly version: number
  readonly out: string
  readonly records: Record<string, NoteRecord>
}

export interface BuildKeys {
  /** Shared part of every note key. */
  readonly build: string
  /** Per format: hash of its options and of what its `version()` returned. */
  readonly formats: Readonly<Record<string, string>>
}

export async function buildKeys(input: {
  readonly config: ResolvedConfig
  readonly version: string
  readonly templatesDir: string
  readonly sourceDateEpoch: number | undefined
  /** Per format: what its emitter's `version()` returned. */
  readonly formatVersions?: Readonly<Record<string, unknown>> | undefined
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
  for (const name of config.formats) formats[name] = hashValue({name, options: config.formatOptions[name] ?? null, version: input.formatVersions?.[name] ?? null})
  return {build, formats}
}

/** The key of one note from its bytes. */
export function noteKey(keys: BuildKeys, relativePath: string, slug: string, bytes: Uint8Array): string {
  return sha256([keys.build, relativePath, slug, sha256(bytes)].join('\n'))
}

export class NoteCache {
  private constructor(
    private readonly file: string,
    private readonly out: string,
    private readonly previous: Readonly<Record<string, NoteRecord>>
  ) {}

  private readonly records: Record<string, NoteRecord> = {}
  private readonly hashes = new Map<string, string | null>()
  /** Whether anything differs from what was read (no write otherwise). */
  private changed = false

  /** Notes the previous build remembered. */
  get size(): number {
    return Object.keys(this.previous).length
  }

  static async open(cacheDir: string, out: string): Promise<NoteCache> {
    const file = path.join(cacheDir, `notes-${sha256(out).slice(0, 16)}.json`)
    let records: Record<string, NoteRecord> = {}
    try {
      const stored = JSON.parse(await fs.readFile(file, 'utf8')) as StoreFile
      if (stored.version === storeVersion && stored.out === out && stored.records && typeof stored.records === 'object') records = stored.records
    } catch {}
    return new NoteCache(file, out, records)
  }

  /**
   * The previous build's record of a note when what it learned from the
   * note still holds: the same key, the same images, and its links still
   * resolve as they did (`answer` answers their queries now). Its formats
   * are checked separately (`formatHolds`).
   */
  lookup(relativePath: string, key: string, answer: (query: string) => string | null): NoteRecord | undefined {
    const record = this.previous[relativePath]
    if (!record || record.key !== key) return undefined
    for (const [file, hash] of record.dependencies) {
      if (this.currentHash(file) !== hash) return undefined
    }
    for (const [query, answered] of record.resolutions) {
      if (answer(query) !== answered) return undefined
    }
    return record
  }

  /** Whether a format's record still stands for these options: same key, and every file it wrote is still as it was. */
  formatHolds(format: FormatRecord | undefined, key: string | undefined): format is FormatRecord {
    if (!format || format.key !== key) return false
    for (const output of format.files) {
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

  /** Remember a note for the next build (notes not remembered are dropped). */
  remember(relativePath: string, record: NoteRecord): void {
    this.records[relativePath] = record
    if (this.previous[relativePath] !== record) this.changed = true
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
