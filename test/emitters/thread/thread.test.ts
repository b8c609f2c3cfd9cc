import fs from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildFixture, fixturesDir, messageLines, sampleContent, type FixtureBuild} from '../../helpers/build.js'
import {parseDraft} from './drafts.js'
import {keyPoints, limits, missingInOrder, squash, stripNumbering, talks, withinLimit, type PlatformName} from './rules.js'

interface JsonPost {
  text: string
  length: number
  limit: number
}
interface JsonThread {
  id: string
  kind: 'section' | 'summary'
  title: string
  link?: string
  posts: Record<PlatformName, JsonPost[]>
}
interface JsonThreads {
  schemaVersion: number
  slug: string
  title: string
  threads: JsonThread[]
}

const platforms: PlatformName[] = ['x', 'bluesky', 'mastodon']
const site = {site: {url: 'https://notes.example/'}}
const edgeContent = path.join(fixturesDir, 'thread', 'edge')

async function notes(content: string): Promise<{slug: string; source: string}[]> {
  const files = (await fs.readdir(content)).filter((file) => file.endsWith('.md')).sort()
  return Promise.all(files.map(async (file) => ({slug: file.replace(/\.md$/u, ''), source: await fs.readFile(path.join(content, file), 'utf8')})))
}

type Points = 'fit' | 'all'

describe('thread: the sample and the edge-case fixtures', () => {
  /** Each content folder built twice: with the default `points: 'fit'` and with `points: 'all'`. */
  const builds: {name: string; points: Points; content: string; build: FixtureBuild}[] = []
  const configFor = (points: Points) => (points === 'fit' ? site : {...site, thread: {points}})
  const only = (name: string, points: Points) => builds.find((entry) => entry.name === name && entry.points === points)!

  beforeAll(async () => {
    for (const [name, content] of [
      ['sample', sampleContent],
      ['edge', edgeContent]
    ] as const) {
      for (const points of ['fit', 'all'] as const) {
        builds.push({name, points, content, build: await buildFixture(content, ['thread'], {config: configFor(points)})})
      }
    }
  })

  it('builds every note without errors and writes three drafts and one JSON file per note', async () => {
    for (const {content, build} of builds) {
      expect(messageLines(build.result, content).filter((line) => / error /u.test(line))).toEqual([])
      expect(build.result.errors).toBe(0)
      for (const {slug} of await notes(content)) {
        for (const file of [`${slug}.x.md`, `${slug}.bluesky.md`, `${slug}.mastodon.md`, `${slug}.json`]) {
          expect(build.result.written).toContain(`thread/${file}`)
        }
      }
    }
  })

  it('keeps every post non-empty and within its limit by the platform’s own rule', async () => {
    let checked = 0
    for (const {content, build} of builds) {
      for (const {slug} of await notes(content)) {
        const json = JSON.parse(await build.read(`thread/${slug}.json`)) as JsonThreads
        for (const thread of json.threads) {
          for (const platform of platforms) {
            const posts = thread.posts[platform]
            expect(posts.length, `${slug} ${thread.id} ${platform}`).toBeGreaterThan(0)
            for (const post of posts) {
              expect(stripNumbering(post.text).trim(), `${slug} ${thread.id} ${platform}`).not.toBe('')
              expect(withinLimit(platform, post.text), `${platform} post too long:\n${post.text}`).toBe(true)
              expect(post.limit).toBe(limits[platform])
              expect(post.length).toBeLessThanOrEqual(post.limit)
              checked++
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(500)
  })

  it('numbers every thread 1/n … n/n', async () => {
    for (const {content, build} of builds) {
      for (const {slug} of await notes(content)) {
        const json = JSON.parse(await build.read(`thread/${slug}.json`)) as JsonThreads
        for (const thread of json.threads) {
          for (const platform of platforms) {
            const posts = thread.posts[platform]
            posts.forEach((post, index) => expect(post.text.endsWith(`\n\n${index + 1}/${posts.length}`), post.text).toBe(true))
          }
        }
      }
    }
  })

  it('points: all keeps every key point of the section threads, in order, and every URL whole', async () => {
    for (const {content, build} of builds.filter((entry) => entry.points === 'all')) {
      for (const {slug, source} of await notes(content)) {
        const {points, urls} = keyPoints(source)
        const json = JSON.parse(await build.read(`thread/${slug}.json`)) as JsonThreads
        for (const platform of platforms) {
          const posts = json.threads.filter((thread) => thread.kind === 'section').flatMap((thread) => thread.posts[platform].map((post) => stripNumbering(post.text)))
          expect(missingInOrder(squash(posts.join('\n')), points.map(squash)), `${slug} ${platform}`).toEqual([])
          for (const url of urls) expect(posts.some((post) => post.includes(url)), `${slug} ${platform}: ${url}`).toBe(true)
        }
        if (slug === 'nodeconfeu-2022') expect(points.length).toBeGreaterThan(200)
      }
    }
  })

  it('points: fit (the default) gives each talk one post: title and handles first, then its first key points, in order and whole', async () => {
    const sample = only('sample', 'fit')
    const source = await fs.readFile(path.join(sampleContent, 'nodeconfeu-2022.md'), 'utf8')
    const json = JSON.parse(await sample.build.read('thread/nodeconfeu-2022.json')) as JsonThreads
    const expected = talks(source)
    expect(expected).toHaveLength(24)
    // Heading text without handles and punctuation: the post may move the handles to the end.
    const bare = (title: string) => title.replace(/@[A-Za-z0-9_]{1,15}\b/gu, '').replace(/[-–—:|,\s]/gu, '')
    const lead = (text: string) => text.replace(/\s*:$/u, '')
    let posts = 0
    let withChildren = 0
    for (const platform of platforms) {
      for (const thread of json.threads.filter((entry) => entry.kind === 'section')) {
        const texts = thread.posts[platform].map((post) => post.text)
        const noted = expected.filter((talk) => talk.section === thread.title && talk.points.length > 0)
        // The hook, then exactly one post per talk with notes (a talk with none has no post), in the note's order.
        expect(texts, `${platform} ${thread.id}`).toHaveLength(1 + noted.length)
        noted.forEach((talk, index) => {
          const post = texts[index + 1]!
          const where = `${platform} ${talk.title}:\n${post}`
          const [head, blank, ...rest] = stripNumbering(post).split('\n')
          expect(bare(head!), where).toBe(bare(talk.title))
          if (talk.handles.length > 0) expect(head!.endsWith(` ${talk.handles.join(' ')}`), where).toBe(true)
          expect(blank, where).toBe('')
          const lines = rest.filter((line) => line !== '')
          // The first key point is always there: every title in the sample leaves room for it.
          expect(lines.length, where).toBeGreaterThan(0)
          let at = 0
          let shown = 0
          while (at < lines.length) {
            const line = lines[at]!
            expect(line.startsWith(' '), where).toBe(false)
            const text = line.replace(/^- /u, '')
            const children: string[] = []
            at++
            while (at < lines.length && (lines[at]!.startsWith(' ') || (!line.startsWith('- ') && text.endsWith(':') && lines[at]!.startsWith('- ')))) {
              children.push(lines[at++]!.replace(/^\s*- /u, ''))
            }
            // Prefix of the talk's key points: the next one in the note, never another one.
            const point = talk.points[shown]!
            expect(point, where).toBeDefined()
            const last = at === lines.length
            if (text.endsWith('…')) {
              // Only the first point, when it alone does not fit, is shortened: at a word boundary, with an ellipsis.
              expect(shown, where).toBe(0)
              expect(last, where).toBe(true)
              const kept = text.slice(0, -1)
              expect(lead(point.text).startsWith(kept), where).toBe(true)
              expect(/^\s/u.test(lead(point.text).slice(kept.length)), where).toBe(true)
            } else if (children.length > 0) {
              // A lead-in with `:` comes with the bullets under it, in order (all of them unless it is the first point).
              expect(text, where).toBe(point.text)
              expect(text.endsWith(':'), where).toBe(true)
              expect(children, where).toEqual(point.children.slice(0, children.length))
              if (shown > 0 || !last) expect(children, where).toEqual(point.children)
              withChildren++
            } else {
              // Whole, and never a dangling lead-in: a `:` line without what follows loses its colon (first point only).
              expect(text.endsWith(':'), where).toBe(false)
              expect(text, where).toBe(lead(point.text))
              if (point.text.endsWith(':') && point.children.length > 0) expect([shown, last], where).toEqual([0, true])
              else expect(point.children.length === 0 || !point.text.endsWith(':'), where).toBe(true)
            }
            shown++
          }
          // As many as fit: the next key point would not fit (written with at least the room it would take).
          const next = talk.points[shown]
          if (next && !lines.at(-1)!.endsWith('…')) {
            const sep = !next.bullet ? '\n\n' : /^\s*- /u.test(lines.at(-1)!) ? '\n- ' : '\n\n- '
            const nextText = next.text.endsWith(':') && next.children.length > 0 ? [next.text, ...next.children].join('\n  - ') : lead(next.text)
            const longer = post.replace(/\n\n(\d+\/\d+)$/u, `${sep}${nextText}\n\n$1`)
            expect(withinLimit(platform, longer), where).toBe(false)
          }
          posts++
        })
      }
    }
    expect(posts).toBe(3 * 23)
    expect(withChildren).toBeGreaterThan(0)
  })

  it('points: fit never ends a line with a dangling ":" and leaves code summaries out of section threads', async () => {
    for (const {content, build} of builds.filter((entry) => entry.points === 'fit')) {
      for (const {slug} of await notes(content)) {
        const json = JSON.parse(await build.read(`thread/${slug}.json`)) as JsonThreads
        for (const thread of json.threads.filter((entry) => entry.kind === 'section')) {
          for (const platform of platforms) {
            for (const post of thread.posts[platform].slice(1)) {
              const lines = stripNumbering(post.text).split('\n')
              lines.forEach((line, index) => {
                if (line.endsWith(':')) expect(lines[index + 1] ?? '', `${slug} ${platform}:\n${post.text}`).toMatch(/^\s*- /u)
              })
              expect(lines.some((line) => /^\s*(- )?\(code(: \w+)?\)$/u.test(line)), post.text).toBe(false)
            }
          }
        }
      }
    }
  })

  it('points: fit shortens a first key point too long for the post at a word boundary, with an ellipsis', async () => {
    const source = await fs.readFile(path.join(edgeContent, 'mentions.md'), 'utf8')
    const first = /^- (.*)$/mu.exec(source)![1]!
    const json = JSON.parse(await only('edge', 'fit').build.read('thread/mentions.json')) as JsonThreads
    const post = (platform: PlatformName) => stripNumbering(json.threads[0]!.posts[platform][1]!.text)
    for (const platform of ['x', 'bluesky'] as const) {
      expect(json.threads[0]!.posts[platform]).toHaveLength(2)
      const [head, point] = post(platform).split('\n\n- ')
      expect(head).toBe('Talk by someone - on boundaries @someone_else')
      expect(point!.endsWith('…')).toBe(true)
      const kept = point!.slice(0, -1)
      expect(kept.length).toBeGreaterThan(100)
      expect(first.startsWith(`${kept} `)).toBe(true)
    }
    // Mastodon has room for the whole first point, not for the second: it stops there rather than cut it.
    expect(post('mastodon')).toBe(`Talk by someone - on boundaries @someone_else\n\n- ${first}`)
  })

  it('points: all continues a talk over as many posts as it needs', async () => {
    const json = JSON.parse(await only('sample', 'all').build.read('thread/nodeconfeu-2022.json')) as JsonThreads
    const day1 = json.threads[0]!.posts.x.map((post) => post.text)
    const liz = day1.findIndex((post) => post.startsWith('Liz Parody - new features in Node.js\n'))
    const cody = day1.findIndex((post) => post.startsWith('Cody zuschlang - Modern fullstack\n'))
    expect(cody - liz).toBeGreaterThan(3)
    expect(day1[liz + 1]).toContain('suggested external libs (proxyquire, esmock, sinon)')
  })

  it('writes drafts that read back to exactly the posts of the JSON file', async () => {
    for (const {content, build} of builds) {
      for (const {slug} of await notes(content)) {
        const json = JSON.parse(await build.read(`thread/${slug}.json`)) as JsonThreads
        for (const platform of platforms) {
          const drafts = parseDraft(await build.read(`thread/${slug}.${platform}.md`))
          expect(drafts.map((thread) => thread.title)).toEqual(json.threads.map((thread) => thread.title))
          drafts.forEach((draft, index) => {
            const posts = json.threads[index]!.posts[platform]
            expect(draft.posts.map((post) => post.text)).toEqual(posts.map((post) => post.text))
            expect(draft.posts.map((post) => [post.index, post.total, post.length, post.limit])).toEqual(
              posts.map((post, at) => [at + 1, posts.length, post.length, post.limit])
            )
          })
        }
      }
    }
  })

  it('escapes post lines that look like markers or thread headings', async () => {
    const edge = only('edge', 'all')
    const draft = await edge.build.read('thread/mentions.x.md')
    expect(draft).toMatch(/^\\<!-- post 3\/4 --> at the start/mu)
    expect(draft).toMatch(/^\\## Thread: fake/mu)
    // A title with `-->` cannot end the header comment early.
    const tricky = await edge.build.read('thread/comment-title.x.md')
    const header = tricky.slice(0, tricky.indexOf('\n-->\n'))
    expect(header.slice(4)).not.toContain('--')
    expect(header).toContain('Tricky - -> title')
  })

  it('writes one thread per top-level section and a summary thread for the sample', async () => {
    const sample = only('sample', 'fit')
    const json = JSON.parse(await sample.build.read('thread/nodeconfeu-2022.json')) as JsonThreads
    expect(json.schemaVersion).toBe(1)
    expect(json.threads.map((thread) => [thread.kind, thread.id, thread.title])).toEqual([
      ['section', 'day-1', 'day 1'],
      ['section', 'day-2', 'day 2'],
      ['section', 'day-3', 'Day 3'],
      ['summary', 'summary', 'nodeconfeu2022-notes']
    ])
    const day1 = json.threads[0]!.posts.x
    expect(day1[0]!.text).toContain('https://notes.example/nodeconfeu-2022.html#day-1')
    expect(day1.some((post) => post.text.startsWith('James Snell - AbortController @jasnell\n'))).toBe(true)
    const summary = json.threads[3]!.posts.mastodon
    expect(summary[0]!.text).toContain('My notes from NodeConfEU 2022')
    expect(summary[summary.length - 1]!.text).toContain('Full notes: https://notes.example/nodeconfeu-2022.html')
    // The summary has one post per day, listing talks with their speakers' handles.
    expect(summary.filter((post) => /^(day 1|day 2|Day 3)\n/u.test(post.text))).toHaveLength(3)
    expect(summary.some((post) => post.text.includes('- James Snell - AbortController @jasnell'))).toBe(true)
    // A first bullet that is only a handle names the speaker instead of being a key point.
    expect(summary.some((post) => post.text.includes('- Luke Golmquist - Lesser known Node.js modules @sienaluke\n'))).toBe(true)
    const day2 = json.threads[1]!.posts.x.map((post) => post.text)
    expect(day2.find((post) => post.startsWith('Luke Golmquist'))).toMatch(/^Luke Golmquist - Lesser known Node\.js modules @sienaluke\n\n- "Sometimes tiny doors/u)
  })

  it('keeps list numbers, task ticks and table rows of the reading list', async () => {
    const sample = only('sample', 'fit')
    const json = JSON.parse(await sample.build.read('thread/reading-list.json')) as JsonThreads
    const texts = json.threads.filter((thread) => thread.kind === 'section').flatMap((thread) => thread.posts.x.map((post) => post.text))
    expect(texts).toContainEqual(expect.stringContaining('- [x] Read the release guide\n- [x] Shadow a release\n- [ ] Cut a release with a mentor'))
    expect(texts).toContainEqual(expect.stringContaining('3. Tag the commit\n4. Build the binaries\n5. Announce it'))
    expect(texts).toContainEqual(expect.stringContaining('Line | Status | Ends\nCurrent | new features | 6 months'))
    expect(texts).toContainEqual(expect.stringContaining('A checkerboard, used as a stand-in diagram'))
  })

  it('handles notes without sections, empty notes, empty headings and a heading that takes the id "summary"', async () => {
    const edge = only('edge', 'fit')
    const degenerate = JSON.parse(await edge.build.read('thread/degenerate.json')) as JsonThreads
    expect(degenerate.threads.map((thread) => thread.id)).toEqual(['summary', 'empty-section', 'summary-1', 'summary-note'])
    // The empty `## ` heading is not a talk: two titled sub-sections, not three.
    expect(degenerate.threads.at(-1)!.posts.x[0]!.text).toContain('Summary (2)')
    const empty = JSON.parse(await edge.build.read('thread/empty.json')) as JsonThreads
    expect(empty.threads.map((thread) => thread.posts.x.map((post) => post.text))).toEqual([
      ['empty\n\nhttps://notes.example/empty.html\n\n1/2', 'Full notes: https://notes.example/empty.html\n\n2/2']
    ])
    const plain = JSON.parse(await edge.build.read('thread/no-headings.json')) as JsonThreads
    expect(plain.threads.map((thread) => thread.kind)).toEqual(['summary'])
    expect(plain.threads[0]!.posts.bluesky.map((post) => post.text)).toEqual([
      'no-headings\n\nJust a paragraph, no headings at all. It has two sentences.\n\nhttps://notes.example/no-headings.html\n\n1/3',
      '- and a list\n- of two\n\n2/3',
      'Full notes: https://notes.example/no-headings.html\n\n3/3'
    ])
  })

  it('summarises code blocks as "(code: lang)" and never writes their source', async () => {
    const edge = only('edge', 'all')
    const json = JSON.parse(await edge.build.read('thread/code.json')) as JsonThreads
    const all = json.threads[0]!.posts.x.map((post) => post.text).join('\n')
    expect(all).toContain('(code: js)')
    expect(all).toContain('(code: rust)')
    expect(all).toContain('(code)')
    expect(all).not.toContain('console.log')
    expect(all).not.toContain('fn main')
  })

  it('ends a post cut inside a sentence with an ellipsis and starts the next one with it', async () => {
    const edge = only('edge', 'all')
    const json = JSON.parse(await edge.build.read('thread/giant-word.json')) as JsonThreads
    const posts = json.threads[0]!.posts.x.map((post) => stripNumbering(post.text))
    const cut = posts.filter((post) => post.endsWith('…'))
    expect(cut.length).toBeGreaterThan(2)
    for (const post of cut) expect(posts[posts.indexOf(post) + 1]!.startsWith('…')).toBe(true)
  })

  it('matches the reviewed snapshot of the sample’s Day 1 X thread', async () => {
    const sample = only('sample', 'fit')
    const draft = await sample.build.read('thread/nodeconfeu-2022.x.md')
    const day1 = draft.slice(draft.indexOf('## Thread: day 1'), draft.indexOf('## Thread: day 2'))
    expect(day1.length).toBeGreaterThan(1000)
    await expect(day1).toMatchFileSnapshot('__snapshots__/nodeconfeu-day1.x.md')
  })

  it('rebuilds byte for byte', async () => {
    for (const {content, points, build} of builds) {
      const again = await buildFixture(content, ['thread'], {config: configFor(points)})
      const files = build.result.written.filter((file) => file.startsWith('thread/'))
      expect(again.result.written.filter((file) => file.startsWith('thread/'))).toEqual(files)
      for (const file of files) expect((await again.readBytes(file)).equals(await build.readBytes(file)), file).toBe(true)
    }
  })
})

describe('thread: a token longer than a whole post', () => {
  it('cuts it only as a last resort and says so in a positioned warning', async () => {
    const content = path.join(fixturesDir, 'thread', 'cut')
    const build = await buildFixture(content, ['thread'])
    const warnings = messageLines(build.result, content).filter((line) => line.includes('thread-cut-token'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^too-long-url\.md:\d+:\d+ warning .*longer than a whole Bluesky post/u)
    const json = JSON.parse(await build.read('thread/too-long-url.json')) as JsonThreads
    for (const thread of json.threads) for (const platform of platforms) for (const post of thread.posts[platform]) expect(withinLimit(platform, post.text)).toBe(true)
    // X and Mastodon count a URL as 23: there it stays whole.
    const url = `https://example.com/${'a'.repeat(400)}`
    expect(json.threads[0]!.posts.x.some((post) => post.text.includes(url))).toBe(true)
    expect(json.threads[0]!.posts.mastodon.some((post) => post.text.includes(url))).toBe(true)
  })
})
