/**
 * The config is loaded and resolved once per build, in the main thread:
 * worker threads get it resolved, and import only the code it names.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build} from '../../src/publish.js'
import {sampleContent, tempDir} from '../helpers/build.js'

describe('the config in worker threads', () => {
  it('is loaded once however many workers build, with plugins named by module imported in each', async () => {
    const dir = await tempDir('quire-config-once-')
    const log = path.join(dir, 'loads.log')
    const content = path.join(dir, 'content')
    await fs.mkdir(content)
    const talk = await fs.readFile(path.join(sampleContent, 'nodeconfeu-2022.md'), 'utf8')
    for (let index = 1; index <= 10; index++) await fs.writeFile(path.join(content, `talk-${index}.md`), talk)
    await fs.writeFile(
      path.join(dir, 'quire.config.mjs'),
      `import fs from 'node:fs'\nfs.appendFileSync(${JSON.stringify(log)}, 'config\\n')\nexport default {formats: ['html', 'json'], markdown: {remarkPlugins: [['./remark-mark.mjs', {word: 'marked'}]]}}\n`
    )
    await fs.writeFile(
      path.join(dir, 'remark-mark.mjs'),
      `import fs from 'node:fs'\nfs.appendFileSync(${JSON.stringify(log)}, 'plugin\\n')\nexport default function mark(options) { return (tree) => { tree.children.push({type: 'paragraph', children: [{type: 'text', value: options.word}]}) } }\n`
    )
    const result = await build({cwd: dir, out: path.join(dir, 'out'), cache: false, workers: 2, quiet: true})
    expect(result.errors).toBe(0)
    const loads = (await fs.readFile(log, 'utf8')).trim().split('\n')
    expect(loads.filter((line) => line === 'config')).toEqual(['config'])
    // The plugin's code runs where notes are parsed: the main thread resolved it, each worker imported it.
    expect(loads.filter((line) => line === 'plugin').length).toBeGreaterThanOrEqual(2)
    expect(await fs.readFile(path.join(dir, 'out', 'html', 'talk-3.html'), 'utf8')).toContain('<p>marked</p>')
  })
})
