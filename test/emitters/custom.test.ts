/** A third-party emitter, loaded from the config by module path, works end to end. */
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build} from '../../src/publish.js'
import {defineEmitter} from '../../src/emitters/types.js'
import {fixturesDir, tempDir} from '../helpers/build.js'

const fixture = path.join(fixturesDir, 'custom-emitter')

describe('custom emitters', () => {
  it('runs an emitter module named in the config, with its options and the user remark plugin', async () => {
    const out = await tempDir()
    const result = await build({cwd: fixture, out})
    expect(result.errors).toBe(0)
    expect(await fs.readFile(path.join(out, 'txt', 'a.txt'), 'utf8')).toBe('Custom\n* FIRST PART!\n  * DETAIL!\n* SECOND PART!\n')
    expect(await fs.readFile(path.join(out, 'txt', 'index.txt'), 'utf8')).toBe('Another note\nCustom\n')
    expect(result.written).toEqual(['txt/a.txt', 'txt/b.txt', 'txt/index.txt'])
  })

  it('accepts an emitter object in a programmatic config, and reports a failing note without stopping the others', async () => {
    const out = await tempDir()
    const flaky = defineEmitter({
      name: 'flaky',
      description: 'fails on one note',
      writes: ['flaky/<slug>.txt'],
      start: (context) => ({
        async document(doc) {
          if (doc.slug === 'a') throw new Error('cannot render this one')
          await context.output.write(`flaky/${doc.slug}.txt`, doc.meta.title, doc.relativePath)
        }
      })
    })
    const result = await build({cwd: fixture, out, config: {content: 'content', emitters: {flaky}}, formats: ['flaky']})
    expect(result.errors).toBe(1)
    const failed = result.notes.find((note) => note.path.endsWith('a.md'))!
    expect(failed.built).toBe(false)
    expect(failed.messages.map((message) => [message.reason, message.ruleId])).toEqual([['flaky: cannot render this one', 'flaky-failed']])
    expect(await fs.readFile(path.join(out, 'flaky', 'b.txt'), 'utf8')).toBe('Another note')
  })

  it('refuses an emitter that mutates the frozen document', async () => {
    const mutate = defineEmitter({
      name: 'mutate',
      description: 'tries to change the model',
      writes: [],
      start: () => ({
        async document(doc) {
          ;(doc.meta as {title: string}).title = 'changed'
        }
      })
    })
    const result = await build({cwd: fixture, out: await tempDir(), config: {content: 'content', emitters: {mutate}}, formats: ['mutate']})
    expect(result.errors).toBe(2)
    expect(result.notes[0]!.messages[0]!.reason).toMatch(/mutate: Cannot assign to read only property 'title'/)
  })

  it('refuses an emitter whose name does not match its key', async () => {
    const other = defineEmitter({name: 'other', description: '', writes: [], start: () => ({})})
    await expect(build({cwd: fixture, out: await tempDir(), config: {content: 'content', emitters: {mine: other}}, formats: ['mine']})).rejects.toThrow(
      /`emitters.mine`: the module's emitter is named `other`, not `mine`/
    )
  })
})
