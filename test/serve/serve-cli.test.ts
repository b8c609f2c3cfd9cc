/** The command line of watch/serve: argument parsing and start-up failures. */
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {describe, expect, it} from 'vitest'
import {parseArgv, UsageError} from '../../src/cli/args.js'
import {tempDir} from '../helpers/build.js'
import {runCli} from '../helpers/cli.js'


describe('watch and serve arguments', () => {
  it('take the build options, plus --poll, and --port/--host for serve', () => {
    expect(parseArgv(['watch', 'notes', '-o', 'site', '-f', 'html,json', '--poll', '--no-cache', '--workers', '3'])).toEqual({
      kind: 'watch',
      flags: {content: 'notes', out: 'site', formats: ['html', 'json'], config: undefined, quiet: false, clean: false, cache: false, workers: 3},
      poll: true
    })
    expect(parseArgv(['serve'])).toMatchObject({kind: 'serve', port: 4321, host: '127.0.0.1', poll: false})
    expect(parseArgv(['serve', '--port', '0', '--host', 'localhost', '-q'])).toMatchObject({kind: 'serve', port: 0, host: 'localhost', flags: {quiet: true}})
  })

  it('refuse what does not apply or cannot work', () => {
    const refused: Array<[string[], RegExp]> = [
      [['build', '--port', '80'], /`--port` only applies to `quire serve`/],
      [['watch', '--host', 'x'], /`--host` only applies to `quire serve`/],
      [['build', '--poll'], /`--poll` only applies/],
      [['serve', '--port', '65536'], /from 0 to 65535/],
      [['serve', '--port', 'http'], /from 0 to 65535/],
      [['serve', '--port', '-1'], /from 0 to 65535|argument missing|ambiguous/],
      [['serve', '--host', ''], /host name or address/],
      [['serve', '--format', 'json'], /add html to `--format`/],
      [['watch', 'a', 'b'], /at most one content folder/]
    ]
    for (const [argv, message] of refused) {
      expect(() => parseArgv(argv), argv.join(' ')).toThrow(UsageError)
      expect(() => parseArgv(argv), argv.join(' ')).toThrow(message)
    }
  })
})

describe('quire serve start-up', () => {
  it('the help lists watch and serve', async () => {
    const help = await runCli(['--help'])
    expect(help.stdout).toContain('quire watch [content-dir] [options]')
    expect(help.stdout).toContain('--port <n>')
  })

  it('exits 2 with advice when the port is taken', async () => {
    const blocker = http.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const {port} = blocker.address() as AddressInfo
    try {
      const result = await runCli(['serve', '--port', String(port), '--format', 'html'], {cwd: await tempDir()})
      expect(result.code).toBe(2)
      expect(result.stderr).toContain(`quire: port ${port} is in use`)
      expect(result.stderr).toContain('--port 0')
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })
})
