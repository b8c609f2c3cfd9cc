/** Content hashes for cache keys: SHA-256 of bytes, and of any value by a stable JSON form. */
import {createHash} from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * JSON with sorted keys; functions by their name and source text (plugins
 * given as functions), so equal configs hash equal across processes.
 */
export function stableStringify(value: unknown): string {
  const seen = new Set<unknown>()
  const walk = (item: unknown): unknown => {
    if (typeof item === 'function') return `function ${item.name}: ${String(item)}`
    if (typeof item === 'bigint') return `${item}n`
    if (item === null || typeof item !== 'object') return item
    if (seen.has(item)) return '[circular]'
    seen.add(item)
    let result: unknown
    if (Array.isArray(item)) result = item.map(walk)
    else if (item instanceof Map) result = {map: [...item].map(walk)}
    else if (item instanceof Set) result = {set: [...item].map(walk)}
    else result = Object.fromEntries(Object.keys(item).sort().map((key) => [key, walk((item as Record<string, unknown>)[key])]))
    seen.delete(item)
    return result
  }
  return JSON.stringify(walk(value)) ?? 'undefined'
}

export function hashValue(value: unknown): string {
  return sha256(stableStringify(value))
}

/** Hash of every file under `dir` (paths and contents), sorted: templates. */
export async function hashFolder(dir: string): Promise<string> {
  const hash = createHash('sha256')
  const walk = async (folder: string): Promise<void> => {
    let entries
    try {
      entries = await fs.readdir(folder, {withFileTypes: true})
    } catch {
      return
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) await walk(full)
      else if (entry.isFile()) hash.update(path.relative(dir, full)).update('\0').update(await fs.readFile(full)).update('\0')
    }
  }
  await walk(dir)
  return hash.digest('hex')
}
