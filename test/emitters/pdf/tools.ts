/**
 * What the PDF tests need on the machine: a browser, pdfinfo and pdftotext.
 * Missing tools skip the tests locally but fail them in CI.
 */
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {systemBrowserPaths} from '../../../src/browser/chromium.js'

function hasCommand(command: string): boolean {
  return spawnSync(command, ['-v'], {stdio: 'ignore'}).error === undefined
}

const missing = [
  ...(process.env.PUPPETEER_EXECUTABLE_PATH || systemBrowserPaths.some((file) => existsSync(file)) ? [] : ['Chrome or Chromium']),
  ...(['pdfinfo', 'pdftotext'] as const).filter((command) => !hasCommand(command))
]

if (missing.length > 0 && process.env.CI) {
  throw new Error(`PDF tests need ${missing.join(', ')} (apt-get install chromium poppler-utils)`)
}

/** True when every tool is there; tests use `describe.skipIf(!pdfToolsAvailable)`. */
export const pdfToolsAvailable = missing.length === 0

export function pdfinfo(file: string): Record<string, string> {
  const result = spawnSync('pdfinfo', [file], {encoding: 'utf8'})
  if (result.status !== 0) throw new Error(`pdfinfo failed: ${result.stderr}`)
  return Object.fromEntries(
    result.stdout
      .split('\n')
      .filter((line) => line.includes(':'))
      .map((line) => {
        const at = line.indexOf(':')
        return [line.slice(0, at).trim(), line.slice(at + 1).trim()]
      })
  )
}

/** Text of each page (pdftotext splits pages with form feeds). */
export function pageTexts(file: string): string[] {
  const result = spawnSync('pdftotext', ['-layout', file, '-'], {encoding: 'utf8'})
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`)
  const pages = result.stdout.split('\f')
  if (pages.at(-1)?.trim() === '') pages.pop()
  return pages
}

/** PIDs of processes whose command line contains `text`. */
export function processesMatching(text: string): string[] {
  const result = spawnSync('pgrep', ['-f', text], {encoding: 'utf8'})
  return result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((pid) => pid && Number(pid) !== process.pid)
}
