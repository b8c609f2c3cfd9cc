/**
 * Third-party emitters, loaded from the config by module path or given as
 * objects, use the one contract built-in formats use, wherever their
 * notes run: their files are recorded, listed and cleaned like quire's own.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build} from '../../src/publish.js'
import {defineEmitter} from '../../src/emitters/types.js'
import {readManifest} from '../../src/manifest.js'
import {fixturesDir, tempDir} from '../helpers/build.js'
import {listFiles} from '../helpers/tree.js'

const fixture = path.join(fixturesDir, 'custom-emitter')

/** The fixture project with `count` more notes, so a build has enough of them for worker threads. */
async function biggerProject(count: number): Promise<string> {
  const dir = await tempDir('quire-custom-')
  await fs.cp(fixture, dir, {recursive: true})
  await fs.rm(path.join(dir, 'out'), {recursive: true, force: true})
  for (let index = 1; index <= count; index++) await fs.writeFile(path.join(dir, 'content', `extra-${index}.md`), `# Extra ${index}\n\n## Part ${index}\n\nText.\n`)
  return dir
}

describe('custom emitters', () => {
  it('runs an emitter module named in the config, with its options and the user remark plugin', async () => {
    const out = await tempDir()
    const result = await build({cwd: fixture, out, cache: false})
    expect(result.errors).toBe(0)
    expect(await fs.readFile(path.join(out, 'txt', 'a.txt'), 'utf8')).toBe('Custom\n* FIRST PART!\n  * DETAIL!\n* SECOND PART!\n')
    expect(await fs.readFile(path.join(out, 'txt', 'index.txt'), 'utf8')).toBe('Another note\nCustom\n')
    expect(result.written).toEqual(['txt/a.txt', 'txt/b.txt', 'txt/index.txt'])
  })

  it.each([
    ['in worker threads', 2],
    ['in the main thread', 1]
  ])('records the files of the README emitter %s: listed in the result and the manifest, removed by --clean', async (_where, workers) => {
    const dir = await biggerProject(10)
    const out = path.join(dir, 'out')
    const result = await build({cwd: dir, out, cache: false, workers})
    expect(result.errors).toBe(0)
    const perNote = ['a', 'b', ...Array.from({length: 10}, (_, index) => `extra-${index + 1}`)].map((slug) => `txt/${slug}.txt`)
    expect(result.written).toEqual([...perNote, 'txt/index.txt'].sort())
    const manifest = await readManifest(out)
    expect(manifest.files['txt/a.txt']).toBe('a.md')
    expect(manifest.files['txt/extra-3.txt']).toBe('extra-3.md')
    expect(manifest.files['txt/index.txt']).toBe('*')

    await fs.writeFile(path.join(out, 'mine.txt'), 'kept\n')
    await fs.rm(path.join(dir, 'content', 'extra-1.md'))
    await fs.rm(path.join(dir, 'content', 'extra-2.md'))
    const cleaned = await build({cwd: dir, out, cache: false, workers, clean: true})
    expect(cleaned.errors).toBe(0)
    const left = await listFiles(out)
    expect(left).toContain('mine.txt')
    expect(left.filter((file) => /extra-[12]\.txt$/.test(file))).toEqual([])
    expect(left).toContain(path.join('txt', 'extra-3.txt'))
  })

  it('runs in worker threads when it is a module, in the main thread when it is an object', async () => {
    const dir = await biggerProject(10)
    const log = path.join(dir, 'threads.log')
    await fs.writeFile(
      path.join(dir, 'probe-emitter.mjs'),
      `import fs from 'node:fs'\nimport {isMainThread} from 'node:worker_threads'\nexport default {name: 'probe', description: '', writes: [], note() { fs.appendFileSync(${JSON.stringify(log)}, isMainThread ? 'main\\n' : 'worker\\n') }}\n`
    )
    await fs.writeFile(path.join(dir, 'quire.config.mjs'), "export default {content: 'content', formats: ['probe'], emitters: {probe: './probe-emitter.mjs'}}\n")
    expect((await build({cwd: dir, out: path.join(dir, 'out'), cache: false, workers: 2})).errors).toBe(0)
    const threads = (await fs.readFile(log, 'utf8')).trim().split('\n')
    expect(threads).toHaveLength(12)
    expect(new Set(threads)).toEqual(new Set(['worker']))

    const seen: string[] = []
    const probe = defineEmitter({name: 'probe', description: '', writes: [], note: (doc) => void seen.push(doc.slug)})
    expect((await build({cwd: dir, config: {content: 'content', emitters: {probe}}, formats: ['probe'], out: path.join(dir, 'out2'), cache: false, workers: 2})).errors).toBe(0)
    expect(seen).toHaveLength(12)
  })

  it('opens a resource once for the build, in the main thread, and lets note steps in worker threads call it', async () => {
    const dir = await biggerProject(10)
    const log = path.join(dir, 'opens.log')
    await fs.writeFile(
      path.join(dir, 'stamp-emitter.mjs'),
      [
        "import fs from 'node:fs'",
        "import {isMainThread} from 'node:worker_threads'",
        'export default {',
        "  name: 'stamp', description: '', writes: ['stamp/<slug>.txt'],",
        '  resources: {',
        '    stamper: async () => {',
        `      fs.appendFileSync(${JSON.stringify(log)}, (isMainThread ? 'main' : 'worker') + '\\n')`,
        "      return {stamp: async (text) => `stamped ${text.toUpperCase()}`, close: async () => fs.appendFileSync(" + JSON.stringify(log) + ", 'closed\\n')}",
        '    }',
        '  },',
        '  async note(doc, context) {',
        "    context.write(`stamp/${doc.slug}.txt`, await context.resource('stamper').stamp(doc.meta.title) + (isMainThread ? '' : ' (from a worker)'))",
        '  }',
        '}'
      ].join('\n') + '\n'
    )
    await fs.writeFile(path.join(dir, 'quire.config.mjs'), "export default {content: 'content', formats: ['stamp'], emitters: {stamp: './stamp-emitter.mjs'}}\n")
    // Three workers: one core is left to the resource, two threads build notes.
    const result = await build({cwd: dir, out: path.join(dir, 'out'), cache: false, workers: 3})
    expect(result.errors).toBe(0)
    expect(await fs.readFile(path.join(dir, 'out', 'stamp', 'extra-4.txt'), 'utf8')).toBe('stamped EXTRA 4 (from a worker)')
    expect((await fs.readFile(log, 'utf8')).trim().split('\n')).toEqual(['main', 'closed'])
  })

  it('gives collection() only the notes this format built, whichever other format failed them', async () => {
    const collected: Record<string, string[]> = {}
    const make = (name: string, failOn?: string, asyncPrepare = false) =>
      defineEmitter({
        name,
        description: '',
        writes: [`${name}/<slug>.txt`],
        ...(asyncPrepare ? {prepare: async () => 'ready'} : {}),
        note(doc, context) {
          if (doc.slug === failOn) throw new Error(`cannot write ${doc.slug}`)
          context.write(`${name}/${doc.slug}.txt`, doc.meta.title)
        },
        collection(notes) {
          collected[name] = notes.map((note) => note.slug)
        }
      })
    const emitters = {fails: make('fails', 'a'), sync: make('sync'), later: make('later', undefined, true)}
    const result = await build({cwd: fixture, config: {content: 'content', emitters}, formats: ['fails', 'sync', 'later'], out: await tempDir(), cache: false})
    // In collection order: the titles are “Another note” (b.md) and “Custom” (a.md).
    expect(collected).toEqual({fails: ['b'], sync: ['b', 'a'], later: ['b', 'a']})
    expect(result.written).toEqual(['fails/b.txt', 'later/a.txt', 'later/b.txt', 'sync/a.txt', 'sync/b.txt'])
    const a = result.notes.find((note) => note.path.endsWith('a.md'))!
    expect(a.built).toBe(false)
    expect(a.messages.map((message) => [message.reason, message.ruleId, message.line])).toEqual([['fails: cannot write a', 'fails-failed', undefined]])
  })

  it('writes nothing of a step that throws, and refuses paths outside the output folder', async () => {
    const out = await tempDir()
    const halfway = defineEmitter({
      name: 'halfway',
      description: '',
      writes: [],
      note(doc, context) {
        context.write(`halfway/${doc.slug}.first.txt`, 'one')
        context.write(doc.slug === 'a' ? '../escaped.txt' : `halfway/${doc.slug}.second.txt`, 'two')
      }
    })
    const result = await build({cwd: fixture, config: {content: 'content', emitters: {halfway}}, formats: ['halfway'], out, cache: false})
    expect(result.written).toEqual(['halfway/b.first.txt', 'halfway/b.second.txt'])
    const a = result.notes.find((note) => note.path.endsWith('a.md'))!
    expect(a.messages.map((message) => message.reason)).toEqual(['halfway: Output path leaves the output folder: ../escaped.txt'])
    await expect(fs.access(path.join(out, '..', 'escaped.txt'))).rejects.toThrow()
  })

  it('refuses an emitter that mutates the frozen document', async () => {
    const mutate = defineEmitter({
      name: 'mutate',
      description: 'tries to change the model',
      writes: [],
      note(doc) {
        ;(doc.meta as {title: string}).title = 'changed'
      }
    })
    const result = await build({cwd: fixture, out: await tempDir(), config: {content: 'content', emitters: {mutate}}, formats: ['mutate'], cache: false})
    expect(result.errors).toBe(2)
    expect(result.notes[0]!.messages[0]!.reason).toMatch(/mutate: Cannot assign to read only property 'title'/)
  })

  it('refuses an emitter whose name does not match its key, and one written for the old start() contract', async () => {
    const other = defineEmitter({name: 'other', description: '', writes: [], note() {}})
    await expect(build({cwd: fixture, out: await tempDir(), config: {content: 'content', emitters: {mine: other}}, formats: ['mine']})).rejects.toThrow(
      /`emitters.mine`: the module's emitter is named `other`, not `mine`/
    )
    const old = {name: 'old', description: '', writes: [], start: () => ({})}
    await expect(build({cwd: fixture, out: await tempDir(), config: {content: 'content', emitters: {old}}, formats: ['old']})).rejects.toThrow(
      /`emitters.old`: this emitter has `start\(\)`, the contract before quire 0.2; write `note\(doc, context\)`/
    )
  })
})
