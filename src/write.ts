/**
 * The only code that writes into the output folder. Every file is written
 * to a temporary sibling and renamed into place, so a failed or interrupted
 * build leaves the previous output whole; paths that would leave the output
 * folder are refused.
 */
import {randomBytes} from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import {isInside, toPosix} from './paths.js'

export class OutputPathError extends Error {
  override name = 'OutputPathError'
}

export class OutputWriter {
  readonly outDir: string
  /**
   * Files written by this build, relative to `outDir` (POSIX), mapped to the
   * notes they came from (an image two notes use belongs to both), or `*`.
   */
  readonly written = new Map<string, Set<string>>()
  private readonly pending = new Set<string>()

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

  /**
   * Write atomically. `source` names the note the file belongs to
   * (content-relative path), or `*` for collection-wide files.
   */
  async write(relativePath: string, data: string | Uint8Array, source = '*'): Promise<string> {
    const target = this.resolve(relativePath)
    await fs.mkdir(path.dirname(target), {recursive: true})
    const temporary = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
    this.pending.add(temporary)
    try {
      await fs.writeFile(temporary, data)
      await fs.rename(temporary, target)
    } catch (error) {
      await fs.rm(temporary, {force: true})
      throw error
    } finally {
      this.pending.delete(temporary)
    }
    this.record(toPosix(path.relative(this.outDir, target)), source)
    return target
  }

  /** Note that `source` owns an output file, written now or by an earlier build that is still current. */
  record(relativePath: string, source: string): void {
    const owners = this.written.get(relativePath)
    if (owners) owners.add(source)
    else this.written.set(relativePath, new Set([source]))
  }

  /** Copy a file (an asset) atomically. */
  async copy(from: string, relativePath: string, source = '*'): Promise<string> {
    return this.write(relativePath, await fs.readFile(from), source)
  }

  /**
   * A temporary path inside the output folder for tools that write files
   * themselves (a browser printing a PDF); `commit` renames it into place.
   */
  async temporary(relativePath: string, source = '*'): Promise<{path: string; commit(): Promise<string>; discard(): Promise<void>}> {
    const target = this.resolve(relativePath)
    await fs.mkdir(path.dirname(target), {recursive: true})
    const temporary = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
    this.pending.add(temporary)
    return {
      path: temporary,
      commit: async () => {
        try {
          await fs.rename(temporary, target)
        } finally {
          this.pending.delete(temporary)
        }
        this.record(toPosix(path.relative(this.outDir, target)), source)
        return target
      },
      discard: async () => {
        this.pending.delete(temporary)
        await fs.rm(temporary, {force: true})
      }
    }
  }

  /** Remove temporary files of writes still under way (on abort). */
  async cleanup(): Promise<void> {
    const files = [...this.pending]
    this.pending.clear()
    await Promise.all(files.map((file) => fs.rm(file, {force: true, recursive: true})))
  }
}
