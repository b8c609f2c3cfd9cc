/**
 * Two builds of the same input at different times give byte-identical
 * html, json, epub and thread files; with SOURCE_DATE_EPOCH, PDFs too.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {builtinFormats} from '../../src/emitters/registry.js'
import {sampleContent, tempDir} from '../helpers/build.js'
import {runCli} from '../helpers/cli.js'
import {needs} from '../helpers/tools.js'
import {snapshot} from '../helpers/tree.js'

async function twice(formats: string[], env: Record<string, string>): Promise<[Map<string, string>, Map<string, string>]> {
  const outA = await tempDir('quire-repro-a-')
  const outB = await tempDir('quire-repro-b-')
  const a = await runCli(['build', sampleContent, '--out', outA, '--format', formats.join(',')], {env})
  expect(a.code, a.stderr).toBe(0)
  await new Promise((resolve) => setTimeout(resolve, 1100))
  const b = await runCli(['build', sampleContent, '--out', outB, '--format', formats.join(',')], {env})
  expect(b.code, b.stderr).toBe(0)
  return [await snapshot(outA), await snapshot(outB)]
}

describe('reproducible builds', () => {
  const always = builtinFormats.filter((format) => format !== 'pdf')

  it(`${always.join(', ')}: byte-identical at different times`, async () => {
    const [a, b] = await twice(always, {SOURCE_DATE_EPOCH: ''})
    for (const format of always) expect([...a.keys()].some((file) => file.startsWith(format + path.sep)), format).toBe(true)
    expect(b).toEqual(a)
  }, 240_000)

  it('pdf: byte-identical with SOURCE_DATE_EPOCH', {...needs('chromium'), timeout: 240_000}, async () => {
    const [a, b] = await twice(['pdf'], {SOURCE_DATE_EPOCH: '1665000000'})
    expect(a.size).toBeGreaterThan(0)
    expect(b).toEqual(a)
  })

  it('the manifest records every output with its note', async () => {
    const out = await tempDir('quire-manifest-')
    await runCli(['build', sampleContent, '--out', out, '--format', 'html,json'])
    const manifest = JSON.parse(await fs.readFile(path.join(out, '.quire-manifest.json'), 'utf8')) as {files: Record<string, string>}
    expect(manifest.files['html/nodeconfeu-2022.html']).toBe('nodeconfeu-2022.md')
    expect(manifest.files['html/index.html']).toBe('*')
  })
})
