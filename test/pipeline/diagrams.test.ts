/**
 * Mermaid diagrams drawn at build time, in every format: inline SVG that
 * validates, prints and passes epubcheck; a bad diagram is a positioned
 * warning; without a browser the build says so once and shows code.
 * A diagram's fence may carry more than the language (```` ```mermaid
 * title="…" ````, pandoc's ```` ```{.mermaid} ````).
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {attr, hasClass, ids, one, parsePage, select, text} from '../emitters/html/dom.js'
import {validatePage} from '../emitters/html/validate.js'
import {epubcheck, openEpub} from '../emitters/epub/helpers.js'
import {pageTexts} from '../emitters/pdf/tools.js'
import {needs} from '../helpers/tools.js'
import {buildFixture, messageLines, tempDir, type FixtureBuild} from '../helpers/build.js'

const note = `# Architecture

How a request flows:

\`\`\`mermaid
graph TD
  Client[Browser client] --> Server{Load balancer}
  Server -->|healthy| Worker[Worker pool]
  Server -->|down| Fallback[Static page]
\`\`\`

The same flow again, for the second section, with a title in the info string:

\`\`\`mermaid title="Second flow"
graph TD
  Client[Browser client] --> Server{Load balancer}
  Server -->|healthy| Worker[Worker pool]
  Server -->|down| Fallback[Static page]
\`\`\`

\`\`\`{.mermaid}
sequenceDiagram
  accTitle: Sign-in handshake
  Alice->>Bob: Hello Bob
  Bob-->>Alice: Hi Alice
\`\`\`

A draft that does not parse yet:

\`\`\`mermaid
graph TD
  A -->
  ((
\`\`\`
`

async function project(): Promise<string> {
  const content = await tempDir('quire-diagrams-')
  await fs.writeFile(path.join(content, 'architecture.md'), note)
  return content
}

describe('mermaid diagrams', needs('chromium', 'pdftotext'), () => {
  let site: FixtureBuild
  let content: string
  beforeAll(async () => {
    content = await project()
    site = await buildFixture(content, ['html', 'pdf', 'epub', 'json', 'thread'])
  }, 120_000)

  it('warn, with its place and mermaid’s message, about a diagram that does not parse, and build the note', () => {
    expect(site.result.errors).toBe(0)
    const lines = messageLines(site.result, content)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^architecture\.md:30:1 warning Diagram not drawn: Parse error on line 3: .* diagram-invalid$/)
  })

  it('HTML: inline SVG with an accessible name, ids unique in the page, the broken one as code', async () => {
    const html = await site.read('html/architecture.html')
    expect(await validatePage(html, 'architecture.html')).toEqual([])
    const page = parsePage(html)
    const figures = select(page, 'figure', hasClass('diagram'))
    expect(figures).toHaveLength(3)
    const svgs = figures.map((figure) => one(figure, 'svg'))
    expect(svgs.map((svg) => [attr(svg, 'role'), attr(svg, 'ariaLabel')])).toEqual([
      ['img', 'graph TD'],
      ['img', 'graph TD'],
      ['img', 'Sign-in handshake']
    ])
    expect(svgs.map((svg) => attr(svg, 'id'))).toEqual(['diagram-1', 'diagram-2', 'diagram-3'])
    expect(text(figures[0]!)).toContain('Browser client')
    // No script came with the drawing; the page has the site frame's only.
    expect(html.replace(/<script src="(?:sidebar|nav|search)\.js" defer><\/script>/g, '')).not.toMatch(/<script/i)
    const every = [...ids(page)]
    expect(new Set(every).size).toBe(every.length)
    expect(text(one(page, 'pre'))).toContain('((')
  })

  it('PDF: the labels print as text', () => {
    const printed = pageTexts(path.join(site.out, 'pdf', 'architecture.pdf')).join('\n')
    for (const label of ['Browser client', 'Load balancer', 'Worker pool', 'Hello Bob']) expect(printed).toContain(label)
    expect(printed).not.toContain('graph TD\n  Client')
  })

  it('EPUB: the SVG passes epubcheck, declared in the manifest', needs('epubcheck'), async () => {
    const file = path.join(site.out, 'epub', 'architecture.epub')
    expect((await epubcheck(file)).messages).toEqual([])
    const epub = await openEpub(await fs.readFile(file))
    expect(await epub.text('OEBPS/content.opf')).toMatch(/href="chapter-01\.xhtml" media-type="application\/xhtml\+xml" properties="svg"/)
  })

  it('JSON and threads keep the source as a code block', async () => {
    const json = JSON.parse(await site.read('json/architecture.json'))
    expect(json.sections[0].codeBlocks.map((block: {lang: string}) => block.lang)).toEqual(['mermaid', 'mermaid', 'mermaid', 'mermaid'])
    expect(await site.read('thread/architecture.json')).not.toContain('<svg')
  })

  it('are drawn once: a rebuild takes them from the cache, an edited one is drawn again', async () => {
    const cache = await tempDir('quire-diagrams-cache-')
    const out = await tempDir()
    await buildFixture(content, ['html'], {out, cache})
    const drawn = async () => (await fs.readdir(path.join(cache, 'diagrams'))).sort()
    const first = await drawn()
    // Three distinct sources: two diagrams and the broken draft (a failure is remembered too).
    expect(first).toHaveLength(3)
    await fs.writeFile(path.join(content, 'architecture.md'), note.replace('Hello Bob', 'Hello again'))
    const again = await buildFixture(content, ['html'], {out, cache})
    expect(await again.read('html/architecture.html')).toContain('Hello again')
    const second = await drawn()
    expect(second).toHaveLength(4)
    expect(second.filter((name) => !first.includes(name))).toHaveLength(1)
  })
})

describe('mermaid diagrams without a browser', () => {
  const saved = process.env.PUPPETEER_EXECUTABLE_PATH
  afterEach(() => {
    if (saved === undefined) delete process.env.PUPPETEER_EXECUTABLE_PATH
    else process.env.PUPPETEER_EXECUTABLE_PATH = saved
  })

  it('give one build warning and keep their code blocks; the build does not fail', async () => {
    process.env.PUPPETEER_EXECUTABLE_PATH = path.join(await tempDir(), 'no-such-browser')
    const content = await project()
    await fs.writeFile(path.join(content, 'second.md'), '# Second\n\n```mermaid\ngraph LR\n  A --> B\n```\n')
    const site = await buildFixture(content, ['html'], {cache: false})
    expect(site.result.errors).toBe(0)
    expect(site.result.messages.map((message) => message.ruleId)).toEqual(['diagrams-unavailable'])
    expect(site.result.notes.flatMap((note) => note.messages)).toEqual([])
    const page = parsePage(await site.read('html/architecture.html'))
    expect(select(page, 'svg')).toEqual([])
    expect(select(page, 'pre')).toHaveLength(4)
  })
})
