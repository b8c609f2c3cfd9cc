/** The built CLI as a child process: what a user types, what a user sees. */
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {fixturesDir, tempDir} from '../helpers/build.js'
import {runCli} from '../helpers/cli.js'

describe('quire CLI', () => {
  it('prints help and version', async () => {
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: quire build [content-dir] [options]')
    const version = await runCli(['--version'])
    const manifest = JSON.parse(await fs.readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string}
    expect(version.stdout.trim()).toBe(manifest.version)
  })

  it('exits 2 on a usage error, with the usage', async () => {
    const result = await runCli(['build', '--bogus'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/Unknown option '--bogus'/)
    expect(result.stderr).toContain('Usage: quire build')
    const command = await runCli(['publish'])
    expect(command.code).toBe(2)
    expect(command.stderr).toMatch(/Unknown command `publish`/)
  })

  it('--no-cache neither reads nor writes .quire-cache; --workers takes a count from 1', async () => {
    const project = await tempDir()
    await fs.mkdir(path.join(project, 'content'))
    await fs.writeFile(path.join(project, 'content', 'a.md'), '# A\n\nText.\n')
    const uncached = await runCli(['build', '--format', 'html', '--no-cache', '--workers', '1'], {cwd: project})
    expect(uncached.code).toBe(0)
    expect(await fs.readdir(project)).not.toContain('.quire-cache')
    const cached = await runCli(['build', '--format', 'html'], {cwd: project})
    expect(cached.code).toBe(0)
    expect(await fs.readdir(project)).toContain('.quire-cache')
    const bad = await runCli(['build', '--workers', '0'], {cwd: project})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('`--workers` must be a number from 1 to 256, got `0`')
  })

  it('builds a folder with a custom emitter, exit 0, summary line, no progress noise in CI', async () => {
    const out = await tempDir()
    const result = await runCli(['build', '--out', out], {cwd: path.join(fixturesDir, 'custom-emitter')})
    expect(result.code).toBe(0)
    expect(result.stderr.trim()).toMatch(/^2 notes built, 0 errors, 0 warnings, txt → .*, \d+\.\ds$/)
    expect(result.stderr).not.toContain('\r')
  })

  it('prints positioned diagnostics and exits 1 when a note has errors, building the others', async () => {
    const out = await tempDir()
    const content = path.join(fixturesDir, 'custom-emitter')
    const result = await runCli(['build', path.join(fixturesDir, 'pipeline', 'bad-yaml'), '--out', out, '--config', 'quire.config.mjs'], {cwd: content})
    expect(result.code).toBe(1)
    const rel = path.relative(content, path.join(fixturesDir, 'pipeline', 'bad-yaml', 'note.md'))
    expect(result.stderr).toContain(`${rel}:3:12 error Invalid YAML front matter: Missing closing "quote  front-matter-yaml`)
    expect(result.stderr).toMatch(/1 note built, 1 failed, 1 error, 0 warnings/)
    expect(await fs.readFile(path.join(out, 'txt', 'other.txt'), 'utf8')).toBe('other\n')
  })

  it('--quiet keeps errors and the summary, drops warnings', async () => {
    const out = await tempDir()
    const cwd = path.join(fixturesDir, 'custom-emitter')
    const result = await runCli(['build', path.join(fixturesDir, 'pipeline', 'missing-image'), '--out', out, '--quiet'], {cwd})
    expect(result.code).toBe(0)
    expect(result.stderr).not.toContain('missing-asset')
    expect(result.stderr).toMatch(/1 note built, 0 errors, 1 warning/)
  })
})
