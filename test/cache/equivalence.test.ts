/**
 * An incremental build after edits writes exactly what a clean build of the
 * same notes writes: every format, PDFs included (SOURCE_DATE_EPOCH makes
 * them reproducible), with worker threads and the main-thread PDF path mixed.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {builtinFormats} from '../../src/emitters/registry.js'
import {build} from '../../src/publish.js'
import {pdfToolsAvailable} from '../emitters/pdf/tools.js'
import {repoRoot, sampleContent, tempDir} from '../helpers/build.js'
import {snapshot} from '../helpers/tree.js'

const savedEpoch = process.env.SOURCE_DATE_EPOCH
beforeEach(() => {
  process.env.SOURCE_DATE_EPOCH = '1665000000'
})
afterEach(() => {
  if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH
  else process.env.SOURCE_DATE_EPOCH = savedEpoch
})

describe('incremental builds', () => {
  const formats = pdfToolsAvailable ? [...builtinFormats] : builtinFormats.filter((format) => format !== 'pdf')

  it(`after edits, a new note and a deleted one, write what a clean build writes (${formats.join(', ')})`, async () => {
    const dir = await tempDir('quire-equivalence-')
    const content = path.join(dir, 'content')
    await fs.cp(sampleContent, content, {recursive: true})
    const talk = await fs.readFile(path.join(sampleContent, 'nodeconfeu-2022.md'), 'utf8')
    await fs.mkdir(path.join(content, 'copies'))
    for (let index = 1; index <= 9; index++) {
      await fs.writeFile(path.join(content, 'copies', `talk-${index}.md`), talk.replace(/^# (.*)$/m, `# $1, copy ${index}`))
    }
    const run = (out: string, cache: string | false) => build({cwd: repoRoot, config: {}, content, out, cache, formats, quiet: true, workers: 2})

    const incremental = path.join(dir, 'incremental')
    const cache = path.join(dir, 'cache')
    expect((await run(incremental, cache)).errors).toBe(0)

    await fs.writeFile(path.join(content, 'copies', 'talk-1.md'), talk.replace(/^# (.*)$/m, '# Retitled copy').replace('## Day 2', '## Day 2 (edited)'))
    await fs.rm(path.join(content, 'copies', 'talk-2.md'))
    await fs.writeFile(path.join(content, 'late.md'), '---\ntitle: Late note\ntags: [late]\n---\n\nSee [the glossary](../content/glossary.md).\n\n## Only section\n\n- one point\n')
    await fs.appendFile(path.join(content, 'glossary.md'), '\n## Added term\n\nDefined late.\n')
    const again = await run(incremental, cache)
    expect(again.errors).toBe(0)
    // Incremental for real: untouched copies were not written again.
    expect(again.written.some((file) => file.includes('talk-5'))).toBe(false)

    const clean = path.join(dir, 'clean')
    expect((await run(clean, false)).errors).toBe(0)
    const a = await snapshot(incremental)
    const b = await snapshot(clean)
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort())
    for (const [file, hash] of b) expect(a.get(file), file).toBe(hash)
  }, 180_000)
})
