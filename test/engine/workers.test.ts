/** Worker threads change where notes are parsed and written, never what is written. */
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build} from '../../src/publish.js'
import type {BuildResult} from '../../src/report.js'
import {needs} from '../helpers/tools.js'
import {repoRoot, sampleContent, tempDir} from '../helpers/build.js'

/** The sample notes plus copies of the long one: enough notes for the pool. */
async function corpus(): Promise<string> {
  const content = path.join(await tempDir('quire-workers-'), 'content')
  await fs.cp(sampleContent, content, {recursive: true})
  const talk = await fs.readFile(path.join(sampleContent, 'nodeconfeu-2022.md'), 'utf8')
  for (let index = 1; index <= 9; index++) {
    await fs.mkdir(path.join(content, 'copies'), {recursive: true})
    // Each copy links to the glossary: their steps ask the graph about another note.
    await fs.writeFile(path.join(content, 'copies', `talk-${index}.md`), talk.replace(/^# (.*)$/m, `# $1, copy ${index}\n\nSee [the glossary](../glossary.md#lts).`))
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

async function same(a: BuildResult, b: BuildResult): Promise<void> {
  expect(b.errors).toBe(a.errors)
  expect(b.written).toEqual(a.written)
  expect(summary(b)).toEqual(summary(a))
  const one = await files(a.outDir)
  const two = await files(b.outDir)
  expect([...two.keys()].sort()).toEqual([...one.keys()].sort())
  for (const [file, bytes] of one) expect(two.get(file)!.equals(bytes), file).toBe(true)
}

describe('worker threads', () => {
  it('write byte-identical outputs and the same messages as a single-thread build', async () => {
    const content = await corpus()
    const run = async (workers: number) => build({cwd: repoRoot, config: {}, content, out: await tempDir(), formats: ['html', 'json', 'thread'], quiet: true, cache: false, workers})
    const single = await run(1)
    expect((await files(single.outDir)).size).toBeGreaterThan(12 * 4)
    // Notes that link to the glossary show its title: they waited for it in both builds.
    expect(await fs.readFile(path.join(single.outDir, 'html', 'copies-talk-3.html'), 'utf8')).toContain('title="Glossary"')
    await same(single, await run(2))
  })

  it('write the same as a build kept in the main thread by an emitter object in the config', async () => {
    const content = await corpus()
    const probe = {name: 'probe', description: '', writes: [], note() {}}
    const pooled = await build({cwd: repoRoot, config: {}, content, out: await tempDir(), formats: ['html', 'json', 'thread'], quiet: true, cache: false, workers: 2})
    const inThread = await build({cwd: repoRoot, config: {emitters: {probe}}, content, out: await tempDir(), formats: ['html', 'json', 'thread', 'probe'], quiet: true, cache: false, workers: 2})
    expect(inThread.written).toEqual(pooled.written)
    const a = await files(pooled.outDir)
    const b = await files(inThread.outDir)
    for (const [file, bytes] of a) expect(b.get(file)?.equals(bytes), file).toBe(true)
  })

  it('build EPUBs in workers byte-identical to one thread, and books of loaded notes', async () => {
    const content = await corpus()
    const run = async (workers: number, config: Record<string, unknown> = {}) => build({cwd: repoRoot, config, content, out: await tempDir(), formats: ['epub'], quiet: true, cache: false, workers})
    const threaded = await run(2)
    expect(threaded.written.filter((file) => file.endsWith('.epub'))).toHaveLength(12)
    await same(await run(1), threaded)

    const book = await run(2, {epub: {perNote: false, books: [{title: 'Both', files: ['glossary.md', 'reading-list.md']}]}})
    expect(book.errors).toBe(0)
    expect(book.written.filter((file) => file.endsWith('.epub'))).toEqual(['epub/both.epub'])
  }, 120_000)

  it('print PDFs from worker threads through the one browser, byte-identical to one thread', {...needs('chromium'), timeout: 120_000}, async () => {
    const saved = process.env.SOURCE_DATE_EPOCH
    process.env.SOURCE_DATE_EPOCH = '1665000000'
    try {
      const content = path.join(await tempDir('quire-workers-pdf-'), 'content')
      await fs.mkdir(content)
      await fs.cp(path.join(sampleContent, 'images'), path.join(content, 'images'), {recursive: true})
      for (let index = 1; index <= 9; index++) {
        await fs.writeFile(path.join(content, `handout-${index}.md`), `# Handout ${index}\n\nSee [the next one](handout-${(index % 9) + 1}.md).\n\n## Part\n\n![Checker](images/checker.png)\n`)
      }
      const run = async (workers: number) => build({cwd: repoRoot, config: {}, content, out: await tempDir(), formats: ['html', 'pdf'], quiet: true, cache: false, workers})
      const pooled = await run(3)
      expect(pooled.errors).toBe(0)
      expect(pooled.written.filter((file) => file.endsWith('.pdf'))).toHaveLength(9)
      await same(await run(1), pooled)
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH
      else process.env.SOURCE_DATE_EPOCH = saved
    }
  })
})
