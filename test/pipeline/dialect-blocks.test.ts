/**
 * The Obsidian and GitHub blocks in the one parse: comments, callouts and
 * alerts, highlights and inline tags, each rule on a small note, through
 * the real processor (what every format then reads).
 */
import os from 'node:os'
import type {Root as HastRoot} from 'hast'
import {toHtml} from 'hast-util-to-html'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import {describe, expect, it} from 'vitest'
import {calloutTypes} from '../../src/pipeline/callout-types.js'
import {buildDocument} from '../../src/pipeline/document.js'
import {LinkTargets} from '../../src/pipeline/link-targets.js'
import {createProcessor, type ProcessorOptions} from '../../src/pipeline/processor.js'
import {readNote} from '../../src/pipeline/read.js'

async function parse(markdown: string, options: ProcessorOptions = {}) {
  const read = readNote('/notes/note.md', new TextEncoder().encode(markdown), {maxBytes: 1 << 22})
  const doc = await buildDocument(createProcessor(options), {
    file: read.file,
    hash: read.hash,
    slug: 'note',
    relativePath: 'note.md',
    context: {contentDir: os.tmpdir(), targets: new LinkTargets([['note.md', 'note']]), fallbackTitle: 'note', maxBytes: 1 << 22}
  })
  if (!doc) throw new Error(read.file.messages.map(String).join('\n'))
  return {
    doc,
    html: toHtml(doc.hast as HastRoot),
    messages: read.file.messages.map((message) => `${message.line}:${message.column} ${message.reason} ${message.ruleId}`)
  }
}

/** Types of the mdast nodes, in document order. */
function types(tree: Root): string[] {
  const found: string[] = []
  visit(tree, (node) => {
    found.push(node.type)
  })
  return found
}

describe('comments', () => {
  it('drop inline comments, leaving one space', async () => {
    const {html, doc} = await parse('Budget approved %%(barely)%% for Q2.\n\n%%alone%%\n\nEnd.\n')
    expect(html).toBe('<p>Budget approved for Q2.</p>\n<p>End.</p>')
    expect(doc.sections[0]!.text).toBe('Budget approved for Q2.\n\nEnd.')
  })

  it('drop block comments over several lines, blank lines, lists and headings; a heading in one is not the title', async () => {
    const {doc, html} = await parse('%%\n# Secret title\n\nDraft:\n\n- one\n- two\n%%\n\nVisible.\n')
    expect(doc.meta.title).toBe('note')
    expect(doc.headings).toEqual([])
    expect(html).toBe('<p>Visible.</p>')
  })

  it('keep `%%` in code spans, code blocks, escapes and character references', async () => {
    const {html} = await parse('Use `%%` here. \\%%not\\%% and &#37;&#37;either&#37;&#37;.\n\n```\nprintf "%%"\n```\n')
    expect(html).toContain('<code>%%</code>')
    expect(html).toContain('%%not%%')
    expect(html).toContain('%%either%%')
    expect(html).toContain('printf "%%"')
  })

  it('remove list items, quotes and table text they empty, and whole blocks between', async () => {
    const {html} = await parse('- one\n- %%two%%\n- three\n\n> %%all of it%%\n\n| a | %%b%% |\n|---|---|\n| c | d |\n')
    expect(html).not.toContain('two')
    expect(html).not.toContain('blockquote')
    expect((html.match(/<li>/g) ?? []).length).toBe(2)
    expect(html).toContain('<th></th>')
  })

  it('leave no definition behind: a link reference defined in a comment stays text', async () => {
    const {html} = await parse('See [secret].\n\n%%\n[secret]: https://private.example\n%%\n')
    expect(html).toBe('<p>See [secret].</p>')
  })

  it('are gone before any plugin runs, user plugins included', async () => {
    const seen: string[] = []
    const spy = () => (tree: Root) => {
      seen.push(toString(tree))
    }
    await parse('Public %%private%% text.\n', {remarkPluginsBefore: [spy]})
    expect(seen).toEqual(['Public text.'])
  })

  it('warn, where it opens, about a comment never closed, and hide the rest of the note', async () => {
    const {html, messages} = await parse('Shown.\n\nAlso %%hidden\n\nand this.\n')
    expect(html).toBe('<p>Shown.</p>\n<p>Also</p>')
    expect(messages).toEqual(['3:6 Comment not closed: `%%` hides the rest of the note (close it with another `%%`) unclosed-comment'])
  })

  it('keep the line ending after them: a callout title line stays one line', async () => {
    const {html} = await parse('> [!note] %%private%%\n> body\n\nA %%x%%\nB\n')
    expect(html).toContain('<p class="callout-title">Note</p>\n<div class="callout-content">\n<p>body</p>')
    expect(html).toContain('<p>A\nB</p>')
  })

  it('keep the positions of what follows exact', async () => {
    const {doc} = await parse('> a %%x%% b\n')
    const texts: string[] = []
    visit(doc.mdast, 'text', (node) => {
      texts.push(`${node.value}@${node.position!.start.column}-${node.position!.end.column}`)
    })
    expect(texts).toEqual(['a @3-5', 'b@11-12'])
  })
})

describe('callouts and alerts', () => {
  const aliases: Record<string, string> = {
    summary: 'abstract', tldr: 'abstract', hint: 'tip', important: 'tip', check: 'success', done: 'success', help: 'question', faq: 'question',
    caution: 'warning', attention: 'warning', fail: 'failure', missing: 'failure', error: 'danger', cite: 'quote'
  }

  it('know every Obsidian type and alias, without regard to case', async () => {
    const names = [...calloutTypes, ...Object.keys(aliases)]
    const {doc} = await parse(names.map((name, index) => `> [!${index % 2 ? name.toUpperCase() : name}]\n> Text.`).join('\n\n') + '\n')
    const found = doc.mdast.children.map((node) => (node.type === 'callout' ? `${node.name}:${node.calloutType}` : node.type))
    expect(found).toEqual(names.map((name) => `${name}:${aliases[name] ?? name}`))
  })

  it('render a titled box; the default title is the name capitalised', async () => {
    const {html} = await parse('> [!faq]\n> Where do notes go?\n')
    expect(html).toBe(
      '<div class="callout callout-question" data-callout="faq">\n<p class="callout-title">Faq</p>\n<div class="callout-content">\n<p>Where do notes go?</p>\n</div>\n</div>'
    )
  })

  it('keep a title of its own with its formatting, and say the type for screen readers', async () => {
    const {doc, html} = await parse('> [!warning] Mind *the* gap\n> Body line one.\n> Body line two.\n')
    expect(html).toContain('<p class="callout-title"><span class="sr-only">Warning: </span>Mind <em>the</em> gap</p>')
    expect(html).toContain('<p>Body line one.\nBody line two.</p>')
    const callout = doc.mdast.children[0]!
    expect(callout.type === 'callout' && callout.children[0].position).toMatchObject({start: {line: 1, column: 3}, end: {line: 1, column: 28}})
  })

  it('fold with `-` (closed) and `+` (open) as details and summary', async () => {
    const {html} = await parse('> [!tip]- Closed\n> hidden\n\n> [!tip]+ Open\n> shown\n')
    expect(html).toContain('<details class="callout callout-tip" data-callout="tip">\n<summary class="callout-title"><span class="sr-only">Tip: </span>Closed</summary>')
    expect(html).toContain('<details class="callout callout-tip" data-callout="tip" open>\n<summary class="callout-title"><span class="sr-only">Tip: </span>Open</summary>')
  })

  it('nest, and draw a type quire does not know as a note that keeps its name', async () => {
    const {html, doc} = await parse('> [!question] Outer\n> text\n> > [!parking-lot]\n> > inner\n')
    expect(html).toContain('<div class="callout callout-note" data-callout="parking-lot">\n<p class="callout-title">Parking-lot</p>')
    expect(types(doc.mdast).filter((type) => type === 'callout')).toHaveLength(2)
  })

  it('read GitHub alerts, and a callout with nothing but its title', async () => {
    const {doc, html} = await parse(['NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION'].map((name) => `> [!${name}]\n> Text.`).join('\n\n') + '\n\n> [!note] Only a title\n')
    expect(doc.mdast.children.map((node) => (node.type === 'callout' ? `${toString(node.children[0])}:${node.calloutType}` : node.type))).toEqual([
      'Note:note',
      'Tip:tip',
      'Important:tip',
      'Warning:warning',
      'Caution:warning',
      'Only a title:note'
    ])
    expect(html.endsWith('<p class="callout-title"><span class="sr-only">Note: </span>Only a title</p>\n</div>')).toBe(true)
  })

  it('leave other block quotes alone: escaped, odd names, no marker', async () => {
    const {doc} = await parse('> \\[!note] escaped\n\n> [!two words]\n\n> [!]\n\n> plain [!note]\n')
    expect(doc.mdast.children.map((node) => node.type)).toEqual(['blockquote', 'blockquote', 'blockquote', 'blockquote'])
  })

  it('give raw HTML no more than the classes callouts use', async () => {
    const {html} = await parse('<div class="callout evil" data-callout="a b" style="color:red" onclick="x()">raw</div>\n')
    expect(html).toBe('<div class="callout">raw</div>')
  })
})

describe('highlights', () => {
  it('mark text with the formatting inside it', async () => {
    const {html, doc} = await parse('Down to ==6 minutes *from 11*== now, ==twice==.\n')
    expect(html).toBe('<p>Down to <mark>6 minutes <em>from 11</em></mark> now, <mark>twice</mark>.</p>')
    expect(doc.sections[0]!.text).toBe('Down to 6 minutes from 11 now, twice.')
  })

  it('leave comparisons, escapes, code and URLs as written', async () => {
    const {html} = await parse('a == b, a === b, \\==no==, `==code==`, https://example.com/?a==b==c and x==\n')
    expect(html).not.toContain('<mark>')
    expect(html).toContain(', ==no==, <code>==code==</code>')
  })

  it('stay within one paragraph, emphasis or link', async () => {
    const {html} = await parse('*a ==b* c== and [==d==](https://example.com)\n')
    expect(html).toBe('<p><em>a ==b</em> c== and <a href="https://example.com"><mark>d</mark></a></p>')
  })
})

describe('inline tags', () => {
  it('are `#tag` and `#nested/tag`, not digits, words, code, links, URLs or escapes', async () => {
    const {doc, html} = await parse(
      'Tags: #meeting and #project/alpha-2, (#paren), #trailing/ #y1984.\n\nNot: #123 C# a#b `#code` [#link](https://example.com) https://example.com/page#frag \\#escaped #\n'
    )
    expect(doc.meta.tags).toEqual(['meeting', 'project/alpha-2', 'paren', 'trailing', 'y1984'])
    expect(html).toContain('<span class="tag" data-tag="project/alpha-2">#project/alpha-2</span>')
    expect(html).toContain('#123 C# a#b <code>#code</code>')
    expect(toString(doc.mdast)).toContain('Tags: #meeting and #project/alpha-2')
  })

  it('are not read from headings', async () => {
    const {doc} = await parse('# Weekly #sync\n\n## Budget #finance\n\ntext\n')
    expect(doc.meta.tags).toEqual([])
    expect(doc.meta.title).toBe('Weekly #sync')
  })

  it('join the front matter tags, after them and once each', async () => {
    const {doc} = await parse('---\ntags: [Platform, meeting, meeting]\n---\n\n#meeting #weekly #platform #weekly\n')
    expect(doc.meta.tags).toEqual(['Platform', 'meeting', 'weekly'])
  })

  it('count in callout titles and content, not in a comment', async () => {
    const {doc} = await parse('> [!note] About #alpha\n> and #beta\n\n%% #hidden %%\n')
    expect(doc.meta.tags).toEqual(['alpha', 'beta'])
  })
})
