/**
 * The test suite's own guards (`tools.ts`, `missing-tools-reporter.ts`):
 * every test that runs an external tool says so, a missing tool skips it
 * with a report that names the install command, and in CI fails it.
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {repoRoot} from './build.js'
import {missingToolsReport} from './missing-tools-reporter.js'
import {installCommand, type Tool} from './tools.js'

/** How a test file shows it runs a tool: the command itself, or the helper that runs it. */
const uses: ReadonlyArray<[Tool, RegExp]> = [
  ['pdftotext', /'pdftotext'|\bpageTexts\(/],
  ['pdfinfo', /'pdfinfo'|\bpdfinfo\(/],
  ['pdffonts', /'pdffonts'/],
  ['pdftoppm', /'pdftoppm'/],
  ['qpdf', /'qpdf'/],
  ['pgrep', /'pgrep'|\bprocessesMatching\(/],
  ['epubcheck', /\bepubcheck(?:All)?\(/],
  ['pandoc', /'pandoc'|\bpandocPlain\(/],
  // A browser: launched by the test, or printing the PDFs it reads back.
  ['chromium', /\bpuppeteer\.launch\(|\bspawn\(executablePath|\.pdf['`]/]
]

function testFiles(folder: string): string[] {
  return fs.readdirSync(folder, {withFileTypes: true}).flatMap((entry) => {
    const file = path.join(folder, entry.name)
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(file)
    return entry.name.endsWith('.test.ts') ? [file] : []
  })
}

function vitest(env: Record<string, string>) {
  const config = path.join('test', 'fixtures', 'missing-tools', 'vitest.config.ts')
  return spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', config], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: {PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env},
    timeout: 60_000
  })
}

describe('external tools in the tests', () => {
  it('are named by every test file that runs them', () => {
    const unguarded: string[] = []
    for (const file of testFiles(path.join(repoRoot, 'test'))) {
      if (file === fileURLToPath(import.meta.url)) continue
      const text = fs.readFileSync(file, 'utf8')
      const named = new Set([...text.matchAll(/needs\(([^)]*)\)/g)].flatMap((match) => [...match[1]!.matchAll(/'([\w-]+)'/g)].map((name) => name[1]!)))
      for (const [tool, pattern] of uses) {
        if (pattern.test(text) && !named.has(tool)) unguarded.push(`${path.relative(repoRoot, file)} uses ${tool}`)
      }
    }
    expect(unguarded).toEqual([])
  })

  it('install with the Debian package that has them', () => {
    expect(installCommand('pdftotext')).toBe('apt-get install -y poppler-utils')
    expect(installCommand('pgrep')).toBe('apt-get install -y procps')
    expect(installCommand('epubcheck')).toBe('apt-get install -y epubcheck')
    expect(installCommand('chromium')).toBe('apt-get install -y chromium')
  })

  it('skip the tests that need a missing one, and the run ends with them and how to install it', () => {
    const result = vitest({QUIRE_TEST_MISSING_TOOLS: 'qpdf'})
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/Tests\s+2 passed \| 3 skipped \(5\)/)
    expect(result.stdout.slice(result.stdout.lastIndexOf('quire: '))).toBe('quire: install them all with `apt-get install -y qpdf` (or `npm run setup` as root).\n')
    expect(result.stdout).toContain(
      [
        'quire: 2 tests skipped for a missing tool:',
        '  qpdf (apt-get install -y qpdf): 2 tests',
        '    test/fixtures/missing-tools/needs-tools.fixture.ts > outlines > reads the bookmarks',
        '    test/fixtures/missing-tools/needs-tools.fixture.ts > outlines > reads the links',
        ''
      ].join('\n')
    )
  })

  it('fail, naming the install command, in CI', () => {
    const result = vitest({QUIRE_TEST_MISSING_TOOLS: 'qpdf', CI: 'true'})
    expect(result.status).toBe(1)
    expect(result.stdout + result.stderr).toContain('CI: these tests need qpdf: apt-get install -y qpdf')
  })

  it('report zero when nothing was skipped for one', () => {
    expect(missingToolsReport([])).toBe('quire: no test skipped for a missing tool.\n')
    const many = Array.from({length: 7}, (_, index) => ({name: `t${index}`, tools: [{tool: 'pandoc', install: 'apt-get install -y pandoc'}]}))
    expect(missingToolsReport([...many, {name: 'both', tools: [{tool: 'qpdf', install: 'apt-get install -y qpdf'}, {tool: 'pandoc', install: 'apt-get install -y pandoc'}]}])).toBe(
      [
        'quire: 8 tests skipped for a missing tool:',
        '  pandoc (apt-get install -y pandoc): 8 tests',
        '    t0', '    t1', '    t2', '    t3', '    t4',
        '    … and 3 more',
        '  qpdf (apt-get install -y qpdf): 1 test',
        '    both',
        'quire: install them all with `apt-get install -y pandoc qpdf` (or `npm run setup` as root).',
        ''
      ].join('\n')
    )
  })
})
