import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {configNames} from '../../src/config/load.js'
import {templatesDir} from '../../src/publish.js'
import {configFolder, formatsForChanges, isIgnored, isIgnoredInConfigFolder, resolveTargets, treePaths, type WatchTargets} from '../../src/watch/targets.js'
import {tempDir} from '../helpers/build.js'

const targets: WatchTargets = {
  content: '/site/content',
  out: '/site/content/out',
  configFiles: ['/site/quire.config.ts'],
  templates: '/pkg/templates'
}

describe('watch targets', () => {
  it('follows the config file: its content and out folders, relative to it', async () => {
    const cwd = await tempDir()
    await fs.writeFile(path.join(cwd, 'quire.config.json'), JSON.stringify({content: 'notes', out: 'site'}))
    const resolved = await resolveTargets(cwd, {})
    expect(resolved).toEqual({
      content: path.join(cwd, 'notes'),
      out: path.join(cwd, 'site'),
      configFiles: configNames.map((name) => path.join(cwd, name)),
      templates: path.resolve(templatesDir)
    })
    expect(await resolveTargets(cwd, {content: 'other', out: 'o'})).toMatchObject({content: path.join(cwd, 'other'), out: path.join(cwd, 'o')})
  })

  it('with a broken or missing config, falls back to the flags and watches every config name', async () => {
    const cwd = await tempDir()
    await fs.writeFile(path.join(cwd, 'quire.config.json'), '{"content": ')
    const broken = await resolveTargets(cwd, {out: 'built'})
    expect(broken.content).toBe(path.join(cwd, 'content'))
    expect(broken.out).toBe(path.join(cwd, 'built'))
    expect(broken.configFiles).toEqual(configNames.map((name) => path.join(cwd, name)))
    const explicit = await resolveTargets(cwd, {config: 'missing.json'})
    expect(explicit.configFiles).toEqual([path.join(cwd, 'missing.json')])
  })

  it('ignores the output folder, dot files, node_modules and editor leftovers', () => {
    expect(isIgnored('/site/content/out', targets)).toBe(true)
    expect(isIgnored('/site/content/out/html/a.html', targets)).toBe(true)
    expect(isIgnored('/site/content/.git', targets)).toBe(true)
    expect(isIgnored('/site/content/.a.md.swp', targets)).toBe(true)
    expect(isIgnored('/site/content/a.md~', targets)).toBe(true)
    expect(isIgnored('/site/content/node_modules', targets)).toBe(true)
    expect(isIgnored('/site/content/4913', targets)).toBe(true)
    expect(isIgnored('/site/content/a.md', targets)).toBe(false)
    expect(isIgnored('/site/content/outline.md', targets)).toBe(false)
    expect(isIgnored('/site/content/images/x.png', targets)).toBe(false)
  })

  it('rebuilds only the formats whose templates changed; everything for any other change', () => {
    const formats = ['html', 'pdf', 'json']
    expect(formatsForChanges(['/pkg/templates/html/base.css'], targets, formats)).toEqual(['html'])
    expect(formatsForChanges(['/pkg/templates/pdf/print.css', '/pkg/templates/html/a.css'], targets, formats)).toEqual(['html', 'pdf'])
    expect(formatsForChanges(['/pkg/templates/epub/x.css'], targets, formats)).toEqual([])
    expect(formatsForChanges(['/pkg/templates/html/a.css', '/site/content/a.md'], targets, formats)).toBeUndefined()
    expect(formatsForChanges(['/pkg/templates/README'], targets, formats)).toBeUndefined()
    expect(formatsForChanges(['/site/quire.config.ts'], targets, formats)).toBeUndefined()
  })

  it('watches existing folders deeply, and the config folder one level for the config and the content folder', async () => {
    const cwd = await tempDir()
    const missing = await resolveTargets(cwd, {})
    expect(await treePaths(missing)).toEqual([path.resolve(templatesDir)])
    await fs.mkdir(path.join(cwd, 'content'))
    expect(await treePaths(missing)).toEqual([path.join(cwd, 'content'), path.resolve(templatesDir)])
    expect(configFolder(missing)).toBe(cwd)
    expect(isIgnoredInConfigFolder(cwd, missing)).toBe(false)
    expect(isIgnoredInConfigFolder(path.join(cwd, 'quire.config.mjs'), missing)).toBe(false)
    expect(isIgnoredInConfigFolder(path.join(cwd, 'content'), missing)).toBe(false)
    expect(isIgnoredInConfigFolder(path.join(cwd, 'package.json'), missing)).toBe(true)
    expect(isIgnoredInConfigFolder(path.join(cwd, 'out'), missing)).toBe(true)
  })
})
