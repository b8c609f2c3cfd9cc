/**
 * PDF with the build cache: a rebuild renders only the handouts of changed
 * notes, launches no browser when none changed, and parses a changed note
 * once for every format. A wrapper script stands in for the browser and
 * logs each launch.
 */
import {chmodSync} from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {findBrowser} from '../../../src/browser/chromium.js'
import {build} from '../../../src/publish.js'
import {repoRoot, sampleContent, tempDir, isSiteFile} from '../../helpers/build.js'
import {pdfinfo} from './tools.js'
import {needs} from '../../helpers/tools.js'

describe('pdf: incremental builds', needs('chromium', 'pdfinfo', 'pdftotext'), () => {
  let wrapper: string
  let launches: string
  beforeAll(async () => {
    const {executablePath} = await findBrowser({})
    const dir = await tempDir('quire-pdf-wrapper-')
    launches = path.join(dir, 'launches.log')
    wrapper = path.join(dir, 'browser.sh')
    await fs.writeFile(wrapper, `#!/bin/sh\necho launch >> '${launches}'\nexec '${executablePath}' "$@"\n`)
    chmodSync(wrapper, 0o755)
  })

  const launched = async () => (await fs.readFile(launches, 'utf8').catch(() => '')).split('\n').filter(Boolean).length

  it('renders only what changed, with no browser when nothing did, and parses a changed note once', async () => {
    const dir = await tempDir('quire-pdf-incremental-')
    const content = path.join(dir, 'content')
    await fs.cp(sampleContent, content, {recursive: true})
    let transforms = 0
    const counter = () => () => {
      transforms++
    }
    const site = () =>
      build({
        cwd: repoRoot,
        config: {pdf: {executablePath: wrapper}, markdown: {remarkPlugins: [counter]}},
        content,
        out: path.join(dir, 'out'),
        cache: path.join(dir, 'cache'),
        formats: ['html', 'json', 'pdf'],
        quiet: true
      })
    const perNote = (result: Awaited<ReturnType<typeof site>>) => result.written.filter((file) => !isSiteFile(file) && !file.startsWith('html/assets/'))

    const first = await site()
    expect(first.errors).toBe(0)
    expect(first.written.filter((file) => file.endsWith('.pdf')).sort()).toEqual(['pdf/glossary.pdf', 'pdf/nodeconfeu-2022.pdf', 'pdf/reading-list.pdf'])
    expect(transforms).toBe(3)
    expect(await launched()).toBe(1)

    const again = await site()
    expect(again.errors).toBe(0)
    expect(perNote(again)).toEqual([])
    expect(transforms).toBe(3)
    expect(await launched()).toBe(1)

    await fs.appendFile(path.join(content, 'glossary.md'), '\n## Added later\n\nA new entry.\n')
    const changed = await site()
    expect(changed.errors).toBe(0)
    expect(perNote(changed).sort()).toEqual(['html/glossary.html', 'json/glossary.json', 'pdf/glossary.pdf'])
    expect(transforms).toBe(4)
    expect(await launched()).toBe(2)
    expect(pdfinfo(path.join(dir, 'out', 'pdf', 'glossary.pdf')).Pages).toBeTruthy()
    const {spawnSync} = await import('node:child_process')
    expect(spawnSync('pdftotext', [path.join(dir, 'out', 'pdf', 'glossary.pdf'), '-'], {encoding: 'utf8'}).stdout).toContain('Added later')
    // A new browser (here: the wrapper changed) renders every handout again, and nothing else.
    await fs.appendFile(wrapper, '# upgraded\n')
    const upgraded = await site()
    expect(perNote(upgraded).sort()).toEqual(['pdf/glossary.pdf', 'pdf/nodeconfeu-2022.pdf', 'pdf/reading-list.pdf'])
    expect(transforms).toBe(7)
    expect(await launched()).toBe(3)
    await fs.appendFile(path.join(content, 'glossary.md'), '\nOne more line.\n')
    await site()
    // The other handouts were left as they were.
    expect(await fs.stat(path.join(dir, 'out', 'pdf', 'nodeconfeu-2022.pdf')).then((stat) => stat.mtimeMs)).toBeLessThan(
      await fs.stat(path.join(dir, 'out', 'pdf', 'glossary.pdf')).then((stat) => stat.mtimeMs)
    )
  }, 120_000)
})
