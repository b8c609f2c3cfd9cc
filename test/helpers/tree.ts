/** Snapshot a folder (paths → SHA-256) to prove what a build did and did not touch. */
import {createHash} from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

export async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const walk = async (current: string): Promise<void> => {
    for (const entry of await fs.readdir(current, {withFileTypes: true})) {
      const full = path.join(current, entry.name)
      const relative = path.relative(dir, full)
      if (entry.isSymbolicLink()) out.set(relative, 'link:' + (await fs.readlink(full)))
      else if (entry.isDirectory()) await walk(full)
      else out.set(relative, createHash('sha256').update(await fs.readFile(full)).digest('hex'))
    }
  }
  await walk(dir)
  return out
}

/** Every file under `dir` (relative paths, sorted). */
export async function listFiles(dir: string): Promise<string[]> {
  return [...(await snapshot(dir)).keys()].sort()
}
