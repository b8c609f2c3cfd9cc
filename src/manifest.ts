/**
 * `out/.quire-manifest.json` remembers which files quire wrote and for which
 * note, so `--clean` and deleted notes remove exactly quire's files and
 * nothing else a user keeps in the output folder.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type {OutputFolder} from './write.js'

export const manifestName = '.quire-manifest.json'

export interface Manifest {
  readonly version: 1
  /**
   * Output path (relative, POSIX) → the source note (content-relative) or `*`
   * for collection files; a sorted list when several notes share the file.
   */
  readonly files: Record<string, string | string[]>
}

/** The owners of a manifest entry. */
export function ownersOf(entry: string | readonly string[]): readonly string[] {
  return typeof entry === 'string' ? [entry] : entry
}

/** One owner as a string (the common case, readable), several as a sorted list. */
export function manifestEntry(owners: Iterable<string>): string | string[] {
  const list = [...new Set(owners)].sort()
  return list.length === 1 ? list[0]! : list
}

export async function readManifest(outDir: string): Promise<Manifest> {
  try {
    const value = JSON.parse(await fs.readFile(path.join(outDir, manifestName), 'utf8')) as Manifest
    if (value && value.version === 1 && typeof value.files === 'object') return value
  } catch {}
  return {version: 1, files: {}}
}

/** Delete the listed files (only those that resolve inside the output folder). */
export async function removeOutputs(folder: OutputFolder, files: Iterable<string>): Promise<void> {
  for (const file of files) await folder.remove(file)
}

export async function writeManifest(folder: OutputFolder, files: Record<string, string | string[]>): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  const manifest: Manifest = {version: 1, files: sorted}
  // The manifest itself is not listed in itself.
  await folder.write(manifestName, JSON.stringify(manifest, null, 2) + '\n')
}
