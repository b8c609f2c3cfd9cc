/**
 * Start-up: the CLI must not load puppeteer or the EPUB library unless
 * their formats are asked for. Runs the built CLI (npm test builds first)
 * under a module hook that logs every URL it resolves.
 */
import {execFile} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'
import {beforeAll, describe, expect, it} from 'vitest'
import {repoRoot, sampleContent, tempDir} from '../helpers/build.js'

const run = promisify(execFile)
const bin = path.join(repoRoot, 'dist', 'cli', 'bin.js')
const heavy = ['puppeteer', 'epub-gen-memory', 'pdf-lib', 'jszip']

let dir: string
beforeAll(async () => {
  await fs.access(bin).catch(() => {
    throw new Error('dist/cli/bin.js is missing: run `npm run build` (npm test does)')
  })
  dir = await tempDir('quire-lazy-')
  await fs.writeFile(path.join(dir, 'register.mjs'), "import {register} from 'node:module'\nregister('./hooks.mjs', import.meta.url)\n")
  await fs.writeFile(
    path.join(dir, 'hooks.mjs'),
    "import fs from 'node:fs'\nexport async function resolve(specifier, context, next) {\n  const result = await next(specifier, context)\n  fs.appendFileSync(process.env.QUIRE_LOAD_LOG, result.url + '\\n')\n  return result\n}\n"
  )
  await fs.mkdir(path.join(dir, 'content'))
  await fs.copyFile(path.join(sampleContent, 'glossary.md'), path.join(dir, 'content', 'glossary.md'))
})

async function loaded(args: string[]): Promise<string[]> {
  const log = path.join(dir, `load-${args.join('-').replace(/\W+/g, '_')}.log`)
  await run(process.execPath, ['--import', path.join(dir, 'register.mjs'), bin, ...args], {cwd: dir, env: {...process.env, QUIRE_LOAD_LOG: log, CI: '1'}})
  return (await fs.readFile(log, 'utf8')).split('\n').filter(Boolean)
}

const packages = (urls: string[]) => new Set(urls.map((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1]).filter(Boolean))

describe('CLI start-up', () => {
  it('`build --format html` loads the parser and the html emitter, not puppeteer or the EPUB library', async () => {
    const urls = await loaded(['build', 'content', '--format', 'html', '-q', '-o', 'out'])
    const used = packages(urls)
    expect(used.has('remark-parse')).toBe(true)
    expect(urls.some((url) => url.includes('/emitters/html/'))).toBe(true)
    for (const name of heavy) expect(used.has(name), name).toBe(false)
    await fs.access(path.join(dir, 'out', 'html', 'glossary.html'))
  })

  it('`--version` loads no parser and no emitter', async () => {
    const urls = await loaded(['--version'])
    const used = packages(urls)
    expect(urls.length).toBeGreaterThan(0)
    for (const name of [...heavy, 'remark-parse', 'micromark', 'rehype-highlight', 'highlight.js']) expect(used.has(name), name).toBe(false)
    expect(urls.filter((url) => /\/emitters\/[a-z]+\//.test(url))).toEqual([])
  })
})
