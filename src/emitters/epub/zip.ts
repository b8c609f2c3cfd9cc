/**
 * Re-pack an EPUB zip so two builds of the same input are byte-identical
 * and reading systems accept it: `mimetype` first and stored (no
 * compression, no extra field), then the container, the package document
 * and every other entry in a fixed order, all with one fixed timestamp and
 * no folder entries.
 */
import JSZip from 'jszip'

export interface ExtraEntry {
  /** Path inside the zip (`OEBPS/images/01-a.png`). */
  readonly path: string
  readonly data: Uint8Array | string
}

const mimetype = 'application/epub+zip'

export async function repack(input: Uint8Array, extra: readonly ExtraEntry[], date: Date): Promise<Uint8Array> {
  const source = await JSZip.loadAsync(input)
  const entries = new Map<string, Uint8Array | string>()
  for (const file of Object.values(source.files)) {
    if (file.dir || file.name === 'mimetype') continue
    entries.set(file.name, await file.async('uint8array'))
  }
  for (const entry of extra) entries.set(entry.path, entry.data)

  const out = new JSZip()
  out.file('mimetype', mimetype, {compression: 'STORE', date, createFolders: false})
  for (const name of [...entries.keys()].sort(entryOrder)) {
    out.file(name, entries.get(name)!, {compression: 'DEFLATE', compressionOptions: {level: 9}, date, createFolders: false})
  }
  return out.generateAsync({type: 'uint8array', platform: 'DOS', streamFiles: false})
}

/** Container first, then the package document, then the rest by name. */
function entryOrder(a: string, b: string): number {
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)
}

function rank(name: string): number {
  if (name === 'META-INF/container.xml') return 0
  if (name.endsWith('.opf')) return 1
  return 2
}
