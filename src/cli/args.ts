/** Pure argv parsing: no I/O, no process access. */
import {parseArgs} from 'node:util'

export type Command =
  | {readonly kind: 'help'}
  | {readonly kind: 'version'}
  | {
      readonly kind: 'build'
      readonly content?: string | undefined
      readonly out?: string | undefined
      readonly formats?: string[] | undefined
      readonly config?: string | undefined
      readonly quiet: boolean
      readonly clean: boolean
    }

export class UsageError extends Error {
  override name = 'UsageError'
}

export const usage = `Usage: quire build [content-dir] [options]

Build Markdown notes into an HTML site, PDF, EPUB, JSON and thread drafts.
With no arguments, builds ./content into ./out in every format.

Commands:
  build [content-dir]   Build the notes in content-dir (default: content)

Options:
  -o, --out <dir>       Output folder (default: out)
  -f, --format <list>   Comma-separated formats, e.g. html,json (default: all)
  -c, --config <file>   Config file (default: quire.config.{ts,mts,js,mjs,json})
      --clean           Remove the files a previous build wrote first
  -q, --quiet           Print only errors and the summary
  -h, --help            Show this help
  -v, --version         Show the version

Exit codes: 0 success, 1 a note had errors, 2 usage or config error.`

export function parseArgv(argv: readonly string[]): Command {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        out: {type: 'string', short: 'o'},
        format: {type: 'string', short: 'f', multiple: true},
        config: {type: 'string', short: 'c'},
        clean: {type: 'boolean'},
        quiet: {type: 'boolean', short: 'q'},
        help: {type: 'boolean', short: 'h'},
        version: {type: 'boolean', short: 'v'}
      }
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const {values, positionals} = parsed
  if (values.help) return {kind: 'help'}
  if (values.version) return {kind: 'version'}
  const [command = 'build', ...rest] = positionals
  if (command !== 'build') throw new UsageError(`Unknown command \`${command}\` (try \`quire --help\`)`)
  if (rest.length > 1) throw new UsageError(`Expected at most one content folder, got ${rest.length}: ${rest.join(' ')}`)
  const formats = values.format?.flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean)
  if (values.format && formats?.length === 0) throw new UsageError('`--format` needs at least one format name')
  return {
    kind: 'build',
    content: rest[0],
    out: values.out,
    formats,
    config: values.config,
    quiet: values.quiet ?? false,
    clean: values.clean ?? false
  }
}
