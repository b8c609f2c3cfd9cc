/** Worker threads change where notes are parsed and emitted, never what is written. */
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it, vi} from 'vitest'
import {build} from '../../src/publish.js'
import type {BuildResult} from '../../src/report.js'
import {repoRoot, sampleContent, tempDir} from '../helpers/build.js'

const spawned = vi.hoisted(() => ({count: 0}))
vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:worker_threads')>()
  class CountingWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args)
      spawned.count++
    }
  }
  return {...actual, Worker: CountingWorker}
})

/** The sample notes plus copies of the long one: enough notes for the pool. */
async function corpus(): Promise<string> {
  const content = path.join(await tempDir('quire-workers-'), 'content')
  await fs.cp(sampleContent, content, {recursive: true})
  const talk = await fs.readFile(path.join(sampleContent, 'nodeconfeu-2022.md'), 'utf8')
  for (let index = 1; index <= 9; index++) {
    await fs.mkdir(path.join(content, 'copies'), {recursive: true})
    await fs.writeFile(path.join(content, 'copies', `talk-${index}.md`), talk.replace(/^# (.*)$/m, `# $1, copy ${index}`))
  }
  return content
}

async function files(out: string): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>()
  for (const entry of await fs.readdir(out, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    found.set(path.relative(out, full), await fs.readFile(full))
  }
  return found
}

const summary = (result: BuildResult) =>
  result.notes.map((note) => [note.path, note.built, note.messages.map((message) => `${message.line}:${message.column} ${String(message.fatal)} ${message.reason} ${message.ruleId}`)])

describe('worker threads', () => {
  it('write byte-identical outputs and the same messages as a single-thread build', async () => {
    const content = await corpus()
    const build1 = async (workers: number) => {
      const out = await tempDir()
      const result = await build({cwd: repoRoot, config: {}, content, out, formats: ['html', 'json', 'thread'], quiet: true, cache: false, workers})
      return {out, result}
    }
    const before = spawned.count
    const single = await build1(1)
    expect(spawned.count).toBe(before)
    const threaded = await build1(2)
    expect(spawned.count).toBe(before + 2)

    expect(threaded.result.errors).toBe(single.result.errors)
    expect(threaded.result.written).toEqual(single.result.written)
    expect(summary(threaded.result)).toEqual(summary(single.result))
    const a = await files(single.out)
    const b = await files(threaded.out)
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort())
    expect(a.size).toBeGreaterThan(12 * 4)
    for (const [file, bytes] of a) expect(b.get(file)!.equals(bytes), file).toBe(true)
  })

  it('stay in the main thread for an emitter object given in the config', async () => {
    const content = await corpus()
    const before = spawned.count
    const seen: string[] = []
    const result = await build({
      cwd: repoRoot,
      config: {emitters: {probe: {name: 'probe', description: '', writes: [], workerSafe: true, start: () => ({document: async (doc: {slug: string}) => void seen.push(doc.slug)})}}},
      content,
      out: await tempDir(),
      formats: ['html', 'probe'],
      quiet: true,
      cache: false,
      workers: 2
    })
    expect(result.errors).toBe(0)
    expect(seen).toHaveLength(12)
    expect(spawned.count).toBe(before)
  })

  it('light documents give the collection hooks the same index as full documents', async () => {
    const content = await corpus()
    // A format without workerSafe puts the whole build on the full-document path.
    const probe = {name: 'probe', description: '', writes: [], start: () => ({})}
    const light = await build({cwd: repoRoot, config: {}, content, out: await tempDir(), formats: ['html', 'json', 'thread'], quiet: true, cache: false})
    const full = await build({cwd: repoRoot, config: {emitters: {probe}}, content, out: await tempDir(), formats: ['html', 'json', 'thread', 'probe'], quiet: true, cache: false})
    expect(light.written).toEqual(full.written)
    expect(summary(light)).toEqual(summary(full))
    const a = await files(light.outDir)
    const b = await files(full.outDir)
    for (const [file, bytes] of a) expect(b.get(file)?.equals(bytes), file).toBe(true)
  })

  it('build EPUBs in workers, byte-identical to the full path; books keep the build on the full path', async () => {
    const content = await corpus()
    const probe = {name: 'probe', description: '', writes: [], start: () => ({})}
    const before = spawned.count
    const threaded = await build({cwd: repoRoot, config: {}, content, out: await tempDir(), formats: ['epub'], quiet: true, cache: false, workers: 2})
    expect(spawned.count).toBe(before + 2)
    const full = await build({cwd: repoRoot, config: {emitters: {probe}}, content, out: await tempDir(), formats: ['epub', 'probe'], quiet: true, cache: false, workers: 2})
    expect(spawned.count).toBe(before + 2)
    expect(threaded.written.filter((file) => file.endsWith('.epub'))).toHaveLength(12)
    expect(threaded.written).toEqual(full.written)
    expect(summary(threaded)).toEqual(summary(full))
    const a = await files(threaded.outDir)
    const b = await files(full.outDir)
    for (const [file, bytes] of a) expect(b.get(file)?.equals(bytes), file).toBe(true)

    const book = await build({
      cwd: repoRoot,
      config: {epub: {perNote: false, books: [{title: 'Both', files: ['glossary.md', 'reading-list.md']}]}},
      content,
      out: await tempDir(),
      formats: ['epub'],
      quiet: true,
      cache: false,
      workers: 2
    })
    expect(spawned.count).toBe(before + 2)
    expect(book.errors).toBe(0)
    expect(book.written.filter((file) => file.endsWith('.epub'))).toEqual(['epub/both.epub'])
  }, 120_000)
})
