/**
 * The only code that writes into the output folder. Every file is written
 * to a temporary sibling and renamed into place, so a failed or interrupted
 * build leaves the previous output whole; paths that would leave the output
 * folder are refused.
 */
import {randomBytes} from 'node:crypto'
import {closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync} from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import type {OutputFile} from './cache/store.js'
import {isInside, toPosix} from './paths.js'

export class OutputPathError extends Error {
  override name = 'OutputPathError'
}

/** Temporary files of this process end in this, then a random part. */
const temporaryMark = `.tmp-${process.pid}-`

export class OutputFolder {
  readonly outDir: string
  private readonly pending = new Set<string>()
  /** Folders this build made or found: one `mkdir` per folder, not per file. */
  private readonly folders = new Set<string>()

  constructor(outDir: string) {
    this.outDir = path.resolve(outDir)
  }

  /** Absolute path for a relative output path; throws when it would leave the output folder. */
  resolve(relativePath: string): string {
    if (relativePath.includes('\0')) throw new OutputPathError(`Output path contains a NUL byte: ${JSON.stringify(relativePath)}`)
    const target = path.resolve(this.outDir, relativePath)
    if (path.isAbsolute(relativePath) || !isInside(this.outDir, target)) {
      throw new OutputPathError(`Output path leaves the output folder: ${relativePath}`)
    }
    return target
  }

  /** The output-relative POSIX form of a path (`html/a.html`), checked. */
  normalize(relativePath: string): string {
    return toPosix(path.relative(this.outDir, this.resolve(relativePath)))
  }

  /**
   * Write atomically; what was written, as the cache records it. Sync
   * calls: outputs are small and many, and each async call is a round trip
   * through libuv's four threads that every worker shares.
   */
  async write(relativePath: string, data: string | Uint8Array): Promise<OutputFile> {
    const target = this.resolve(relativePath)
    const folder = path.dirname(target)
    if (!this.folders.has(folder)) {
      mkdirSync(folder, {recursive: true})
      this.folders.add(folder)
    }
    const temporary = `${target}${temporaryMark}${randomBytes(4).toString('hex')}`
    this.pending.add(temporary)
    let stat
    try {
      let fd
      try {
        fd = openSync(temporary, 'w')
      } catch (error) {
        // The folder went away during the build (a user's rm -rf): make it again, once.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
        mkdirSync(folder, {recursive: true})
        fd = openSync(temporary, 'w')
      }
      try {
        const bytes = typeof data === 'string' ? Buffer.from(data) : data
        for (let offset = 0; offset < bytes.byteLength; ) offset += writeSync(fd, bytes, offset)
        stat = fstatSync(fd)
      } finally {
        closeSync(fd)
      }
      renameSync(temporary, target)
    } catch (error) {
      rmSync(temporary, {force: true})
      throw error
    } finally {
      this.pending.delete(temporary)
    }
    return {path: toPosix(path.relative(this.outDir, target)), size: stat.size, mtimeMs: stat.mtimeMs}
  }

  /** Remove a file quire wrote (only inside the output folder; a missing file is fine). */
  async remove(relativePath: string): Promise<void> {
    let target: string
    try {
      target = this.resolve(relativePath)
    } catch {
      return
    }
    await fs.rm(target, {force: true})
  }

  /** Remove temporary files of writes still under way (on abort). */
  async cleanup(): Promise<void> {
    const files = [...this.pending]
    this.pending.clear()
    await Promise.all(files.map((file) => fs.rm(file, {force: true, recursive: true})))
  }

  /**
   * Remove every temporary file this process left anywhere in the output
   * folder: after an interrupted build whose worker threads were stopped
   * in the middle of a write.
   */
  async sweep(): Promise<void> {
    let entries
    try {
      entries = await fs.readdir(this.outDir, {recursive: true, withFileTypes: true})
    } catch {
      return
    }
    await Promise.all(
      entries.filter((entry) => entry.isFile() && entry.name.includes(temporaryMark)).map((entry) => fs.rm(path.join(entry.parentPath, entry.name), {force: true}))
    )
  }
}
