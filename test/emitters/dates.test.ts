/** One date formatter: every format shows the calendar day as written, whatever the offset or the machine's time zone. */
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {formatDate} from '../../src/emitters/intl.js'
import {buildFixture, tempDir} from '../helpers/build.js'
import {pageTexts} from './pdf/tools.js'
import {needs} from '../helpers/tools.js'

describe('dates', () => {
  it('keep the day as written in a timestamp with an offset', () => {
    expect(formatDate('2022-10-10T23:30:00-05:00', 'en')).toBe('October 10, 2022')
    expect(formatDate('2022-10-10T01:30:00+09:00', 'de')).toBe('10. Oktober 2022')
    expect(formatDate('2022-10-10 23:30', 'en')).toBe('October 10, 2022')
    expect(formatDate('not a date', 'en')).toBe('not a date')
  })

  it('read the same on the page, in the handout and in its running header', needs('chromium', 'pdftotext'), async () => {
    const content = await tempDir('quire-dates-')
    await fs.writeFile(path.join(content, 'late.md'), '---\ntitle: Late talk\ndate: 2022-10-10T23:30:00-05:00\n---\n\nIt ran late.\n')
    const built = await buildFixture(content, ['html', 'pdf'], {config: {pdf: {header: '{title}, {date}'}}})
    expect(built.result.errors).toBe(0)
    expect(await built.read('html/late.html')).toContain('>October 10, 2022</time>')
    const text = pageTexts(path.join(built.out, 'pdf', 'late.pdf')).join('\n')
    expect(text).toContain('Late talk, October 10, 2022')
    expect(text.match(/October 10, 2022/g)?.length).toBeGreaterThanOrEqual(2)
    expect(text).not.toContain('October 11')
  })
})
