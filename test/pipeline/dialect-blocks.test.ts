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
import {buildDocument} from '../../src/pipeline/document.js'
import {createProcessor, type ProcessorOptions} from '../../src/pipeline/processor.js'
import {readNote} from '../../src/pipeline/read.js'

async function parse(markdown: string, options: ProcessorOptions = {}) {
  const read = readNote('/notes/note.md', new TextEncoder().encode(markdown), {maxBytes: 1 << 22})
  const doc = await buildDocument(createProcessor(options), {
    file: read.file,
    hash: read.hash,
    slug: 'note',
    relativePath: 'note.md',
    context: {contentDir: os.tmpdir(), slugs: new Map([['note.md', 'note']]), fallbackTitle: 'note'}
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

  it('keep the positions of what follows exact', async () => {
    const {doc} = await parse('> a %%x%% b\n')
    const texts: string[] = []
    visit(doc.mdast, 'text', (node) => {
      texts.push(`${node.value}@${node.position!.start.column}-${node.position!.end.column}`)
    })
    expect(texts).toEqual(['a @3-5', 'b@11-12'])
  })
})
