/**
 * The same notes give the same bytes, wherever they sit on disk and however
 * often they are built; nothing in the output names a folder of this machine.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {Plugin} from 'unified'
import type {Root} from 'mdast'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildFixture, fixturesDir, repoRoot, sampleContent, tempDir} from '../../helpers/build.js'
import {buildJson, listFiles, type JsonBuild} from './read.js'

const sources = [sampleContent, path.join(fixturesDir, 'json')]

/** Copy a content folder to a fresh temporary folder whose name differs every time. */
async function copyContent(from: string, prefix: string): Promise<string> {
  const to = path.join(await tempDir(prefix), 'notes')
  await fs.cp(from, to, {recursive: true})
  return to
}

describe.each(sources)('%s', (source) => {
  let first: JsonBuild
  let second: JsonBuild
  let firstContent: string
  let secondContent: string
  beforeAll(async () => {
    firstContent = await copyContent(source, 'quire-json-a-')
    secondContent = await copyContent(source, 'quire-json-elsewhere-b-')
    first = await buildJson(firstContent, {includeMdast: true})
    second = await buildJson(secondContent, {includeMdast: true})
  })

  it('gives byte-identical files for the same notes in another folder', async () => {
    expect(first.out).not.toBe(second.out)
    const files = (await listFiles(path.join(first.out, 'json'))).map((file) => `json/${file}`)
    expect(files.length).toBeGreaterThan(1)
    expect(await listFiles(path.join(second.out, 'json'))).toEqual(files.map((file) => file.slice('json/'.length)))
    for (const file of files) expect((await second.readBytes(file)).equals(await first.readBytes(file)), file).toBe(true)
  })

  it('gives byte-identical files when rebuilt into the same folder', async () => {
    const before = new Map(first.files)
    // Without the cache: the notes are emitted again, not skipped as up to date.
    const again = await buildJson(firstContent, {includeMdast: true}, first.out, {cache: false})
    expect([...again.files.keys()].sort()).toEqual([...before.keys()].sort())
    for (const [file, text] of before) expect(again.files.get(file), file).toBe(text)
  })

  it('names no folder of this machine anywhere, not even with the mdast', () => {
    const home = os.homedir()
    const machineFolders = [firstContent, path.dirname(firstContent), first.out, repoRoot.replace(/\/$/, ''), os.tmpdir(), ...(home.length > 1 ? [home] : [])]
    for (const [file, text] of first.files) {
      for (const folder of machineFolders) expect(text.includes(folder), `${file} contains ${folder}`).toBe(false)
      // The model's absolute asset `path` must not be carried over under any name.
      expect(text, file).not.toMatch(/"path":/)
      const doc = JSON.parse(text) as {assets?: {relativePath: string | null}[]; source?: string}
      for (const asset of doc.assets ?? []) if (asset.relativePath !== null) expect(path.isAbsolute(asset.relativePath)).toBe(false)
      if (doc.source !== undefined) expect(path.isAbsolute(doc.source)).toBe(false)
    }
  })

  it('writes two-space JSON with stable key order and one trailing newline', () => {
    for (const [file, text] of first.files) {
      expect(text, file).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n')
      expect(text.endsWith('}\n') && !text.endsWith('\n\n'), file).toBe(true)
      const keys = Object.keys(JSON.parse(text) as object)
      expect(keys, file).toEqual(
        file === 'json/index.json'
          ? ['schemaVersion', 'site', 'notes']
          : ['schemaVersion', 'slug', 'source', 'sha256', 'meta', 'headings', 'sections', 'footnotes', 'links', 'assets', 'stats', 'mdast']
      )
    }
  })
})

describe('options', () => {
  it('writes one line per file with pretty: false, same data', async () => {
    const compact = await buildJson(sampleContent, {pretty: false})
    const pretty = await buildJson(sampleContent)
    for (const [file, text] of compact.files) {
      expect(text.split('\n'), file).toHaveLength(2)
      expect(text.endsWith('\n'), file).toBe(true)
      expect(JSON.parse(text), file).toEqual(JSON.parse(pretty.files.get(file)!))
    }
  })

  it('leaves out the index with index: false', async () => {
    const built = await buildJson(sampleContent, {index: false})
    expect([...built.files.keys()].sort()).toEqual(['json/glossary.json', 'json/nodeconfeu-2022.json', 'json/reading-list.json'])
  })

  it('includes the mdast with positions only when asked', async () => {
    const without = await buildJson(sampleContent)
    expect('mdast' in without.note('reading-list')).toBe(false)
    const withMdast = await buildJson(sampleContent, {includeMdast: true})
    const mdast = withMdast.note('reading-list').mdast!
    expect(mdast.type).toBe('root')
    const list = mdast.children.find((node) => node.type === 'list')!
    expect(list.position!.start).toMatchObject({line: 22, column: 1})
    expect(mdast.children.some((node) => node.type === 'code' && node.lang === 'js')).toBe(true)
  })
})

describe('a plugin that leaks an absolute path into the mdast', () => {
  const leak: Plugin<[], Root> = () => (tree, file) => {
    tree.data = {...tree.data, sourceFile: file.path} as Root['data']
  }

  it('is reported as a positioned warning, by rule id', async () => {
    const content = await copyContent(path.join(fixturesDir, 'json'), 'quire-json-leak-')
    const built = await buildFixture(content, ['json'], {config: {json: {includeMdast: true}, markdown: {remarkPlugins: [leak]}}})
    const warnings = built.result.notes.flatMap((note) => note.messages.filter((message) => message.ruleId === 'json-machine-path'))
    expect(warnings).toHaveLength(3)
    expect(warnings.every((message) => message.fatal === false)).toBe(true)
    const quiet = await buildFixture(content, ['json'], {config: {markdown: {remarkPlugins: [leak]}}})
    expect(quiet.result.notes.flatMap((note) => note.messages.filter((message) => message.ruleId === 'json-machine-path'))).toEqual([])
  })

  it('is not confused with a URL that happens to contain the folder', async () => {
    const content = await tempDir('quire-json-url-')
    await fs.writeFile(path.join(content, 'a.md'), `# A\n\nSee [this](https://example.com${content}/a.md).\n`)
    const built = await buildJson(content, {includeMdast: true})
    expect(built.files.get('json/a.json')).toContain(`https://example.com${content}/a.md`)
    expect(built.result.notes.flatMap((note) => note.messages)).toEqual([])
  })

  it('is not confused with root-relative URLs when the project folder is the file system root', async () => {
    const content = await tempDir('quire-json-root-')
    await fs.writeFile(path.join(content, 'a.md'), '# A\n\nSee [about](/about) and [cdn](//cdn.example/x).\n')
    const built = await buildFixture(content, ['json'], {cwd: path.parse(content).root})
    expect(await built.read('json/a.json')).toContain('"url": "/about"')
    expect(built.result.notes.flatMap((note) => note.messages)).toEqual([])
  })
})

describe('a note nested deeper than JSON.stringify can go', () => {
  // The pipeline refuses such notes before parsing (note-too-deep); json never sees them.
  it('is refused with a positioned message, not a stack trace, and left out of the index', async () => {
    const content = await tempDir('quire-json-deep-')
    await fs.writeFile(path.join(content, 'deep.md'), `# Deep\n\n${'>'.repeat(1500)} x\n`)
    await fs.writeFile(path.join(content, 'fine.md'), '# Fine\n\nText.\n')
    const built = await buildJson(content, {includeMdast: true})
    const messages = built.result.notes.flatMap((note) => note.messages.map((message) => [path.basename(note.path), message.ruleId, message.reason, message.line]))
    expect(messages).toEqual([['deep.md', 'note-too-deep', 'Note nests lists or block quotes 1500 levels deep, over the limit of 100', 3]])
    expect([...built.files.keys()].sort()).toEqual(['json/fine.json', 'json/index.json'])
    expect(built.index.notes.map((entry) => entry.slug)).toEqual(['fine'])
  })
})
