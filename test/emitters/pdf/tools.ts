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

/** Text of one page (1-based), as pdftotext lays it out. */
export function pageText(file: string, page: number): string {
  const result = spawnSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], {encoding: 'utf8'})
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`)
  return result.stdout
}

/** The lines of a page's text with something on them, trimmed. */
export function pageLines(file: string, page: number): string[] {
  return pageText(file, page)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
}

/** Every object of the PDF as qpdf's JSON gives it (`obj:12 0 R` → value), strings as `u:text`. */
export function qpdfObjects(file: string): Record<string, unknown> {
  const result = spawnSync('qpdf', ['--json', '--json-key=qpdf', file], {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024})
  if (result.status !== 0 && result.status !== 3) throw new Error(`qpdf failed: ${result.stderr}`)
  const objects = (JSON.parse(result.stdout) as {qpdf: [unknown, Record<string, {value?: unknown}>]}).qpdf[1]
  return Object.fromEntries(Object.entries(objects).map(([key, object]) => [key, object.value]))
}

/** The document catalog and every structure element (a dictionary with /S and /P), from qpdf's JSON. */
export function structure(file: string): {catalog: Record<string, unknown>; elements: Array<Record<string, unknown>>} {
  const values = Object.values(qpdfObjects(file)).filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null)
  const catalog = values.find((value) => value['/Type'] === '/Catalog')!
  return {catalog, elements: values.filter((value) => typeof value['/S'] === 'string' && '/P' in value)}
}
