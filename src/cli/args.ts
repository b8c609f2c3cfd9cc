/** Pure argv parsing: no I/O, no process access. */
import {parseArgs} from 'node:util'
import type {BuildFlags} from '../config/resolve.js'
import {maxWorkers} from '../config/types.js'

/** The flags `build`, `watch` and `serve` share, as the build takes them. */
export interface CommandFlags extends BuildFlags {
  readonly config?: string | undefined
  readonly quiet: boolean
  readonly clean: boolean
}

export type Command =
  | {readonly kind: 'help'}
  | {readonly kind: 'version'}
  | {readonly kind: 'build'; readonly flags: CommandFlags}
  | {readonly kind: 'watch'; readonly flags: CommandFlags; readonly poll: boolean}
  | {readonly kind: 'serve'; readonly flags: CommandFlags; readonly poll: boolean; readonly port: number; readonly host: string}

export const defaultPort = 4321
export const defaultHost = '127.0.0.1'

export class UsageError extends Error {
  override name = 'UsageError'
}

export const usage = `Usage: quire build [content-dir] [options]
       quire watch [content-dir] [options]
       quire serve [content-dir] [options] [--port <n>] [--host <name>]

Build Markdown notes into an HTML site, PDF, EPUB, JSON and thread drafts.
With no arguments, builds ./content into ./out in every format.

Commands:
  build [content-dir]   Build the notes in content-dir (default: content)
  watch [content-dir]   Build, then rebuild on every save until Ctrl-C
  serve [content-dir]   Watch, and preview out/html with live reload

Options:
  -o, --out <dir>       Output folder (default: out)
  -f, --format <list>   Comma-separated formats, e.g. html,json (default: all)
  -c, --config <file>   Config file (default: quire.config.{ts,mts,js,mjs,json})
      --clean           Remove the files a previous build wrote first
      --no-cache        Rebuild every note; do not read or write .quire-cache
      --workers <n>     Worker threads for html, json and thread (default: cores)
  -q, --quiet           Print only errors and the summary
      --poll            watch/serve: poll for changes (network drives)
      --port <n>        serve: port, 0 picks a free one (default: ${defaultPort})
      --host <name>     serve: address to bind (default: ${defaultHost})
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
        'no-cache': {type: 'boolean'},
        workers: {type: 'string'},
        quiet: {type: 'boolean', short: 'q'},
        poll: {type: 'boolean'},
        port: {type: 'string'},
        host: {type: 'string'},
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
  if (command !== 'build' && command !== 'watch' && command !== 'serve') throw new UsageError(`Unknown command \`${command}\` (try \`quire --help\`)`)
  if (rest.length > 1) throw new UsageError(`Expected at most one content folder, got ${rest.length}: ${rest.join(' ')}`)
  const formats = values.format?.flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean)
  if (values.format && formats?.length === 0) throw new UsageError('`--format` needs at least one format name')
  const flags: CommandFlags = {
    content: rest[0],
    out: values.out,
    formats,
    config: values.config,
    quiet: values.quiet ?? false,
    clean: values.clean ?? false,
    // `--no-cache`: build every note, ignore and keep `.quire-cache/` as it is.
    cache: values['no-cache'] ? false : undefined,
    workers: parseWorkers(values.workers)
  }
  for (const name of ['port', 'host'] as const) {
    if (values[name] !== undefined && command !== 'serve') throw new UsageError(`\`--${name}\` only applies to \`quire serve\``)
  }
  if (values.poll && command === 'build') throw new UsageError('`--poll` only applies to `quire watch` and `quire serve`')
  if (command === 'build') return {kind: 'build', flags}
  if (command === 'watch') return {kind: 'watch', flags, poll: values.poll ?? false}
  if (formats && !formats.includes('html')) throw new UsageError('`quire serve` previews the html format: add html to `--format`')
  return {kind: 'serve', flags, poll: values.poll ?? false, port: parsePort(values.port), host: parseHost(values.host)}
}

function parseWorkers(value: string | undefined): number | undefined {
  return value === undefined ? undefined : parseNumber('workers', value, 1, maxWorkers)
}

function parsePort(value: string | undefined): number {
  return value === undefined ? defaultPort : parseNumber('port', value, 0, 65_535)
}

/** A whole number flag in a range, or a usage error naming the flag. */
function parseNumber(flag: string, value: string, min: number, max: number): number {
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isInteger(number) || number < min || number > max) throw new UsageError(`\`--${flag}\` must be a number from ${min} to ${max}, got \`${value}\``)
  return number
}

function parseHost(value: string | undefined): string {
  if (value === undefined) return defaultHost
  if (!value.trim() || /[\s/]/.test(value)) throw new UsageError(`\`--host\` must be a host name or address, got \`${value}\``)
  return value
}
