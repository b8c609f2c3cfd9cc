/**
 * The build cache: each change invalidates what depends on it and nothing
 * else. "Rewritten" is read from the build result's `written` list (files
 * this build wrote), contents from disk.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {beforeEach, describe, expect, it} from 'vitest'
import {build, templatesDir, type BuildOptions} from '../../src/publish.js'
import type {BuildResult} from '../../src/report.js'
import {repoRoot, sampleContent, tempDir} from '../helpers/build.js'

/** Files every html+json build writes again: the 404 page, the site index, the sidebar, the stylesheet, the search files, the JSON index (and the tag pages). */
const collectionFiles = ['html/404.html', 'html/index.html', 'html/nav.js', 'html/quire.css', 'html/search-engine.js', 'html/search-index.js', 'html/search.js', 'html/sidebar.html', 'html/sidebar.js', 'json/index.json']
const isCollectionFile = (file: string) => collectionFiles.includes(file) || file.startsWith('html/tags/')
const perNote = (slug: string) => [`html/${slug}.html`, `json/${slug}.json`]
const allNotes = ['glossary', 'nodeconfeu-2022', 'reading-list'].flatMap(perNote).sort()

interface Project {
  readonly content: string
  readonly out: string
  readonly cache: string
  build(options?: Partial<BuildOptions> & {quireVersion?: string; templatesDir?: string}): Promise<BuildResult>
  read(file: string): Promise<string>
}

async function project(): Promise<Project> {
  const dir = await tempDir('quire-cache-')
  const content = path.join(dir, 'content')
  await fs.cp(sampleContent, content, {recursive: true})
  const out = path.join(dir, 'out')
  const cache = path.join(dir, 'cache')
  return {
    content,
    out,
    cache,
    build: (options = {}) => build({cwd: repoRoot, config: {}, content, out, cache, formats: ['html', 'json'], quiet: true, workers: 1, ...options}),
    read: (file) => fs.readFile(path.join(out, file), 'utf8')
  }
}

/** Per-note files a build wrote (collection files are always written). */
const rewritten = (result: BuildResult) => result.written.filter((file) => !isCollectionFile(file) && !file.startsWith('html/assets/'))

describe('the build cache', () => {
  let site: Project
  let first: BuildResult
  beforeEach(async () => {
    site = await project()
    first = await site.build()
    expect(first.errors).toBe(0)
  })

  it('writes every note on the first build and none again when nothing changed', async () => {
    expect(rewritten(first)).toEqual(allNotes)
    const again = await site.build()
    expect(rewritten(again)).toEqual([])
    expect(again.written.filter((file) => !file.startsWith('html/tags/'))).toEqual(collectionFiles)
    // Reports are replayed from the cache: same notes, same messages.
    const summary = (result: BuildResult) => result.notes.map((note) => [note.path, note.built, note.messages.map((message) => `${message.line}:${message.column} ${message.reason} ${message.ruleId}`)])
    expect(summary(again)).toEqual(summary(first))
    expect(again.warnings).toBe(first.warnings)
  })

  it('rebuilds only a changed note, with its new content, and updates the index', async () => {
    const file = path.join(site.content, 'glossary.md')
    await fs.appendFile(file, '\nA brand new sentence.\n')
    const changed = await site.build()
    expect(rewritten(changed)).toEqual(perNote('glossary'))
    expect(await site.read('html/glossary.html')).toContain('A brand new sentence.')
    // A new title: reading-list.md links to the glossary and shows its title, so it is written again too;
    // and in site order (reading list, glossary, nodeconfeu) both neighbours' pages name it in their previous/next links.
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace('title: Glossary', 'title: Glossary of terms'))
    const again = await site.build()
    expect(rewritten(again)).toEqual([...perNote('glossary'), ...perNote('reading-list'), 'html/nodeconfeu-2022.html'].sort())
    expect(await site.read('html/reading-list.html')).toContain('title="Glossary of terms"')
    expect(await site.read('html/glossary.html')).toContain('A brand new sentence.')
    expect(JSON.parse(await site.read('json/glossary.json')).meta.title).toBe('Glossary of terms')
    expect(await site.read('html/index.html')).toContain('Glossary of terms')
    const index = JSON.parse(await site.read('json/index.json')) as {notes: {slug: string; title: string}[]}
    expect(index.notes.find((note) => note.slug === 'glossary')?.title).toBe('Glossary of terms')
  })

  it('rebuilds every note for a changed config, only that format for its own options', async () => {
    const retitled = await site.build({config: {site: {title: 'Other site'}}})
    expect(rewritten(retitled)).toEqual(allNotes)
    expect(await site.read('html/glossary.html')).toContain('Other site')
    const compact = await site.build({config: {site: {title: 'Other site'}, json: {pretty: false}}})
    expect(rewritten(compact)).toEqual(['glossary', 'nodeconfeu-2022', 'reading-list'].map((slug) => `json/${slug}.json`))
    expect((await site.read('json/glossary.json')).trimEnd()).not.toContain('\n')
  })

  it('rebuilds every note for changed templates and for another quire version', async () => {
    const templates = path.join(await tempDir('quire-templates-'), 'templates')
    await fs.cp(templatesDir, templates, {recursive: true})
    const again = await site.build({templatesDir: templates})
    expect(rewritten(again)).toEqual([])
    await fs.appendFile(path.join(templates, 'html', 'theme.css'), '\n.changed-theme {}\n')
    const themed = await site.build({templatesDir: templates})
    expect(rewritten(themed)).toEqual(allNotes)
    expect(await site.read('html/quire.css')).toContain('.changed-theme')
    const upgraded = await site.build({templatesDir: templates, quireVersion: '999.0.0'})
    expect(rewritten(upgraded)).toEqual(allNotes)
    expect(rewritten(await site.build({templatesDir: templates, quireVersion: '999.0.0'}))).toEqual([])
  })

  it('drops a deleted note from the outputs, the index and the cache', async () => {
    await fs.rm(path.join(site.content, 'glossary.md'))
    const again = await site.build()
    // reading-list.md links to glossary.md: that link now leads nowhere, so it is rebuilt (and says so).
    // nodeconfeu-2022's page had the glossary as its previous note.
    expect(rewritten(again)).toEqual([...perNote('reading-list'), 'html/nodeconfeu-2022.html'].sort())
    expect(again.notes.find((note) => note.path.endsWith('reading-list.md'))!.messages.map((message) => message.ruleId)).toContain('missing-note')
    await expect(fs.access(path.join(site.out, 'html', 'glossary.html'))).rejects.toThrow()
    await expect(fs.access(path.join(site.out, 'json', 'glossary.json'))).rejects.toThrow()
    expect(await site.read('html/index.html')).not.toContain('glossary.html')
    const index = JSON.parse(await site.read('json/index.json')) as {notes: {slug: string}[]}
    expect(index.notes.map((note) => note.slug).sort()).toEqual(['nodeconfeu-2022', 'reading-list'])
    // Back again: built anew, not served from a stale record.
    await fs.cp(path.join(sampleContent, 'glossary.md'), path.join(site.content, 'glossary.md'))
    expect(rewritten(await site.build())).toEqual([...perNote('glossary'), ...perNote('reading-list'), 'html/nodeconfeu-2022.html'].sort())
  })

  it('keeps an image two notes share until neither is left, and records both in the manifest', async () => {
    await fs.writeFile(path.join(site.content, 'also.md'), '# Also\n\n![Checker](images/checker.png)\n')
    expect((await site.build()).errors).toBe(0)
    const manifest = async () => (JSON.parse(await fs.readFile(path.join(site.out, '.quire-manifest.json'), 'utf8')) as {files: Record<string, unknown>}).files
    expect((await manifest())['html/assets/images/checker.png']).toEqual(['also.md', 'reading-list.md'])
    const image = path.join(site.out, 'html', 'assets', 'images', 'checker.png')
    // reading-list.md is cached: it writes nothing, yet its image must stay.
    await fs.rm(path.join(site.content, 'also.md'))
    await site.build()
    await expect(fs.access(image)).resolves.toBeUndefined()
    expect((await manifest())['html/assets/images/checker.png']).toBe('reading-list.md')
    await fs.rm(path.join(site.content, 'reading-list.md'))
    await site.build()
    await expect(fs.access(image)).rejects.toThrow()
    expect((await manifest())['html/assets/images/checker.png']).toBeUndefined()
  })

  it('rewrites an output that was deleted or edited by hand, and only that note', async () => {
    await fs.rm(path.join(site.out, 'html', 'glossary.html'))
    await fs.appendFile(path.join(site.out, 'json', 'reading-list.json'), ' ')
    const again = await site.build()
    expect(rewritten(again)).toEqual(['html/glossary.html', 'json/reading-list.json'])
    expect(await site.read('json/reading-list.json')).toBe(await fs.readFile(path.join(first.outDir, 'json', 'reading-list.json'), 'utf8'))
  })

  it('rebuilds a note whose image changed, and notes whose link targets appear or vanish', async () => {
    // reading-list.md shows images/checker.png: new bytes, new copy and size.
    await fs.copyFile(path.join(repoRoot, 'test', 'fixtures', 'html', 'images', 'wide.png'), path.join(site.content, 'images', 'checker.png')).catch(async () => {
      await fs.appendFile(path.join(site.content, 'images', 'checker.png'), Buffer.from([0]))
    })
    const imaged = await site.build()
    expect(rewritten(imaged)).toEqual(perNote('reading-list'))
    expect(imaged.written).toContain('html/assets/images/checker.png')

    // glossary.md links to reading-list.md: without it the link is no note link.
    await fs.rename(path.join(site.content, 'reading-list.md'), path.join(site.content, 'later.txt'))
    const removed = await site.build()
    // The reading list linked to nodeconfeu-2022: its page loses that backlink; its JSON, which shows none, is untouched.
    expect(rewritten(removed)).toEqual([...perNote('glossary'), 'html/nodeconfeu-2022.html'].sort())
    expect(removed.notes.find((note) => note.path.endsWith('glossary.md'))!.messages.map((message) => message.ruleId)).toContain('missing-note')
  })

  it('rebuilds a note whose missing image appears, and drops its warning', async () => {
    await fs.writeFile(path.join(site.content, 'later.md'), '# Later\n\n![Soon](images/soon.png)\n')
    const missing = await site.build()
    const later = (result: BuildResult) => result.notes.find((note) => note.path.endsWith('later.md'))!
    expect(later(missing).messages.map((message) => message.ruleId)).toEqual(['missing-asset'])
    await fs.copyFile(path.join(site.content, 'images', 'checker.png'), path.join(site.content, 'images', 'soon.png'))
    const found = await site.build()
    expect(rewritten(found)).toEqual(perNote('later'))
    expect(later(found).messages).toEqual([])
    expect(found.written).toContain('html/assets/images/soon.png')
  })

  it('rebuilds a note whose linked file appears: the link then points at its copy', async () => {
    await fs.writeFile(path.join(site.content, 'later.md'), '# Later\n\nThe [slides](files/slides.odp) come later.\n')
    const missing = await site.build()
    const later = (result: BuildResult) => result.notes.find((note) => note.path.endsWith('later.md'))!
    expect(later(missing).messages.map((message) => message.ruleId)).toEqual(['unpublished-file'])
    await fs.mkdir(path.join(site.content, 'files'))
    await fs.writeFile(path.join(site.content, 'files', 'slides.odp'), 'PK slides')
    const found = await site.build()
    expect(rewritten(found)).toEqual(perNote('later'))
    expect(later(found).messages).toEqual([])
    expect(found.written).toContain('html/assets/files/slides.odp')
    expect(await fs.readFile(path.join(site.out, 'html', 'later.html'), 'utf8')).toContain('href="assets/files/slides.odp"')
  })

  it('records every note that shows a shared image when both are built in one build', async () => {
    await fs.writeFile(path.join(site.content, 'also.md'), '# Also\n\n![Checker](images/checker.png)\n')
    expect((await site.build({clean: true})).errors).toBe(0)
    const manifest = JSON.parse(await fs.readFile(path.join(site.out, '.quire-manifest.json'), 'utf8')) as {files: Record<string, unknown>}
    expect(manifest.files['html/assets/images/checker.png']).toEqual(['also.md', 'reading-list.md'])
    await fs.rm(path.join(site.content, 'also.md'))
    await site.build()
    await expect(fs.access(path.join(site.out, 'html', 'assets', 'images', 'checker.png'))).resolves.toBeUndefined()
  })

  it('drops the records of an output folder that no longer exists', async () => {
    const elsewhere = path.join(await tempDir('quire-cache-other-'), 'out')
    await site.build({out: elsewhere})
    expect((await fs.readdir(site.cache)).filter((name) => name.startsWith('notes-'))).toHaveLength(2)
    await fs.rm(elsewhere, {recursive: true})
    await fs.appendFile(path.join(site.content, 'glossary.md'), '\nA change, so the cache is saved.\n')
    await site.build()
    expect((await fs.readdir(site.cache)).filter((name) => name.startsWith('notes-'))).toHaveLength(1)
    // The folder still in use keeps its records: nothing else is rebuilt.
    expect(rewritten(await site.build())).toEqual([])
  })

  it('is off with cache: false: every note is written every time', async () => {
    expect(rewritten(await site.build({cache: false}))).toEqual(allNotes)
    expect(rewritten(await site.build({cache: false}))).toEqual(allNotes)
  })

  it('keeps its records in the cache folder, not in the output folder', async () => {
    expect((await fs.readdir(site.cache)).length).toBe(1)
    expect((await fs.readdir(site.out)).sort()).toEqual(['.quire-manifest.json', 'html', 'json'])
  })
})
