/**
 * Nothing lost: an interrupted build (SIGINT or SIGTERM in the middle of
 * printing PDFs) leaves the previous outputs intact, no temporary files and
 * no browser process. `--clean` removes only what quire wrote.
 */
import {spawn, execFileSync} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {sampleContent, tempDir} from '../helpers/build.js'
import {binPath, runCli} from '../helpers/cli.js'
import {needs} from '../helpers/tools.js'
import {listFiles, snapshot} from '../helpers/tree.js'

async function corpus(copies: number): Promise<string> {
  const root = await tempDir('quire-interrupt-')
  const content = path.join(root, 'content')
  await fs.mkdir(content)
  const sample = await fs.readFile(path.join(sampleContent, 'nodeconfeu-2022.md'), 'utf8')
  for (let index = 0; index < copies; index++) await fs.writeFile(path.join(content, `copy-${index}.md`), sample.replace('# nodeconfeu2022-notes', `# Copy ${index}`))
  return root
}

function chromiumUnder(dir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', dir], {encoding: 'utf8'}).trim().split('\n').filter(Boolean)
  } catch {
    return []
  }
}

async function waitFor(check: () => Promise<boolean>, timeout: number): Promise<void> {
  const end = Date.now() + timeout
  while (Date.now() < end) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('timed out')
}

describe.each(['SIGINT', 'SIGTERM'] as const)('a build interrupted by %s while printing PDFs', (signal) => {
  it('keeps the previous outputs, leaves no temp file and no browser', {...needs('chromium', 'pgrep'), timeout: 180_000}, async () => {
    const root = await corpus(12)
    const tmp = path.join(root, 'tmp')
    await fs.mkdir(tmp)
    const env = {...process.env, NO_COLOR: '1', CI: '1', TMPDIR: tmp}
    // A first, complete build gives the "previous outputs".
    const first = await runCli(['build', 'content', '--out', 'out', '--format', 'html,pdf'], {cwd: root, env: {TMPDIR: tmp}})
    expect(first.code).toBe(0)
    const previous = await snapshot(path.join(root, 'out'))
    expect([...previous.keys()].filter((file) => file.endsWith('.pdf'))).toHaveLength(12)

    // Change every note so a second build would rewrite every output, then stop it midway.
    for (const file of await fs.readdir(path.join(root, 'content'))) await fs.appendFile(path.join(root, 'content', file), '\n\nChanged.\n')
    const child = spawn(process.execPath, [binPath, 'build', 'content', '--out', 'out', '--format', 'html,pdf'], {cwd: root, env, stdio: ['ignore', 'pipe', 'pipe']})
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    // Wait until the browser is up and printing.
    await waitFor(async () => chromiumUnder(tmp).length > 0, 30_000)
    await new Promise((resolve) => setTimeout(resolve, 300))
    child.kill(signal)
    const code = await exited
    expect(code).toBe(130)
    expect(stderr).toContain('build interrupted; previous outputs were left as they were')
    expect(stderr).not.toMatch(/\n\s+at /)

    const after = await snapshot(path.join(root, 'out'))
    expect([...after.keys()].filter((file) => file.includes('.tmp-'))).toEqual([])
    // Every previous output is still there and whole (each is the old or a complete new file).
    for (const [file] of previous) expect(after.has(file), file).toBe(true)
    for (const file of [...after.keys()].filter((name) => name.endsWith('.pdf'))) {
      const bytes = await fs.readFile(path.join(root, 'out', file))
      expect(bytes.subarray(0, 5).toString(), file).toBe('%PDF-')
      expect(bytes.subarray(-6).toString(), file).toContain('%%EOF')
    }
    await waitFor(async () => chromiumUnder(tmp).length === 0, 5_000)
  })
})

describe('--clean', () => {
  it('removes only the files quire wrote, then rebuilds', async () => {
    const root = await corpus(2)
    const first = await runCli(['build', 'content', '--out', 'out', '--format', 'html,json'], {cwd: root})
    expect(first.code).toBe(0)
    await fs.writeFile(path.join(root, 'out', 'CNAME'), 'notes.example\n')
    await fs.mkdir(path.join(root, 'out', 'html', 'extra'), {recursive: true})
    await fs.writeFile(path.join(root, 'out', 'html', 'extra', 'keep.txt'), 'mine\n')
    await fs.rm(path.join(root, 'content', 'copy-1.md'))
    const second = await runCli(['build', 'content', '--out', 'out', '--format', 'html,json', '--clean'], {cwd: root})
    expect(second.code).toBe(0)
    const files = await listFiles(path.join(root, 'out'))
    expect(files).toContain('CNAME')
    expect(files).toContain(path.join('html', 'extra', 'keep.txt'))
    expect(files).toContain(path.join('html', 'copy-0.html'))
    expect(files.some((file) => file.includes('copy-1'))).toBe(false)
  })

  it('without --clean, outputs of a deleted note go away and the index forgets it', async () => {
    const root = await corpus(2)
    expect((await runCli(['build', 'content', '--out', 'out', '--format', 'html,json'], {cwd: root})).code).toBe(0)
    await fs.rm(path.join(root, 'content', 'copy-1.md'))
    expect((await runCli(['build', 'content', '--out', 'out', '--format', 'html,json'], {cwd: root})).code).toBe(0)
    const files = await listFiles(path.join(root, 'out'))
    expect(files.some((file) => file.includes('copy-1'))).toBe(false)
    expect(await fs.readFile(path.join(root, 'out', 'html', 'index.html'), 'utf8')).not.toContain('copy-1')
    expect(await fs.readFile(path.join(root, 'out', 'json', 'index.json'), 'utf8')).not.toContain('copy-1')
  })
})
