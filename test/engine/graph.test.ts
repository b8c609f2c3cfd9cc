/**
 * The note graph: what a note's outputs read of other notes is tracked,
 * and a build rewrites exactly the notes whose answers changed.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {BuildGraph, GraphPending, GraphView, NoteIndex, readsHold, type GraphEntry} from '../../src/engine/graph.js'
import {defineEmitter} from '../../src/emitters/types.js'
import {build} from '../../src/publish.js'
import type {BuildResult} from '../../src/report.js'
import {repoRoot, tempDir} from '../helpers/build.js'

const vault: Record<string, string> = {
  'a.md': '# A\n\nSee [B](b.md), [its part](b.md#part) and [D](d.md).\n',
  'b.md': '# B\n\nBody of B.\n\n## Part\n\nA part.\n',
  'c.md': '# C\n\nUnrelated to the others.\n',
  'd.md': '# D\n\nBack to [A](a.md).\n',
  'e.md': '# E\n\nAlso [D](d.md).\n'
}

/** Writes `backlinks/<slug>.txt`: the notes that link to each note, as the graph says. */
const backlinks = defineEmitter({
  name: 'backlinks',
  description: 'who links here',
  writes: ['backlinks/<slug>.txt'],
  note(doc, context) {
    const from = context.graph.linksTo(doc.relativePath).map((link) => `${link.from}:${link.line}`)
    context.write(`backlinks/${doc.slug}.txt`, from.join('\n') + '\n')
  }
})

async function project(workers: number) {
  const dir = await tempDir('quire-graph-')
  const content = path.join(dir, 'content')
  await fs.mkdir(content)
  for (const [name, text] of Object.entries(vault)) await fs.writeFile(path.join(content, name), text)
  const out = path.join(dir, 'out')
  const cache = path.join(dir, 'cache')
  return {
    content,
    out,
    run: (formats = ['html', 'json']) => build({cwd: repoRoot, config: {}, content, out, cache, formats, quiet: true, workers}),
    runWithBacklinks: () => build({cwd: repoRoot, config: {emitters: {backlinks}}, content, out, cache, formats: ['html', 'backlinks'], quiet: true, workers}),
    read: (file: string) => fs.readFile(path.join(out, file), 'utf8')
  }
}

/** Notes (slugs) whose per-note files a build wrote. */
const rewrote = (result: BuildResult) =>
  [...new Set(result.written.filter((file) => !/index\.(html|json)$|404\.html$|\.css$|^html\/(sidebar|nav|search)[.-]|^html\/tags\//.test(file)).map((file) => path.basename(file).split('.')[0]!))].sort()
const messagesOf = (result: BuildResult, name: string) =>
  result.notes.find((note) => note.path.endsWith(`/${name}`))!.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`)

describe.each([1, 2])('the note graph (workers: %i)', (workers) => {
  it('rewrites a note when a note it links to changes title, not an unrelated one', async () => {
    const site = await project(workers)
    const first = await site.run()
    expect(first.errors).toBe(0)
    expect(await site.read('html/a.html')).toContain('title="B"')
    expect(JSON.parse(await site.read('json/a.json')).links[0].targetTitle).toBe('B')

    await fs.writeFile(path.join(site.content, 'b.md'), vault['b.md']!.replace('# B', '# B renamed'))
    const renamed = await site.run()
    // C too: its page links to the previous note, B, by title. D and E stay as they are.
    expect(rewrote(renamed)).toEqual(['a', 'b', 'c'])
    expect(await site.read('html/a.html')).toContain('title="B renamed"')
    expect(JSON.parse(await site.read('json/a.json')).links[0].targetTitle).toBe('B renamed')

    // B's body changes, its title does not: A stays as it is.
    await fs.appendFile(path.join(site.content, 'b.md'), '\nMore text.\n')
    expect(rewrote(await site.run())).toEqual(['b'])
  })

  it('warns on every build about a link whose heading is gone, and about every link to a deleted note', async () => {
    const site = await project(workers)
    expect((await site.run()).warnings).toBe(0)

    await fs.writeFile(path.join(site.content, 'b.md'), '# B\n\nNo parts any more.\n')
    const lost = await site.run()
    expect(messagesOf(lost, 'a.md')).toEqual(['3:16 missing-heading Link target `#part` not found in b.md'])
    // Checked again on a build that rewrites nothing of A.
    expect(messagesOf(await site.run(), 'a.md')).toEqual(['3:16 missing-heading Link target `#part` not found in b.md'])

    await fs.rm(path.join(site.content, 'd.md'))
    const deleted = await site.run()
    // A and E linked to D; C and E were its neighbours in the sidebar.
    expect(rewrote(deleted)).toEqual(['a', 'c', 'e'])
    expect(messagesOf(deleted, 'a.md')).toContain('3:42 missing-note Linked note not found: d.md')
    expect(messagesOf(deleted, 'e.md')).toEqual(['3:6 missing-note Linked note not found: d.md'])
    expect(messagesOf(deleted, 'c.md')).toEqual([])
  })

  it('rewrites a note whose backlinks change when a note linking to it is added or removed', async () => {
    const site = await project(workers)
    expect((await site.runWithBacklinks()).errors).toBe(0)
    expect(await site.read('backlinks/a.txt')).toBe('d.md:3\n')
    expect(await site.read('backlinks/c.txt')).toBe('\n')

    await fs.writeFile(path.join(site.content, 'f.md'), '# F\n\nAbout [C](c.md).\n')
    const added = await site.runWithBacklinks()
    // E's page gains F as its next note.
    expect(rewrote(added)).toEqual(['c', 'e', 'f'])
    expect(await site.read('backlinks/c.txt')).toBe('f.md:3\n')

    await fs.rm(path.join(site.content, 'f.md'))
    const removed = await site.runWithBacklinks()
    expect(rewrote(removed)).toEqual(['c', 'e'])
    expect(await site.read('backlinks/c.txt')).toBe('\n')
  })
})

describe('graph views', () => {
  const entry = (relativePath: string, title: string, links: GraphEntry['links'] = []): GraphEntry => ({
    relativePath,
    slug: relativePath.replace('.md', ''),
    title,
    lang: 'en',
    tags: [],
    anchors: ['intro'],
    links
  })
  const a = entry('a.md', 'A', [{from: 'a.md', to: 'b.md', text: 'B', line: 1, column: 1}])
  const b = entry('b.md', 'B')
  const notes = new NoteIndex([
    ['a.md', 'a'],
    ['b.md', 'b']
  ])

  it('answers about the note itself and about notes the build does not have before the graph is complete; anything else is pending', () => {
    const view = new GraphView({self: a, notes})
    expect(view.note('a')?.title).toBe('A')
    expect(view.linksFrom('a.md').map((link) => link.to)).toEqual(['b.md'])
    expect(view.note('nowhere.md')).toBeUndefined()
    expect(view.pending).toBe(false)
    expect(() => view.note('b.md')).toThrow(GraphPending)
    expect(view.pending).toBe(true)
    expect(() => new GraphView({self: a, notes}).linksTo('a.md')).toThrow(GraphPending)
  })

  it('records each answer by note path, and replays them against a later graph', () => {
    const graph = new BuildGraph({entries: [a, b]})
    const view = new GraphView({self: a, notes, graph})
    expect(view.note('b')?.title).toBe('B')
    expect(view.hasAnchor('b.md', 'intro')).toBe(true)
    expect(view.linksTo('b.md').map((link) => link.from)).toEqual(['a.md'])
    expect(Object.keys(view.reads).sort()).toEqual(['["hasAnchor","b.md","intro"]', '["linksTo","b.md"]', '["note","b.md"]'])
    expect(readsHold(view.reads, graph)).toBe(true)
    expect(readsHold(view.reads, new BuildGraph({entries: [a, {...b, title: 'B again'}]}))).toBe(false)
    expect(readsHold(view.reads, new BuildGraph({entries: [{...a, links: []}, b]}))).toBe(false)
    // Adding a heading to B answers no question A asked.
    expect(readsHold(view.reads, new BuildGraph({entries: [a, {...b, anchors: ['intro', 'new']}]}))).toBe(true)
  })
})
