/** A format that cannot run at all fails once for the build, not once per note; the other formats still build. */
import {describe, expect, it} from 'vitest'
import {defineEmitter, FormatUnavailableError} from '../../src/emitters/types.js'
import {build} from '../../src/publish.js'
import {repoRoot, sampleContent, tempDir, isSiteFile} from '../helpers/build.js'

describe('FormatUnavailableError', () => {
  it('gives one build message, fails the notes for that format only, and stops calling it', async () => {
    let calls = 0
    const broken = defineEmitter({
      name: 'broken',
      description: 'a format whose tool is missing',
      writes: [],
      note() {
        calls++
        throw new FormatUnavailableError('the frobnicator is not installed')
      }
    })
    const result = await build({cwd: repoRoot, config: {emitters: {broken}}, content: sampleContent, out: await tempDir(), cache: false, formats: ['html', 'broken'], quiet: true})
    expect(calls).toBe(1)
    expect(result.messages.map((message) => `${message.reason} ${message.ruleId}`)).toEqual(['broken: the frobnicator is not installed broken-failed'])
    expect(result.notes.flatMap((note) => note.messages)).toEqual([])
    expect(result.errors).toBe(1)
    expect(result.notes.every((note) => !note.built)).toBe(true)
    expect(result.written.filter((file) => /^html\/[^/]+\.html$/.test(file) && !isSiteFile(file))).toHaveLength(3)
  })

  it('counts a resource that cannot open as the format being unavailable: one message, no collection step', async () => {
    let opened = 0
    let collected = false
    const printer = defineEmitter({
      name: 'printer',
      description: 'prints with a tool that is missing',
      writes: ['printer/<slug>.txt'],
      resources: {
        tool: async () => {
          opened++
          throw new Error('no tool on this machine')
        }
      },
      async note(doc, context) {
        await context.resource<{run(): string}>('tool').run()
        context.write(`printer/${doc.slug}.txt`, 'never')
      },
      collection() {
        collected = true
      }
    })
    const result = await build({cwd: repoRoot, config: {emitters: {printer}}, content: sampleContent, out: await tempDir(), cache: false, formats: ['html', 'printer'], quiet: true})
    expect(opened).toBe(1)
    expect(collected).toBe(false)
    expect(result.messages.map((message) => `${message.reason} ${message.ruleId}`)).toEqual(['printer: no tool on this machine printer-failed'])
    expect(result.written.some((file) => file.startsWith('printer/'))).toBe(false)
    expect(result.written.filter((file) => /^html\/[^/]+\.html$/.test(file) && !isSiteFile(file))).toHaveLength(3)
  })
})
