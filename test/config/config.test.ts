import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {run} from '../../src/cli/run.js'
import {fixturesDir, tempDir} from '../helpers/build.js'

const configs = path.join(fixturesDir, 'configs')

async function runIn(cwd: string, argv: string[]) {
  const stdout: string[] = []
  const stderr: string[] = []
  const code = await run({argv, cwd, stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line), interactive: false, color: false})
  return {code, stdout: stdout.join('\n'), stderr: stderr.join('\n')}
}

describe('config errors exit 2 and name the key and the file', () => {
  it.each([
    ['unknown-key', /quire\.config\.json: unknown key `sitee`/],
    ['wrong-type', /quire\.config\.json: `site\.url`: Invalid URL/],
    ['unknown-format', /Unknown format `docx` \(available: .*\)/],
    ['broken', /quire\.config\.json: invalid JSON/],
    ['throwing-plugin', /quire\.config\.mjs: `markdown\.remarkPlugins\[0\]`: module `\.\/plugin\.mjs` failed to load: plugin exploded on load/],
    ['bad-format-options', /quire\.config\.json: `txt`: `bullet` must be a string/]
  ])('%s', async (name, pattern) => {
    const out = await tempDir()
    const result = await runIn(path.join(configs, name), ['build', '--out', out])
    expect(result.stderr).toMatch(pattern)
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(result.code).toBe(2)
    expect(await fs.readdir(out)).toEqual([])
  })

  it('reports a --config file that does not exist', async () => {
    const result = await runIn(configs, ['build', '--config', 'nope.json'])
    expect(result.stderr).toMatch(/Config file not found: nope\.json/)
    expect(result.code).toBe(2)
  })

  it('reports a missing content folder', async () => {
    const result = await runIn(await tempDir(), ['build', 'no-such-folder'])
    expect(result.stderr).toMatch(/Content folder not found: no-such-folder/)
    expect(result.code).toBe(2)
  })
})

describe('config files', () => {
  it('loads quire.config.ts (TypeScript, compiled on the fly)', async () => {
    const cwd = path.join(configs, 'typescript')
    const out = await tempDir()
    const result = await runIn(cwd, ['build', '--out', out])
    expect(result.code).toBe(0)
    expect(await fs.readFile(path.join(out, 'txt', 'index.txt'), 'utf8')).toBe('Another note\nCustom\n')
  })

  it('lets flags override the file: --format and --out', async () => {
    const cwd = path.join(fixturesDir, 'custom-emitter')
    const out = await tempDir()
    const result = await runIn(cwd, ['build', '--out', out, '--format', 'txt'])
    expect(result.code).toBe(0)
    expect((await fs.readdir(path.join(out, 'txt'))).sort()).toEqual(['a.txt', 'b.txt', 'index.txt'])
  })
})
