/** `quire watch` as a user runs it: the built CLI in a child process, editing files on disk. */
import fs from 'node:fs/promises'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {tempDir} from '../helpers/build.js'
import {startCli, stopAll} from '../helpers/long-running.js'
import {needs} from '../helpers/tools.js'

const good = (heading: string) => `---\ntitle: Watched note\n---\n\nIntro.\n\n## ${heading}\n\nText.\n`
const summary = /(\d+) notes? built(, \d+ failed)?, (\d+) errors?, \d+ warnings?, html → out, [\d.]+s/

async function project(config: {name: string; text: string}): Promise<string> {
  const cwd = await tempDir('quire-watch-')
  await fs.mkdir(path.join(cwd, 'content'))
  await fs.writeFile(path.join(cwd, 'content', 'note.md'), good('First heading'))
  await fs.writeFile(path.join(cwd, config.name), config.text)
  return cwd
}

afterAll(stopAll)

describe('quire watch', () => {
  it('reports a broken note and a broken config, keeps running, and rebuilds once they are fixed', async () => {
    const cwd = await project({name: 'quire.config.json', text: JSON.stringify({formats: ['html']})})
    const html = (name: string) => fs.readFile(path.join(cwd, 'out', 'html', name), 'utf8')
    const watch = startCli(['watch'], {cwd})
    await watch.waitFor(/1 note built, 0 errors, 0 warnings, html → out/)
    await watch.waitFor(/Watching content, the templates and the config/)
    expect(await html('note.html')).toContain('First heading')

    let from = watch.mark()
    await fs.writeFile(path.join(cwd, 'content', 'note.md'), '---\ntitle: "oops\n---\n\n## Broken\n')
    await watch.waitFor(/content\/note\.md changed, rebuilding/, {from})
    await watch.waitFor(/content\/note\.md:2:\d+ error Invalid YAML front matter.*front-matter-yaml/, {from})
    await watch.waitFor(/0 notes built, 1 failed, 1 error/, {from})
    expect(watch.running).toBe(true)
    // The failed note keeps its previous page.
    expect(await html('note.html')).toContain('First heading')

    from = watch.mark()
    await fs.writeFile(path.join(cwd, 'content', 'note.md'), good('Fixed heading'))
    await watch.waitFor(/1 note built, 0 errors/, {from})
    expect(await html('note.html')).toContain('Fixed heading')

    from = watch.mark()
    await fs.writeFile(path.join(cwd, 'quire.config.json'), JSON.stringify({formats: ['html'], bogus: 1}))
    await watch.waitFor(/quire: quire\.config\.json: unknown key `bogus`/, {from})
    expect(watch.running).toBe(true)

    from = watch.mark()
    await fs.writeFile(path.join(cwd, 'quire.config.json'), JSON.stringify({formats: ['html'], site: {title: 'Renamed site'}}))
    await watch.waitFor(/quire\.config\.json changed, rebuilding/, {from})
    await watch.waitFor(summary, {from})
    expect(await html('index.html')).toContain('Renamed site')

    from = watch.mark()
    expect(await watch.stop('SIGINT')).toBe(0)
    expect(watch.output().slice(from)).toMatch(/quire: stopped/)
  })

  it('keeps to the build flags it was given: --no-cache writes no cache, on the first build and on rebuilds', async () => {
    const cwd = await project({name: 'quire.config.json', text: JSON.stringify({formats: ['html']})})
    const watch = startCli(['watch', '--no-cache', '--workers', '1'], {cwd})
    await watch.waitFor(/1 note built, 0 errors, 0 warnings, html → out/)
    await watch.waitFor(/Watching/)
    const from = watch.mark()
    await fs.writeFile(path.join(cwd, 'content', 'note.md'), good('Saved heading'))
    await watch.waitFor(/1 note built, 0 errors/, {from})
    expect(await fs.readFile(path.join(cwd, 'out', 'html', 'note.html'), 'utf8')).toContain('Saved heading')
    await expect(fs.access(path.join(cwd, '.quire-cache'))).rejects.toThrow()
    expect(await watch.stop('SIGINT')).toBe(0)
  })

  it('rewrites only the saved note\'s outputs, its PDF included', {...needs('chromium'), timeout: 60_000}, async () => {
    const cwd = await project({name: 'quire.config.json', text: JSON.stringify({formats: ['html', 'pdf']})})
    await fs.writeFile(path.join(cwd, 'content', 'other.md'), good('Other heading'))
    const out = (file: string) => path.join(cwd, 'out', file)
    const mtimes = async () =>
      Object.fromEntries(await Promise.all(['html/note.html', 'pdf/note.pdf', 'html/other.html', 'pdf/other.pdf'].map(async (file) => [file, (await fs.stat(out(file))).mtimeMs] as const)))
    const watch = startCli(['watch'], {cwd})
    await watch.waitFor(/2 notes built, 0 errors, 0 warnings, html, pdf → out/)
    await watch.waitFor(/Watching/)
    const before = await mtimes()
    const from = watch.mark()
    await fs.writeFile(path.join(cwd, 'content', 'note.md'), good('Saved heading'))
    await watch.waitFor(/2 notes built, 0 errors, 0 warnings, html, pdf → out/, {from})
    const after = await mtimes()
    expect(after['html/note.html']).toBeGreaterThan(before['html/note.html']!)
    expect(after['pdf/note.pdf']).toBeGreaterThan(before['pdf/note.pdf']!)
    expect(after['html/other.html']).toBe(before['html/other.html'])
    expect(after['pdf/other.pdf']).toBe(before['pdf/other.pdf'])
    expect(await fs.readFile(out('html/note.html'), 'utf8')).toContain('Saved heading')
    expect(await watch.stop('SIGINT')).toBe(0)
  })

  it.each([
    ['quire.config.mjs', (title: string) => `export default {formats: ['html'], site: {title: '${title}'}}\n`],
    ['quire.config.js', (title: string) => `module.exports = {formats: ['html'], site: {title: '${title}'}}\n`]
  ])('picks up edits to a JavaScript config file (%s: no stale module cache)', async (name, config) => {
    const cwd = await project({name, text: config('First title')})
    const watch = startCli(['watch'], {cwd})
    await watch.waitFor(/1 note built, 0 errors/)
    await watch.waitFor(/Watching/)
    expect(await fs.readFile(path.join(cwd, 'out', 'html', 'index.html'), 'utf8')).toContain('First title')
    const from = watch.mark()
    await fs.writeFile(path.join(cwd, name), config('Second title'))
    await watch.waitFor(new RegExp(`${name.replaceAll('.', '\\.')} changed, rebuilding`), {from})
    await watch.waitFor(summary, {from})
    expect(await fs.readFile(path.join(cwd, 'out', 'html', 'index.html'), 'utf8')).toContain('Second title')
    expect(await watch.stop('SIGTERM')).toBe(0)
  })

  it('never rebuilds because of its own output, even when out/ is inside the content folder', async () => {
    const cwd = await project({name: 'quire.config.json', text: JSON.stringify({formats: ['html'], content: '.', out: 'out'})})
    const watch = startCli(['watch'], {cwd})
    await watch.waitFor(/Watching/)
    const from = watch.mark()
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(watch.output().slice(from)).not.toMatch(/changed, rebuilding/)
    await fs.writeFile(path.join(cwd, 'content', 'note.md'), good('Again'))
    await watch.waitFor(/content\/note\.md changed, rebuilding/, {from})
    await watch.waitFor(summary, {from})
    const after = watch.mark()
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(watch.output().slice(after)).toBe('')
    expect(await watch.stop('SIGINT')).toBe(0)
  })

  it('starts without a content folder or a config file and picks both up when they appear', async () => {
    const cwd = await tempDir('quire-watch-')
    const watch = startCli(['watch', '--format', 'html'], {cwd})
    await watch.waitFor(/quire: Content folder not found: content/)
    await watch.waitFor(/Watching/)
    let from = watch.mark()
    await fs.mkdir(path.join(cwd, 'content'))
    await fs.writeFile(path.join(cwd, 'content', 'note.md'), good('Late heading'))
    await watch.waitFor(/1 note built, 0 errors/, {from})
    expect(await fs.readFile(path.join(cwd, 'out', 'html', 'note.html'), 'utf8')).toContain('Late heading')
    from = watch.mark()
    await fs.writeFile(path.join(cwd, 'quire.config.json'), JSON.stringify({site: {title: 'Late config'}}))
    await watch.waitFor(/quire\.config\.json changed, rebuilding/, {from})
    await watch.waitFor(summary, {from})
    expect(await fs.readFile(path.join(cwd, 'out', 'html', 'index.html'), 'utf8')).toContain('Late config')
    expect(await watch.stop('SIGTERM')).toBe(0)
  })
})
