/**
 * Fixture folders are the spec: each folder under test/fixtures/pipeline is
 * built, and its messages must equal `messages.txt` (regenerate with
 * UPDATE_FIXTURES=1 and review the diff).
 */
import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {fixturesDir, messageLines} from '../helpers/build.js'
import {parseFolder} from '../helpers/probe.js'

const root = path.join(fixturesDir, 'pipeline')
const cases = fs.readdirSync(root).filter((name) => fs.statSync(path.join(root, name)).isDirectory()).sort()

describe('pipeline fixtures', () => {
  it.each(cases)('%s', async (name) => {
    const content = path.join(root, name)
    const {documents, result} = await parseFolder(content)
    const built = documents.map((doc) => `built ${doc.relativePath} "${doc.meta.title}" (${doc.meta.titleSource})`)
    const actual = [...built, ...messageLines(result, content)].join('\n') + '\n'
    const expectedFile = path.join(content, 'messages.txt')
    if (process.env.UPDATE_FIXTURES) fs.writeFileSync(expectedFile, actual)
    expect(actual).toBe(fs.readFileSync(expectedFile, 'utf8'))
  })
})
