/**
 * Preformatted text in PDFs (`src/emitters/pdf/fit-preformatted.ts`): an
 * ASCII diagram and a log line wider than the page keep their lines, in a
 * smaller type; a short block keeps its size; a line too long even at the
 * smallest size wraps, every character printed; code in a language (the
 * SQL query) wraps at its size (`code-lines.ts`). Read back with pdftotext
 * (`test/fixtures/preformatted`).
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {textBlockWidth} from '../../../src/emitters/pdf/fit-preformatted.js'
import {buildFixture, fixturesDir, type FixtureBuild} from '../../helpers/build.js'
import {pageTexts} from './tools.js'
import {needs} from '../../helpers/tools.js'

const fixture = path.join(fixturesDir, 'preformatted')
const source = fs.readFileSync(path.join(fixture, 'request-lifecycle.md'), 'utf8')
const squeeze = (line: string) => line.replace(/\s+/g, ' ').trim()

/** The lines of the fenced block that starts with `opening`, as written. */
function block(opening: string): string[] {
  const start = source.indexOf(opening)
  const body = source.slice(source.indexOf('\n', start) + 1)
  return body.slice(0, body.search(/^ *```$/m)).replace(/\n$/, '').split('\n').map((line) => line.replace(/^ {3}(?=\S)/, ''))
}

interface Word {
  readonly text: string
  readonly xMax: number
  readonly height: number
}

/** Every word of the first page with its box (pdftotext -bbox), and the page width, in points. */
function words(file: string): {width: number; words: Word[]} {
  const result = spawnSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], {encoding: 'utf8'})
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`)
  const width = Number(/<page width="([\d.]+)"/.exec(result.stdout)![1])
  const found = [...result.stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((match) => ({
    text: match[5]!,
    xMax: Number(match[3]),
    height: Number(match[4]) - Number(match[2])
  }))
  return {width, words: found}
}

describe('pdf: preformatted text', needs('chromium', 'pdftotext'), () => {
  let site: FixtureBuild
  let file: string
  beforeAll(async () => {
    site = await buildFixture(fixture, ['pdf'])
    file = path.join(site.out, 'pdf', 'request-lifecycle.pdf')
  }, 120_000)

  it('prints on one page with no message', () => {
    expect(site.result.warnings + site.result.errors).toBe(0)
    expect(pageTexts(file)).toHaveLength(1)
  })

  it('keeps every line of the diagram and the log line on one printed line', () => {
    const printed = new Set(pageTexts(file)[0]!.split('\n').map(squeeze))
    const lines = [...block('```text'), ...block('```\n2024')]
    expect(lines.length).toBe(12)
    for (const line of lines) expect(printed, line).toContain(squeeze(line))
  })

  it('wraps the code in a language at its size instead, every character printed', () => {
    const text = pageTexts(file)[0]!
    const rows = text.split('\n').map(squeeze)
    for (const line of block('```sql')) {
      const at = rows.findIndex((row) => row !== '' && line.startsWith(row.slice(0, 20)))
      expect(at, line).toBeGreaterThan(-1)
      // Longer than the block: it goes on in the next printed row.
      expect(rows[at]!.length).toBeLessThan(squeeze(line).length)
      expect((rows[at]! + ' ' + rows[at + 1]!).replace(/\s+/g, '')).toContain(line.replace(/\s+/g, '').slice(0, rows[at]!.replace(/\s+/g, '').length + 10))
    }
  })

  it('scales the wide blocks down, not the short one, and no further than the floor', () => {
    const {words: all} = words(file)
    const height = (text: string) => {
      const word = all.find((candidate) => candidate.text.startsWith(text))
      if (!word) throw new Error(`No word ${text} on the first page`)
      return word.height
    }
    const full = height('curl')
    const diagram = height('Browser')
    const token = height('eyJhbG')
    const body = height('travels')
    // The short block is at the size code has in the text (0.88em of 10.5pt), and so is the query, which wraps.
    expect(full / body).toBeCloseTo(0.88, 1)
    expect(height('SELECT')).toBeCloseTo(full, 1)
    expect(diagram).toBeLessThan(full * 0.95)
    expect(token).toBeLessThan(diagram)
    // The floor is 6pt (8px), that is 0.65 of 9.24pt.
    expect(token / full).toBeCloseTo(8 / (10.5 * 0.88 * (96 / 72)), 1)
  })

  it('wraps the line no size can fit, and nothing runs past the right margin', () => {
    const token = block('```\n   eyJ')[0]!
    const text = pageTexts(file)[0]!
    const at = text.indexOf('eyJhbG')
    expect(text.slice(at, at + token.length + 40).replace(/\s+/g, '')).toContain(token)
    expect(text.slice(at).split('\n')[0]!.trim().length).toBeLessThan(token.length)
    const {width, words: all} = words(file)
    // 18 mm right margin, in points.
    const right = width - (18 * 72) / 25.4
    expect(all.filter((word) => word.xMax > right + 0.5).map((word) => word.text)).toEqual([])
  })
})

describe('textBlockWidth', () => {
  it('is the paper less its side margins, in CSS pixels, as puppeteer converts them', () => {
    expect(textBlockWidth({format: 'A4', margin: {top: '20mm', right: '18mm', bottom: '20mm', left: '18mm'}})).toBeCloseTo(657.62, 1)
    expect(textBlockWidth({format: 'Letter', margin: {top: '0', right: '1in', bottom: '0', left: '0.5in'}})).toBeCloseTo(672, 5)
    expect(textBlockWidth({format: 'A5', margin: {top: '0', right: '0', bottom: '0', left: '36pt'}})).toBeCloseTo(5.8268 * 96 - 48, 5)
  })
})
