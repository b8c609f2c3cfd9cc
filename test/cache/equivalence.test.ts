/**
 * An incremental build after edits writes exactly what a clean build of the
 * same notes writes: every format, PDFs included (SOURCE_DATE_EPOCH makes
 * them reproducible), with worker threads and the main-thread PDF path mixed.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {builtinFormats} from '../../src/emitters/registry.js'
import {build} from '../../src/publish.js'
import {repoRoot, sampleContent, tempDir} from '../helpers/build.js'
import {has, needs} from '../helpers/tools.js'
import {snapshot} from '../helpers/tree.js'

const savedEpoch = process.env.SOURCE_DATE_EPOCH
afterAll(() => {
  if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH
  else process.env.SOURCE_DATE_EPOCH = savedEpoch
})

describe('incremental builds', () => {
  // PDFs only with a browser: without one, the PDF test below says it was skipped.
  const formats = has('chromium') ? [...builtinFormats] : builtinFormats.filter((format) => format !== 'pdf')
  let incremental: Map<string, string>
  let clean: Map<string, string>

  beforeAll(async () => {
    process.env.SOURCE_DATE_EPOCH = '1665000000'
    const dir = await tempDir('quire-equivalence-')
    const content = path.join(dir, 'content')
    await fs.cp(sampleContent, content, {recursive: true})
    const talk = await fs.readFile(path.join(sampleContent, 'nodeconfeu-2022.md'), 'utf8')
    await fs.mkdir(path.join(content, 'copies'))
    for (let index = 1; index <= 9; index++) {
      await fs.writeFile(path.join(content, 'copies', `talk-${index}.md`), talk.replace(/^# (.*)$/m, `# $1, copy ${index}`))
    }
    const run = (out: string, cache: string | false) => build({cwd: repoRoot, config: {}, content, out, cache, formats, quiet: true, workers: 2})

    const incrementalOut = path.join(dir, 'incremental')
    const cache = path.join(dir, 'cache')
    expect((await run(incrementalOut, cache)).errors).toBe(0)

    await fs.writeFile(path.join(content, 'copies', 'talk-1.md'), talk.replace(/^# (.*)$/m, '# Retitled copy').replace('## Day 2', '## Day 2 (edited)'))
    await fs.rm(path.join(content, 'copies', 'talk-2.md'))
    await fs.writeFile(path.join(content, 'late.md'), '---\ntitle: Late note\ntags: [late]\n---\n\nSee [the glossary](../content/glossary.md).\n\n## Only section\n\n- one point\n')
    await fs.appendFile(path.join(content, 'glossary.md'), '\n## Added term\n\nDefined late.\n')
    const again = await run(incrementalOut, cache)
    expect(again.errors).toBe(0)
    // Incremental for real: untouched copies were not written again.
    expect(again.written.some((file) => file.includes('talk-5'))).toBe(false)

    const cleanOut = path.join(dir, 'clean')
    expect((await run(cleanOut, false)).errors).toBe(0)
    incremental = await snapshot(incrementalOut)
    clean = await snapshot(cleanOut)
  }, 180_000)

  const files = (tree: Map<string, string>, pdf: boolean) => [...tree.keys()].filter((file) => file.startsWith(`pdf${path.sep}`) === pdf).sort()

  it(`after edits, a new note and a deleted one, write what a clean build writes (${builtinFormats.filter((format) => format !== 'pdf').join(', ')})`, () => {
    expect(files(incremental, false)).toEqual(files(clean, false))
    expect(files(clean, false).length).toBeGreaterThan(40)
    for (const file of files(clean, false)) expect(incremental.get(file), file).toBe(clean.get(file))
  })

  it('and the same PDFs, byte for byte', needs('chromium'), () => {
    expect(files(incremental, true)).toEqual(files(clean, true))
    expect(files(clean, true)).toHaveLength(12)
    for (const file of files(clean, true)) expect(incremental.get(file), file).toBe(clean.get(file))
  })
})
