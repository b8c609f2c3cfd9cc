/**
 * Helpers for the EPUB tests: open an EPUB, read its navigation as a tree,
 * run epubcheck and pandoc. A test that runs them says so with
 * `needs('epubcheck')` or `needs('pandoc')` (`test/helpers/tools.ts`): a
 * missing one skips it, and fails it in CI.
 */
import {execFile} from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import JSZip from 'jszip'
import {defineEmitter} from '../../../src/emitters/types.js'
import type {QuireDocument} from '../../../src/model.js'

const run = promisify(execFile)

export const epubcheckJar = process.env.EPUBCHECK_JAR ?? '/usr/share/java/epubcheck.jar'

export interface EpubcheckResult {
  readonly file: string
  readonly errors: number
  readonly warnings: number
  readonly fatals: number
  /** `ID severity location message` lines, for readable assertion failures. */
  readonly messages: readonly string[]
}

/** epubcheck one file (a JVM per file; ~1–2 s on an idle machine). */
export async function epubcheck(file: string): Promise<EpubcheckResult> {
  const report = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'quire-epubcheck-')), 'report.json')
  // Exit code 1 means "messages found": the JSON report says which.
  await run('java', ['-jar', epubcheckJar, file, '--json', report], {maxBuffer: 16 * 1024 * 1024}).catch((error: {code?: unknown}) => {
    if (typeof error.code !== 'number') throw error
  })
  const json = JSON.parse(await fs.readFile(report, 'utf8')) as {
    checker: {nFatal: number; nError: number; nWarning: number}
    messages: Array<{ID: string; severity: string; message: string; locations: Array<{path: string; line: number; column: number}>}>
  }
  return {
    file,
    fatals: json.checker.nFatal,
    errors: json.checker.nError,
    warnings: json.checker.nWarning,
    messages: json.messages.map((message) => `${message.ID} ${message.severity} ${message.locations.map((place) => `${place.path}:${place.line}:${place.column}`).join(' ')} ${message.message}`)
  }
}

/** epubcheck several files, two JVMs at a time. */
export async function epubcheckAll(files: readonly string[]): Promise<EpubcheckResult[]> {
  const results: EpubcheckResult[] = new Array(files.length)
  let next = 0
  await Promise.all(
    Array.from({length: Math.min(2, files.length)}, async () => {
      while (next < files.length) {
        const index = next++
        results[index] = await epubcheck(files[index]!)
      }
    })
  )
  return results
}

export async function pandocPlain(file: string): Promise<string> {
  const {stdout} = await run('pandoc', ['-f', 'epub', '-t', 'plain', '--wrap=none', file], {maxBuffer: 16 * 1024 * 1024})
  return stdout
}

export interface OpenedEpub {
  readonly zip: JSZip
  readonly bytes: Buffer
  text(name: string): Promise<string>
  names(): string[]
}

export async function openEpub(bytes: Buffer): Promise<OpenedEpub> {
  const zip = await JSZip.loadAsync(bytes)
  return {
    zip,
    bytes,
    async text(name) {
      const file = zip.file(name)
      if (!file) throw new Error(`No ${name} in the EPUB (has: ${Object.keys(zip.files).join(', ')})`)
      return file.async('string')
    },
    names: () => Object.values(zip.files).filter((file) => !file.dir).map((file) => file.name)
  }
}

export interface TocNode {
  readonly label: string
  readonly href: string
  readonly children: TocNode[]
}

/** The `epub:type="toc"` nav of a navigation document as a tree. */
export function parseNav(xhtml: string): TocNode[] {
  const nav = /<nav[^>]*epub:type="toc"[^>]*>([\s\S]*?)<\/nav>/.exec(xhtml)
  if (!nav) throw new Error('No toc nav')
  const root: TocNode[] = []
  const stack: TocNode[][] = []
  let current: TocNode[] | undefined
  let last: TocNode | undefined
  for (const match of nav[1]!.matchAll(/<ol>|<\/ol>|<a href="([^"]*)">([\s\S]*?)<\/a>/g)) {
    if (match[0] === '<ol>') {
      stack.push(current ?? root)
      current = current === undefined ? root : last!.children
    } else if (match[0] === '</ol>') {
      current = stack.pop()
    } else {
      last = {label: decodeXml(match[2]!), href: decodeXml(match[1]!), children: []}
      current!.push(last)
    }
  }
  return root
}

export function decodeXml(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, '&')
}

/** `depth label` lines of a tree, for readable comparisons. */
export function flatten(nodes: ReadonlyArray<{label?: string; text?: string; children: readonly unknown[]}>, depth = 1): string[] {
  return nodes.flatMap((node) => [`${depth} ${node.label ?? node.text}`, ...flatten(node.children as typeof nodes, depth + 1)])
}

/** A third-party emitter that keeps the documents a build parsed, for comparing outputs with the model. */
export function captureEmitter(): {emitter: ReturnType<typeof defineEmitter>; documents: Map<string, QuireDocument>} {
  const documents = new Map<string, QuireDocument>()
  const emitter = defineEmitter({
    name: 'capture',
    description: 'test helper',
    writes: [],
    note(doc) {
      documents.set(doc.slug, doc)
    }
  })
  return {emitter, documents}
}

/** Every `.epub` under a folder. */
export async function epubFiles(out: string): Promise<string[]> {
  const folder = path.join(out, 'epub')
  return (await fs.readdir(folder)).filter((name) => name.endsWith('.epub')).sort().map((name) => path.join(folder, name))
}

/** The raw local file header of the first zip entry. */
export function firstEntry(bytes: Buffer): {name: string; method: number; extraLength: number; content: string} {
  if (bytes.readUInt32LE(0) !== 0x04034b50) throw new Error('Not a zip local file header')
  const method = bytes.readUInt16LE(8)
  const nameLength = bytes.readUInt16LE(26)
  const extraLength = bytes.readUInt16LE(28)
  const name = bytes.subarray(30, 30 + nameLength).toString('latin1')
  const size = bytes.readUInt32LE(18)
  const content = bytes.subarray(30 + nameLength + extraLength, 30 + nameLength + extraLength + size).toString('latin1')
  return {name, method, extraLength, content}
}
