/**
 * The files a step writes, kept until the step returns: a step that throws
 * (or must run again once the graph is complete) leaves nothing behind, and
 * the engine knows every file and the note it belongs to.
 */
import fs from 'node:fs/promises'
import type {OutputFile} from '../cache/store.js'
import type {OutputFolder} from '../write.js'

type Entry = {readonly data: string | Uint8Array} | {readonly from: string}

export class Staged {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly folder: OutputFolder) {}

  /** Throws (in the step) for a path outside the output folder. */
  write(relativePath: string, data: string | Uint8Array): void {
    if (typeof data !== 'string' && !(data instanceof Uint8Array)) throw new TypeError(`write(${JSON.stringify(relativePath)}): data must be a string or a Uint8Array`)
    this.entries.set(this.folder.normalize(relativePath), {data})
  }

  copy(from: string, relativePath: string): void {
    this.entries.set(this.folder.normalize(relativePath), {from})
  }

  /** Write everything, in path order; a file that cannot be written goes to `fail`, the others are still written. */
  async flush(fail: (error: unknown) => void): Promise<OutputFile[]> {
    const written: OutputFile[] = []
    const paths = [...this.entries.keys()].sort()
    await Promise.all(
      paths.map(async (relativePath) => {
        const entry = this.entries.get(relativePath)!
        try {
          const data = 'data' in entry ? entry.data : await fs.readFile(entry.from)
          written.push(await this.folder.write(relativePath, data))
        } catch (error) {
          fail(error)
        }
      })
    )
    this.entries.clear()
    return written.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  }
}
