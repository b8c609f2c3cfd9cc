/**
 * Where a local image is found (`src/pipeline/resolve-asset.ts`), on a
 * small Obsidian vault whose pasted images live in `attachments/`
 * (`test/fixtures/images-vault`): a query or fragment never is part of the
 * file looked up, and a file name alone finds the image anywhere in the
 * content folder by the wikilink rules, a clash being a positioned
 * `ambiguous-asset` warning. Then through the real build (HTML, JSON, PDF
 * and EPUB; threads show only alt text) and through the build cache (an
 * image that appears elsewhere, a namesake that appears).
 */
import {execFileSync} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {findFiles} from '../../src/notes.js'
import {LinkTargets} from '../../src/pipeline/link-targets.js'
import {resolveAsset, type AssetResolution} from '../../src/pipeline/resolve-asset.js'
import {build} from '../../src/publish.js'
import type {BuildResult} from '../../src/report.js'
import {attr, one, parsePage, select} from '../emitters/html/dom.js'
import {epubcheckAll, epubFiles, openEpub} from '../emitters/epub/helpers.js'
import {buildFixture, fixturesDir, messageLines, repoRoot, tempDir, type FixtureBuild} from '../helpers/build.js'
import {needs} from '../helpers/tools.js'

const vault = path.join(fixturesDir, 'images-vault')

async function targetsOf(content: string): Promise<LinkTargets> {
  const files = await findFiles(content)
  return new LinkTargets(
    files.notes.map((file) => [path.relative(content, file).split(path.sep).join('/'), path.basename(file)]),
    files.attachments
  )
}

/** What a resolution found, as a content-relative path (or its kind). */
function where(found: AssetResolution): string {
  return found.kind === 'local' ? found.relativePath : found.kind
}

describe('resolveAsset: where a local image is', () => {
  let targets: LinkTargets
  const from = (note: string) => ({noteFile: path.join(vault, note), contentDir: vault, targets})
  beforeAll(async () => {
    targets = await targetsOf(vault)
  })

  it('drops the query and the fragment before looking the file up', () => {
    expect(where(resolveAsset('timeline-q1.png?v=3#top', from('projects/Roadmap.md')))).toBe('projects/timeline-q1.png')
    expect(where(resolveAsset('diagram.png#data-layer', from('projects/Roadmap.md')))).toBe('attachments/diagram.png')
    expect(where(resolveAsset('diagram.png?raw=true', from('projects/Roadmap.md')))).toBe('attachments/diagram.png')
    expect(where(resolveAsset('Pasted%20image%2020240312093015.png#center', from('Daily/2024-03-12.md')))).toBe('attachments/Pasted image 20240312093015.png')
  })

  it('finds a file name anywhere in the content folder, in any case, and a path from the folder’s root', () => {
    expect(where(resolveAsset('diagram.png', from('projects/Roadmap.md')))).toBe('attachments/diagram.png')
    expect(where(resolveAsset('Diagram.PNG', from('projects/Roadmap.md')))).toBe('attachments/diagram.png')
    expect(where(resolveAsset('attachments/diagram.png', from('projects/Roadmap.md')))).toBe('attachments/diagram.png')
    // Without the folder's files, only the path relative to the note counts (as before).
    expect(where(resolveAsset('diagram.png', {noteFile: path.join(vault, 'projects/Roadmap.md'), contentDir: vault}))).toBe('missing')
  })

  it('gives every file a clashing name matches, the shortest path first, and the query the cache asks again', () => {
    const found = resolveAsset('logo.png', from('Welcome.md'))
    expect(found).toMatchObject({kind: 'local', relativePath: 'attachments/logo.png', lookup: {candidates: ['attachments/logo.png', 'archive/2023/logo.png']}})
    const lookup = (found as {lookup: {query: string; answer: string | null}}).lookup
    expect(targets.answer(lookup.query)).toBe(lookup.answer)
  })

  it('takes `./` and `../` at their word, and never a note or a file that is not an image', () => {
    expect(where(resolveAsset('./diagram.png', from('projects/Roadmap.md')))).toBe('missing')
    expect(where(resolveAsset('../diagram.png', from('projects/Roadmap.md')))).toBe('missing')
    // attachments/brief.pdf exists, but an image is looked up among images.
    expect(where(resolveAsset('brief.pdf', from('projects/Roadmap.md')))).toBe('missing')
    expect(where(resolveAsset('Roadmap', from('Welcome.md')))).toBe('missing')
    expect(where(resolveAsset('Roadmap.md', from('Welcome.md')))).toBe('missing')
  })

  it('still refuses what leaves the content folder, found by name or not', async () => {
    const dir = await tempDir()
    const content = path.join(dir, 'vault')
    await fs.cp(vault, content, {recursive: true})
    await fs.writeFile(path.join(dir, 'secret.png'), 'not for the site')
    await fs.symlink(path.join(dir, 'secret.png'), path.join(content, 'attachments', 'secret.png'))
    const place = {noteFile: path.join(content, 'projects/Roadmap.md'), contentDir: content, targets: await targetsOf(content)}
    expect(resolveAsset('secret.png', place)).toMatchObject({kind: 'refused', ruleId: 'asset-outside-content'})
    expect(resolveAsset('../../secret.png', place)).toMatchObject({kind: 'refused', ruleId: 'asset-outside-content'})
  })
})

describe('images by file name in HTML, JSON, PDF and EPUB', () => {
  let site: FixtureBuild
  beforeAll(async () => {
    site = await buildFixture(vault, ['html', 'json', 'pdf', 'epub'])
  }, 180_000)

  it('gives positioned messages: the clash naming both files, and the images that stay missing', () => {
    expect(messageLines(site.result, vault).filter((line) => !line.includes('pdf-outline'))).toEqual([
      'Welcome.md:5:1 warning `logo.png` matches 2 files (attachments/logo.png, archive/2023/logo.png); shows attachments/logo.png: write the path to choose ambiguous-asset',
      'projects/Roadmap.md:23:3 warning Image not found: ./diagram.png missing-asset',
      'projects/Roadmap.md:24:3 warning Image not found: timeline.png missing-asset',
      'projects/Roadmap.md:25:3 warning Image not found: brief.pdf missing-asset'
    ])
    expect(site.result.notes.every((note) => note.built)).toBe(true)
  })

  it('HTML: Markdown images, embeds and raw HTML all show the one copied file', async () => {
    const roadmap = parsePage(await site.read('html/projects-roadmap.html'))
    const sources = select(one(roadmap, 'div', (element) => attr(element, 'className') === 'note-body'), 'img').map((image) => attr(image, 'src'))
    expect(sources).toEqual([
      'assets/attachments/diagram.png',
      'assets/attachments/diagram.png',
      'assets/attachments/diagram.png',
      'assets/attachments/diagram.png',
      'assets/attachments/diagram.png',
      'assets/attachments/diagram.png',
      'assets/projects/timeline-q1.png',
      './diagram.png',
      'timeline.png',
      'brief.pdf'
    ])
    const daily = parsePage(await site.read('html/daily-2024-03-12.html'))
    expect(new Set(select(daily, 'img').map((image) => attr(image, 'src')))).toEqual(new Set(['assets/attachments/Pasted%20image%2020240312093015.png']))
    expect(attr(one(parsePage(await site.read('html/welcome.html')), 'img'), 'src')).toBe('assets/attachments/logo.png')
    for (const file of ['diagram.png', 'Pasted image 20240312093015.png', 'logo.png']) {
      expect((await site.readBytes(`html/assets/attachments/${file}`)).equals(await fs.readFile(path.join(vault, 'attachments', file))), file).toBe(true)
    }
    expect(site.result.written).not.toContain('html/assets/archive/2023/logo.png')
    expect(site.result.written).not.toContain('html/assets/attachments/brief.pdf')
  })

  it('JSON: each image asset names the file it was found as', async () => {
    const json = JSON.parse(await site.read('json/projects-roadmap.json')) as {assets: Array<{url: string; relativePath?: string}>}
    expect(json.assets.map((asset) => [asset.url, asset.relativePath ?? null])).toEqual([
      ['diagram.png', 'attachments/diagram.png'],
      // The embed, as wikilinks resolved it.
      ['../attachments/diagram.png', 'attachments/diagram.png'],
      ['diagram.png#data-layer', 'attachments/diagram.png'],
      ['diagram.png?raw=true', 'attachments/diagram.png'],
      ['attachments/diagram.png', 'attachments/diagram.png'],
      ['timeline-q1.png?v=3#top', 'projects/timeline-q1.png'],
      ['Diagram.PNG', 'attachments/diagram.png']
    ])
  })

  it('PDF: the images are drawn, not replaced by their alt text', needs('chromium', 'pdftotext', 'qpdf'), () => {
    const images = (file: string) => execFileSync('pdfimages', ['-list', path.join(site.out, 'pdf', file)], {encoding: 'utf8'}).trim().split('\n').slice(2)
    // Six views of the diagram and the timeline; the three missing images are not.
    expect(images('projects-roadmap.pdf')).toHaveLength(7)
    expect(images('daily-2024-03-12.pdf')).toHaveLength(3)
  })

  it('EPUB: the images are embedded once each, and epubcheck passes', {...needs('epubcheck'), timeout: 120_000}, async () => {
    const roadmap = await openEpub(await site.readBytes('epub/projects-roadmap.epub'))
    expect(roadmap.names().filter((name) => name.startsWith('OEBPS/images/')).map((name) => path.posix.basename(name).replace(/^\d+-/, '')).sort()).toEqual(['diagram.png', 'timeline-q1.png'])
    const chapter = await roadmap.text('OEBPS/chapter-01.xhtml')
    const shown = [...chapter.matchAll(/<img src="images\/\d+-([^"]+)"/g)].map((match) => match[1])
    expect(shown).toEqual([...Array(6).fill('diagram.png'), 'timeline-q1.png'])
    const reports = await epubcheckAll(await epubFiles(site.out))
    for (const report of reports) expect(report.messages, report.file).toEqual([])
  })

})

describe('images by file name and the build cache', () => {
  const note = (result: BuildResult, name: string) => result.notes.find((entry) => entry.path.endsWith(name))!
  const rules = (result: BuildResult, name: string) => note(result, name).messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)
  const perNote = (result: BuildResult) => result.written.filter((file) => /^html\/[^/]+\.html$/.test(file) && !['html/index.html', 'html/404.html', 'html/sidebar.html'].includes(file)).sort()

  it('parses a note again when its image appears elsewhere, and when a namesake appears', async () => {
    const dir = await tempDir('quire-images-cache-')
    const content = path.join(dir, 'vault')
    await fs.cp(vault, content, {recursive: true})
    const run = () => build({cwd: repoRoot, config: {}, content, out: path.join(dir, 'out'), cache: path.join(dir, 'cache'), formats: ['html'], quiet: true, workers: 1})
    const first = await run()
    expect(rules(first, 'Roadmap.md')).toContain('24:3 missing-asset')
    expect(perNote(await run())).toEqual([])

    // Exported at last, into the attachments folder: only the note that shows it is rebuilt, without its warning.
    await fs.copyFile(path.join(content, 'attachments', 'diagram.png'), path.join(content, 'attachments', 'timeline.png'))
    const appeared = await run()
    expect(perNote(appeared)).toEqual(['html/projects-roadmap.html'])
    expect(rules(appeared, 'Roadmap.md')).not.toContain('24:3 missing-asset')
    expect(appeared.written).toContain('html/assets/attachments/timeline.png')

    // A second diagram.png elsewhere: the note that names it is parsed again and warns.
    await fs.mkdir(path.join(content, 'archive', '2022'), {recursive: true})
    await fs.copyFile(path.join(content, 'attachments', 'diagram.png'), path.join(content, 'archive', '2022', 'diagram.png'))
    const clash = await run()
    expect(perNote(clash)).toEqual(['html/projects-roadmap.html'])
    expect(rules(clash, 'Roadmap.md').filter((rule) => rule.endsWith('ambiguous-asset'))).toEqual(['9:1 ambiguous-asset', '11:46 ambiguous-asset', '13:27 ambiguous-asset', '13:90 ambiguous-asset', '17:1 ambiguous-asset'])
  }, 60_000)
})
