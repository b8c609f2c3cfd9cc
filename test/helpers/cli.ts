/** Run the built CLI (dist/cli/bin.js) as a child process, as a user would. */
import {spawn} from 'node:child_process'
import path from 'node:path'
import {repoRoot} from './build.js'

export interface CliResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

export const binPath = path.join(repoRoot, 'dist', 'cli', 'bin.js')

export function runCli(args: string[], options: {cwd?: string; env?: Record<string, string>} = {}): Promise<CliResult> {
  // Builds run from the repository would leave a cache record per temp output folder in its .quire-cache.
  const argv = options.cwd === undefined && args[0] === 'build' && !args.includes('--no-cache') ? [...args, '--no-cache'] : args
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...argv], {
      cwd: options.cwd ?? repoRoot,
      env: {...process.env, NO_COLOR: '1', CI: '1', ...options.env},
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr}))
  })
}
