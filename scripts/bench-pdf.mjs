#!/usr/bin/env node
// PDF timings: one handout (browser launch included), and 20 handouts in one
// build (one browser, pages in parallel). Uses the built package (`npm run
// build` first). `--runs N` repeats each case and reports the median;
// `--json` prints machine-readable results. (`npm run bench` times PDF in
// its own table; this script compares concurrency settings.)
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import process from 'node:process'
import {fileURLToPath, pathToFileURL} from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const sample = path.join(root, 'content', 'nodeconfeu-2022.md')

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function folderWith(copies) {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'quire-bench-pdf-'))
  const text = await fs.readFile(sample, 'utf8')
  await Promise.all(Array.from({length: copies}, (_, index) => fs.writeFile(path.join(folder, `note-${String(index + 1).padStart(2, '0')}.md`), text)))
  return folder
}

async function time(build, content, options = {}) {
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'quire-bench-out-'))
  try {
    const started = performance.now()
    let parsed = started
    const result = await build({
      cwd: root,
      config: {pdf: options},
      content,
      out,
      formats: ['pdf'],
      quiet: true,
      // The last "parsed" line ends the parse phase: what follows is the PDF emitter's time.
      onProgress: (line) => {
        if (line.startsWith('parsed ')) parsed = performance.now()
      }
    })
    const ended = performance.now()
    if (result.errors > 0) throw new Error(`build had ${result.errors} error(s)`)
    return {total: ended - started, pdf: ended - parsed}
  } finally {
    await fs.rm(out, {recursive: true, force: true})
  }
}

const cases = [
  {name: '1 document (30 KB sample, browser launch included)', documents: 1},
  {name: '20 documents, default concurrency', documents: 20},
  {name: '20 documents, concurrency 1', documents: 20, options: {concurrency: 1}}
]

/** Runs the PDF cases; resolves to one row per case. */
async function benchPdf({runs = 1} = {}) {
  const {build} = await import(pathToFileURL(path.join(root, 'dist', 'index.js')).href).catch(() => {
    throw new Error('bench-pdf: run `npm run build` first (dist/index.js is missing)')
  })
  const results = []
  for (const entry of cases) {
    const content = await folderWith(entry.documents)
    try {
      const times = []
      for (let run = 0; run < runs; run++) times.push(await time(build, content, entry.options))
      const total = median(times.map((entry) => entry.total))
      const pdf = median(times.map((entry) => entry.pdf))
      results.push({
        case: entry.name,
        documents: entry.documents,
        runs,
        buildMs: Math.round(total),
        pdfMs: Math.round(pdf),
        pdfPerDocumentMs: Math.round(pdf / entry.documents),
        pdfDocumentsPerSecond: Number(((entry.documents * 1000) / pdf).toFixed(2))
      })
    } finally {
      await fs.rm(content, {recursive: true, force: true})
    }
  }
  return results
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2)
  const runsAt = args.indexOf('--runs')
  const runs = runsAt >= 0 ? Math.max(1, Number(args[runsAt + 1]) || 1) : 1
  const json = args.includes('--json')
  const results = await benchPdf({runs})
  if (json) {
    console.log(JSON.stringify({cpus: os.availableParallelism(), node: process.version, results}, null, 2))
  } else {
    console.log(`PDF bench (${os.availableParallelism()} cores, Node ${process.version}, median of ${runs} run${runs > 1 ? 's' : ''})`)
    console.log('  pdf = browser launch + render + post-processing + write (parsing excluded); build = whole build')
    for (const result of results) {
      console.log(
        `  ${result.case.padEnd(52)} pdf ${String(result.pdfMs).padStart(6)} ms  ${String(result.pdfPerDocumentMs).padStart(5)} ms/doc  ${String(result.pdfDocumentsPerSecond).padStart(5)} docs/s   build ${String(result.buildMs).padStart(6)} ms`
      )
    }
  }
}
