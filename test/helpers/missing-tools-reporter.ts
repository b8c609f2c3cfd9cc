/**
 * A vitest reporter that ends the run with every test skipped for a missing
 * tool (see `tools.ts`), grouped by tool, with the command that installs
 * it, so a skipped test never goes unnoticed:
 *
 * ```
 * quire: 12 tests skipped for a missing tool:
 *   qpdf (apt-get install -y qpdf): 3 tests
 *     test/emitters/math.test.ts > math: pdf > …
 * quire: install them all with `apt-get install -y qpdf pandoc` (or `npm run setup` as root).
 * ```
 *
 * On a machine with every tool it says so in one line. It only reads the
 * tests' `meta`, which `needs()` fills in: other skips (`it.skip`, `.only`
 * elsewhere) are not its business.
 */
import type {Reporter, TestCase, TestModule} from 'vitest/node'
import type {MissingToolsMeta} from './tools.js'

interface Skipped {
  readonly name: string
  readonly tools: ReadonlyArray<{tool: string; install: string}>
}

export default class MissingToolsReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const skipped = modules.flatMap((module) => [...module.children.allTests()].flatMap((test) => skippedForTool(test, module)))
    process.stdout.write(missingToolsReport(skipped))
  }
}

function skippedForTool(test: TestCase, module: TestModule): Skipped[] {
  if (test.result().state !== 'skipped') return []
  const tools = (test.meta() as MissingToolsMeta).missingTools
  if (!tools || tools.length === 0) return []
  return [{name: `${module.relativeModuleId} > ${test.fullName}`, tools}]
}

/** The report's text (pure, for tests). */
export function missingToolsReport(skipped: readonly Skipped[]): string {
  if (skipped.length === 0) return 'quire: no test skipped for a missing tool.\n'
  const byTool = new Map<string, {install: string; names: string[]}>()
  for (const test of skipped) {
    for (const {tool, install} of test.tools) {
      const group = byTool.get(tool) ?? {install, names: []}
      group.names.push(test.name)
      byTool.set(tool, group)
    }
  }
  const lines = [`quire: ${skipped.length} test${skipped.length === 1 ? '' : 's'} skipped for a missing tool:`]
  for (const [tool, {install, names}] of [...byTool].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(`  ${tool} (${install}): ${names.length} test${names.length === 1 ? '' : 's'}`)
    for (const name of names.slice(0, 5)) lines.push(`    ${name}`)
    if (names.length > 5) lines.push(`    … and ${names.length - 5} more`)
  }
  const packages = [...new Set([...byTool.values()].map(({install}) => install.replace(/^apt-get install -y /, '')))]
  lines.push(`quire: install them all with \`apt-get install -y ${packages.join(' ')}\` (or \`npm run setup\` as root).`)
  return lines.join('\n') + '\n'
}
