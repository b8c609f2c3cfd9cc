/**
 * Build messages that say the same thing wherever they occur are kept once
 * per build, on their first place, with a count of the others.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build} from '../../src/publish.js'
import type {BuildResult} from '../../src/report.js'
import {repoRoot, tempDir} from '../helpers/build.js'

const fence = (lang: string) => '```' + lang + '\nsome code\n```\n'
const vault: Record<string, string> = {
  'a.md': `# A\n\n${fence('klingon')}\n${fence('klingon')}\n${fence('elvish')}`,
  'b.md': `# B\n\n${fence('klingon')}`,
  'c.md': `# C\n\n${fence('js')}`
}

const languageWarnings = (result: BuildResult) =>
  result.notes.flatMap((note) =>
    note.messages.filter((message) => message.ruleId === 'missing-language').map((message) => `${path.basename(note.path)}:${message.line} ${message.reason}`)
  )

describe.each([1, 2])('messages once per build (workers: %i)', (workers) => {
  it('keeps one warning per unknown language, on its first place, counting the rest — cached or not', async () => {
    const dir = await tempDir('quire-once-')
    const content = path.join(dir, 'content')
    await fs.mkdir(content)
    for (const [name, text] of Object.entries(vault)) await fs.writeFile(path.join(content, name), text)
    const run = () => build({cwd: repoRoot, config: {}, content, out: path.join(dir, 'out'), cache: path.join(dir, 'cache'), formats: ['html', 'json'], quiet: true, workers})
    const expected = [expect.stringMatching(/^a\.md:3 .*klingon.*\(and in 2 more places\)$/), expect.stringMatching(/^a\.md:11 .*elvish[^(]*$/)]
    const first = await run()
    expect(languageWarnings(first)).toEqual(expected)
    expect(first.warnings).toBe(2)
    const second = await run()
    expect(languageWarnings(second)).toEqual(expected)
  })
})
