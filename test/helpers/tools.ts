/**
 * The external tools the tests use (a browser, poppler's pdftotext, qpdf,
 * epubcheck, pandoc, pgrep), found once per test file, and how each is
 * installed (`scripts/setup-packages.json`, what `npm install` installs as
 * root on Debian).
 *
 * A test names what it needs, and is skipped when one is missing:
 *
 * ```ts
 * describe('pdf: outlines', needs('chromium', 'qpdf'), () => { … })
 * it('passes epubcheck', needs('epubcheck'), async () => { … })
 * ```
 *
 * The skip carries the missing tools and their install commands in the
 * test's `meta`; the run's last lines list them (`missing-tools-reporter.ts`).
 * With `CI` set a missing tool is an error, not a skip: the file fails to
 * load, naming the tool and the command that installs it, so a machine that
 * should have everything never passes by skipping.
 *
 * `QUIRE_TEST_MISSING_TOOLS=qpdf,pandoc` makes the named tools count as
 * missing (for testing the skips and the report).
 */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {isExecutable, systemBrowserPaths} from '../../src/browser/chromium.js'
import {repoRoot} from './build.js'

interface PackageEntry {
  readonly package: string
  readonly for: 'pdf' | 'tests'
  readonly why: string
  readonly provides: ReadonlyArray<{tool: string; command?: string; file?: string}>
}

const {packages} = JSON.parse(readFileSync(path.join(repoRoot, 'scripts', 'setup-packages.json'), 'utf8')) as {packages: PackageEntry[]}

export type Tool = 'chromium' | 'pdfinfo' | 'pdftotext' | 'pdffonts' | 'pdftoppm' | 'qpdf' | 'epubcheck' | 'java' | 'pandoc' | 'pgrep'

/** What a skipped test's `meta` holds: each missing tool with the command that installs it. */
export interface MissingToolsMeta {
  missingTools?: Array<{tool: string; install: string}>
}

declare module 'vitest' {
  interface TaskMeta extends MissingToolsMeta {}
}


const onPath = (command: string) => (process.env.PATH ?? '').split(path.delimiter).some((folder) => folder !== '' && isExecutable(path.join(folder, command)))

const pretendMissing = new Set((process.env.QUIRE_TEST_MISSING_TOOLS ?? '').split(',').map((name) => name.trim()).filter(Boolean))

function entryOf(tool: Tool): {entry: PackageEntry; check: {command?: string; file?: string}} {
  for (const entry of packages) {
    const check = entry.provides.find((provided) => provided.tool === tool)
    if (check) return {entry, check}
  }
  throw new TypeError(`Unknown tool ${tool}: add it to scripts/setup-packages.json`)
}

const found = new Map<Tool, boolean>()

/** Whether the tool is on this machine. */
export function has(tool: Tool): boolean {
  let answer = found.get(tool)
  if (answer === undefined) {
    const {check} = entryOf(tool)
    if (pretendMissing.has(tool)) answer = false
    else if (tool === 'chromium') answer = Boolean(process.env.PUPPETEER_EXECUTABLE_PATH && isExecutable(process.env.PUPPETEER_EXECUTABLE_PATH)) || systemBrowserPaths.some(isExecutable)
    // epubcheck is a jar that java runs (the epub helpers take EPUBCHECK_JAR too).
    else if (tool === 'epubcheck') answer = existsSync(process.env.EPUBCHECK_JAR ?? check.file!) && has('java')
    else answer = (check.command === undefined || onPath(check.command)) && (check.file === undefined || existsSync(check.file))
    found.set(tool, answer)
  }
  return answer
}

/** The command that installs a tool (Debian or Ubuntu). */
export function installCommand(tool: Tool): string {
  return `apt-get install -y ${entryOf(tool).entry.package}`
}

/** Options for `describe`/`it`: skip, with the missing tools in `meta`, unless every tool is there. */
export function needs(...tools: Tool[]): {skip: boolean; meta: MissingToolsMeta} {
  const missing = [...new Set(tools)].filter((tool) => !has(tool))
  if (missing.length > 0 && process.env.CI) {
    throw new Error(`CI: these tests need ${missing.join(', ')}: ${missing.map(installCommand).filter((line, index, all) => all.indexOf(line) === index).join('; ')}`)
  }
  return {skip: missing.length > 0, meta: missing.length > 0 ? {missingTools: missing.map((tool) => ({tool, install: installCommand(tool)}))} : {}}
}
