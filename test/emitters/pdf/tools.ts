/**
 * Reading PDFs back in the tests: pdfinfo, pdftotext (poppler-utils) and
 * pgrep. A test that calls these says so with `needs('pdfinfo')` and co.
 * (`test/helpers/tools.ts`).
 */
import {spawnSync} from 'node:child_process'

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
