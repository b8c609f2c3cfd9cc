/**
 * Test helpers: build a fixture folder into a fresh temporary output folder
 * with the programmatic API, and read what was written.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {build, type BuildOptions} from '../../src/publish.js'
import type {BuildResult} from '../../src/report.js'

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
export const sampleContent = path.join(repoRoot, 'content')
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures')

// Read once: some tests point TMPDIR at a folder they then expect to stay empty.
const testTmp = os.tmpdir()

export async function tempDir(prefix = 'quire-test-'): Promise<string> {
  return fs.mkdtemp(path.join(testTmp, prefix))
}

export interface FixtureBuild {
  readonly result: BuildResult
  readonly out: string
  read(relativePath: string): Promise<string>
  readBytes(relativePath: string): Promise<Buffer>
}

/** Build `content` (a folder) with the given formats into a new temp folder. */
export async function buildFixture(content: string, formats: string[], options: Partial<BuildOptions> = {}): Promise<FixtureBuild> {
  const out = options.out ?? (await tempDir())
  // A cache folder per build, unless asked: the repository's .quire-cache would grow with every test run.
  const cache = 'cache' in options ? options.cache : await tempDir('quire-test-cache-')
  const result = await build({cwd: repoRoot, config: {}, ...options, content, out, formats, quiet: true, cache})
  return {
    result,
    out,
    read: (relativePath) => fs.readFile(path.join(out, relativePath), 'utf8'),
    readBytes: (relativePath) => fs.readFile(path.join(out, relativePath))
  }
}

/** Every message of a build as `file:line:column severity reason ruleId` with paths relative to the content folder. */
export function messageLines(result: BuildResult, content: string): string[] {
  return result.notes.flatMap((note) =>
    note.messages.map((message) => {
      const file = path.relative(content, note.path)
      const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
      return `${file}:${message.line ?? 1}:${message.column ?? 1} ${severity} ${message.reason} ${message.ruleId ?? ''}`.trim()
    })
  )
}

/**
 * Files of the HTML site that are not one note's page: the collection's
 * pages (index, 404, tags, the sidebar page), the frame's scripts and
 * styles, feeds and the sitemap. A build writes them whenever it runs.
 */
export function isSiteFile(file: string): boolean {
  if (!file.startsWith('html/')) return file === 'json/index.json'
  const name = file.slice(5)
  return (
    ['index.html', '404.html', 'sidebar.html', 'sidebar.js', 'nav.js', 'search.js', 'search-engine.js', 'search-index.js', 'quire.css', 'custom.css', 'feed.xml', 'feed.json', 'sitemap.xml', 'robots.txt'].includes(name) ||
    /^favicon\.\w+$/.test(name) ||
    name.startsWith('tags/') ||
    name.startsWith('katex/')
  )
}
