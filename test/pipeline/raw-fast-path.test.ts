/**
 * Notes without raw HTML skip the parse5 round trip. That is only a speed-up
 * if nothing else changes: every note of the sample and of the fixtures must
 * give the same HTML, assets and messages both ways.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type {Root} from 'hast'
import {LinkTargets} from '../../src/pipeline/link-targets.js'
import {toHtml} from 'hast-util-to-html'
import {describe, expect, it} from 'vitest'
import {buildDocument} from '../../src/pipeline/document.js'
import {createProcessor} from '../../src/pipeline/processor.js'
import {readNote} from '../../src/pipeline/read.js'
import {fixturesDir, sampleContent} from '../helpers/build.js'

async function notesUnder(folder: string): Promise<string[]> {
  const names = await fs.readdir(folder, {recursive: true})
  return names.map(String).filter((name) => name.endsWith('.md')).map((name) => path.join(folder, name)).sort()
}

async function render(alwaysParseRaw: boolean, note: string) {
  const processor = createProcessor({alwaysParseRaw})
  const read = readNote(note, await fs.readFile(note), {maxBytes: 4 * 1024 * 1024})
  if (!read.ok) return undefined
  const contentDir = path.dirname(note)
  const doc = await buildDocument(processor, {
    file: read.file,
    hash: read.hash,
    slug: 'note',
    relativePath: path.basename(note),
    context: {contentDir, targets: new LinkTargets([[path.basename(note), 'note'], ['other.md', 'other'], ['glossary.md', 'glossary']]), fallbackTitle: 'note', maxBytes: 4 * 1024 * 1024}
  })
  return {
    html: doc ? toHtml(doc.hast as Root) : undefined,
    assets: doc?.assets,
    messages: read.file.messages.map((message) => `${message.line}:${message.column} ${message.reason} ${message.ruleId}`)
  }
}

describe('notes without raw HTML skip parse5', async () => {
  const notes = [...(await notesUnder(sampleContent)), ...(await notesUnder(fixturesDir))]

  it('finds notes of both kinds', async () => {
    const texts = await Promise.all(notes.map((note) => fs.readFile(note, 'utf8')))
    expect(texts.filter((text) => /<[a-z]/i.test(text)).length).toBeGreaterThan(3)
    expect(texts.filter((text) => !/<[a-z!]/i.test(text)).length).toBeGreaterThan(10)
  })

  it.each(notes.map((note) => [path.relative(fixturesDir, note), note]))('%s: same HTML, assets and messages', async (_, note) => {
    const fast = await render(false, note)
    const full = await render(true, note)
    expect(fast).toEqual(full)
  })

  it('writes `data-footnotes=""` either way', async () => {
    const note = notes.find((file) => file.endsWith(path.join('epub', 'features', 'split.md')))!
    const fast = await render(false, note)
    expect(fast?.html).toContain('<section data-footnotes="" class="footnotes">')
  })
})
