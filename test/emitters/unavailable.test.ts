/** A format that cannot run at all fails once for the build, not once per note; the other formats still build. */
import {describe, expect, it} from 'vitest'
import {defineEmitter, FormatUnavailableError} from '../../src/emitters/types.js'
import {build} from '../../src/publish.js'
import {repoRoot, sampleContent, tempDir} from '../helpers/build.js'

describe('FormatUnavailableError', () => {
  it.each([true, false])('gives one build message, fails the notes for that format only, and stops calling it (incremental: %s)', async (incremental) => {
    let calls = 0
    const broken = defineEmitter({
      name: 'broken',
      description: 'a format whose tool is missing',
      writes: [],
      incremental,
      start: () => ({
        async document() {
          calls++
          throw new FormatUnavailableError('the frobnicator is not installed')
        }
      })
    })
    const result = await build({cwd: repoRoot, config: {emitters: {broken}}, content: sampleContent, out: await tempDir(), cache: false, formats: ['html', 'broken'], quiet: true})
    expect(calls).toBe(1)
    expect(result.messages.map((message) => `${message.reason} ${message.ruleId}`)).toEqual(['broken: the frobnicator is not installed broken-failed'])
    expect(result.notes.flatMap((note) => note.messages)).toEqual([])
    expect(result.errors).toBe(1)
    expect(result.notes.every((note) => !note.built)).toBe(true)
    expect(result.written.filter((file) => /^html\/[^/]+\.html$/.test(file))).toHaveLength(4)
  })
})
