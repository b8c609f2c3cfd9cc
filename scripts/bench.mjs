#!/usr/bin/env node
/**
 * `npm run bench`: times quire against pandoc on generated corpora.
 *
 * Makes N copies of content/nodeconfeu-2022.md with varied titles in a temp
 * folder (N = --sizes, default 1,50,500), then times, each as a child
 * process of `node dist/cli/bin.js build`: html+json, thread, epub, pdf
 * (--pdf-docs handouts, default 20) and a PDF book of those notes; pandoc (when installed) converting the same
 * files one process per file to html, json and epub3; a rebuild after one
 * note changed (html+json, warm cache, largest size); and CLI start-up.
 * Prints wall time, CPU time, throughput, peak memory and quire/pandoc.
 *
 * Options: --sizes 1,50  --formats html,json,thread,epub,pdf  --pdf-docs 20
 *          --no-pandoc  --keep (leave the temp folder)
 * No assertions: numbers to read, on a machine that may be busy.
 */
import {spawn, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const root = fileURLToPath(new URL('../', import.meta.url))
const bin = path.join(root, 'dist', 'cli', 'bin.js')
const sample = path.join(root, 'content', 'nodeconfeu-2022.md')

const {values} = parseArgs({
  options: {
    sizes: {type: 'string', default: '1,50,500'},
    formats: {type: 'string', default: 'html,json,thread,epub,pdf'},
    'pdf-docs': {type: 'string', default: '20'},
    'no-pandoc': {type: 'boolean', default: false},
    keep: {type: 'boolean', default: false},
    help: {type: 'boolean', short: 'h', default: false}
  }
})
if (values.help) {
  console.log('Usage: npm run bench -- [--sizes 1,50,500] [--formats html,json,thread,epub,pdf] [--pdf-docs 20] [--no-pandoc] [--keep]')
  process.exit(0)
}
const sizes = values.sizes.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0)
const asked = new Set(values.formats.split(',').map((s) => s.trim()).filter(Boolean))
const pdfDocs = Number(values['pdf-docs'])
if (!fs.existsSync(bin)) {
  console.error('dist/cli/bin.js not found: run `npm run build` first')
  process.exit(2)
}

const {builtinFormats} = await import(path.join(root, 'dist', 'emitters', 'registry.js'))
const registered = new Set(builtinFormats)
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0
const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined
const pandoc = !values['no-pandoc'] && has('pandoc')
const pdfinfo = has('pdfinfo')

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-'))
const text = fs.readFileSync(sample, 'utf8')

/** A project folder with `content/` holding n copies of the sample, each with its own title. */
function corpus(n) {
  const project = path.join(work, `corpus-${n}`)
  const content = path.join(project, 'content')
  if (fs.existsSync(content)) return project
  fs.mkdirSync(content, {recursive: true})
  for (let i = 1; i <= n; i++) {
    const name = `note-${String(i).padStart(4, '0')}.md`
    fs.writeFileSync(path.join(content, name), text.replace(/^# (.*)$/m, (_, title) => `# ${title} (${i} of ${n})`))
  }
  // For the book measurement: every note in one PDF, no handouts.
  fs.writeFileSync(path.join(project, 'book.config.json'), JSON.stringify({books: [{title: `Bench book of ${n} notes`, folder: '.'}], pdf: {perNote: false}}))
  return project
}

/** Run a command; wall time, CPU time (user+sys of it and its children) and peak RSS. */
function measure(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const report = path.join(work, `time-${process.hrtime.bigint()}.txt`)
    const [file, argv] = timeBin ? [timeBin, ['-f', '%e %U %S %M', '-o', report, command, ...args]] : [command, args]
    const started = performance.now()
    const child = spawn(file, argv, {cwd: options.cwd ?? work, stdio: ['ignore', 'ignore', 'pipe'], env: {...process.env, NO_COLOR: '1', CI: ''}})
    let peak = 0
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    // Without /usr/bin/time: poll the child's high-water mark.
    const poll = timeBin
      ? undefined
      : setInterval(() => {
          try {
            const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))
            if (match) peak = Math.max(peak, Number(match[1]))
          } catch {}
        }, 20)
    child.on('error', reject)
    child.on('close', (code) => {
      if (poll) clearInterval(poll)
      const wall = (performance.now() - started) / 1000
      let cpu
      if (timeBin && fs.existsSync(report)) {
        const line = fs.readFileSync(report, 'utf8').trim().split('\n').pop()
        const [, user, sys, rss] = line.split(' ').map(Number)
        cpu = user + sys
        peak = rss
      }
      if (code !== 0 && !options.allowFailure) return reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${stderr.slice(-2000)}`))
      resolve({wall, cpu, peakMb: peak ? peak / 1024 : undefined, code})
    })
  })
}

function quire(project, formats, extra = []) {
  return measure(process.execPath, [bin, 'build', 'content', '-o', 'out', '-f', formats, '-q', ...extra], {cwd: project, allowFailure: true})
}

/** Fresh output and cache: a cold build. */
function clear(project) {
  fs.rmSync(path.join(project, 'out'), {recursive: true, force: true})
  fs.rmSync(path.join(project, '.quire-cache'), {recursive: true, force: true})
}

/** pandoc, one process per file, sequentially, as a user would. */
async function pandocRun(project, to, extension) {
  const content = path.join(project, 'content')
  const out = path.join(project, `pandoc-${to}`)
  fs.mkdirSync(out, {recursive: true})
  let wall = 0
  let cpu = 0
  let peak = 0
  for (const name of fs.readdirSync(content).sort()) {
    const args = ['-f', 'gfm', '-t', to, ...(to === 'html' ? ['-s'] : []), path.join(content, name), '-o', path.join(out, name.replace(/\.md$/, extension))]
    if (to === 'epub3') args.push('--metadata', `title=${name}`)
    const run = await measure('pandoc', args, {allowFailure: true})
    wall += run.wall
    cpu += run.cpu ?? 0
    peak = Math.max(peak, run.peakMb ?? 0)
  }
  return {wall, cpu: timeBin ? cpu : undefined, peakMb: peak || undefined}
}

function pdfPages(project) {
  if (!pdfinfo) return undefined
  const dir = path.join(project, 'out', 'pdf')
  if (!fs.existsSync(dir)) return undefined
  let pages = 0
  for (const name of fs.readdirSync(dir).filter((file) => file.endsWith('.pdf'))) {
    const match = /Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [path.join(dir, name)], {encoding: 'utf8'}).stdout)
    if (match) pages += Number(match[1])
  }
  return pages
}

const rows = []
const row = (what, notes, run, extra = {}) => rows.push({what, notes, ...run, ...extra})
const skipped = (what, notes, note) => rows.push({what, notes, note})

const measurements = [
  {name: 'html+json', formats: 'html,json', need: ['html', 'json'], pandoc: [['html', '.html']]},
  {name: 'html+json', formats: 'html,json', need: ['html', 'json'], pandoc: [['json', '.json']], reuse: true},
  {name: 'thread', formats: 'thread', need: ['thread']},
  {name: 'epub', formats: 'epub', need: ['epub'], pandoc: [['epub3', '.epub']]},
  {name: 'pdf', formats: 'pdf', need: ['pdf'], sizes: [...new Set([1, pdfDocs])]},
  {name: 'pdf book', formats: 'pdf', need: ['pdf'], sizes: [pdfDocs], extra: ['--config', 'book.config.json']}
]

console.error(`quire bench in ${work} (${os.availableParallelism()} cores, load ${os.loadavg().map((n) => n.toFixed(1)).join(' ')})`)
for (const measurement of measurements) {
  if (!measurement.need.some((format) => asked.has(format))) continue
  const missing = measurement.need.filter((format) => !registered.has(format))
  for (const n of measurement.sizes ?? sizes) {
    const project = corpus(n)
    let run
    if (missing.length > 0) {
      skipped(`quire ${measurement.name}`, n, `format ${missing.join(', ')} not registered yet`)
    } else if (!measurement.reuse) {
      clear(project)
      console.error(`quire ${measurement.name}, ${n} notes…`)
      run = await quire(project, measurement.formats, measurement.extra)
      const extra = {}
      if (measurement.name.startsWith('pdf')) extra.pages = pdfPages(project)
      if (run.code !== 0) extra.note = `exit code ${run.code}`
      row(`quire ${measurement.name}`, n, run, extra)
      measurement.last = run
    }
    for (const [to, extension] of measurement.pandoc ?? []) {
      if (!pandoc) continue
      console.error(`pandoc ${to}, ${n} notes…`)
      const peer = await pandocRun(project, to, extension)
      const ours = rows.findLast((r) => r.what === `quire ${measurement.name}` && r.notes === n)
      row(`pandoc ${to}`, n, peer, {ratio: ours?.wall ? ours.wall / peer.wall : undefined})
    }
  }
}

// Rebuild after one note changed, cache warm (html+json, largest size).
if (asked.has('html') && asked.has('json') && registered.has('html') && registered.has('json')) {
  const n = Math.max(...sizes)
  const project = corpus(n)
  // A cold build fills the cache (other formats' runs replaced it).
  clear(project)
  await quire(project, 'html,json')
  const again = await quire(project, 'html,json')
  row('quire rebuild, nothing changed', n, again)
  const first = path.join(project, 'content', fs.readdirSync(path.join(project, 'content')).sort()[0])
  fs.appendFileSync(first, `\nChanged at ${Date.now()}.\n`)
  const rebuild = await quire(project, 'html,json')
  row('quire rebuild, 1 note changed', n, rebuild)
  fs.writeFileSync(first, fs.readFileSync(first, 'utf8').replace(/\nChanged at \d+\.\n$/, ''))
}

// What the site's search and navigation cost: the largest html build with and without search,
// and the bytes of script and style a page loads before any search (the index loads on first use).
if (asked.has('html') && registered.has('html')) {
  const n = Math.max(...sizes)
  const project = corpus(n)
  const plain = path.join(work, `corpus-${n}-no-search`)
  if (!fs.existsSync(plain)) {
    fs.mkdirSync(plain, {recursive: true})
    fs.cpSync(path.join(project, 'content'), path.join(plain, 'content'), {recursive: true})
    fs.writeFileSync(path.join(plain, 'quire.config.json'), JSON.stringify({html: {search: false}}))
  }
  const runs = {with: [], without: []}
  for (let i = 0; i < 3; i++) {
    clear(project)
    clear(plain)
    runs.with.push(await quire(project, 'html'))
    runs.without.push(await quire(plain, 'html'))
  }
  const best = (list) => list.sort((a, b) => a.wall - b.wall)[0]
  const withSearch = best(runs.with)
  const withoutSearch = best(runs.without)
  row('quire html, search on (best of 3)', n, withSearch)
  row('quire html, search off (best of 3)', n, withoutSearch, {note: `search adds ${(((withSearch.wall - withoutSearch.wall) / withoutSearch.wall) * 100).toFixed(1)}%`})
  const html = path.join(project, 'out', 'html')
  const size = (file) => (fs.existsSync(path.join(html, file)) ? fs.statSync(path.join(html, file)).size : 0)
  const upFront = ['quire.css', 'nav.js', 'search.js'].reduce((sum, file) => sum + size(file), 0)
  skipped('page loads: quire.css + nav.js + search.js', n, `${(upFront / 1024).toFixed(1)} KB (target < 60 KB); sidebar.js ${(size('sidebar.js') / 1024).toFixed(1)} KB for ${n} notes; on first search: search-engine.js ${(size('search-engine.js') / 1024).toFixed(1)} KB + search-index.js ${(size('search-index.js') / 1024 / 1024).toFixed(1)} MB`)
}

// The bundled sample in every format, cold (empty output and cache): what `npm start` costs.
if (builtinFormats.every((format) => asked.has(format))) {
  const project = corpus(1)
  const runs = []
  for (let i = 0; i < 3; i++) {
    clear(project)
    runs.push(await quire(project, builtinFormats.join(',')))
  }
  runs.sort((a, b) => a.wall - b.wall)
  row(`quire ${builtinFormats.join('+')}, cold (median of 3)`, 1, runs[1])
}

// Start-up: median of 5.
const median = async (make) => {
  const runs = []
  for (let i = 0; i < 5; i++) runs.push(await make())
  runs.sort((a, b) => a.wall - b.wall)
  return runs[2]
}
row('quire --version', 0, await median(() => measure(process.execPath, [bin, '--version'])))
if (registered.has('html')) {
  const project = corpus(1)
  row('quire build, 1 note, html', 1, await median(() => (clear(project), quire(project, 'html'))))
}

// The table.
const fmt = (value, digits = 2) => (value === undefined || Number.isNaN(value) ? '' : value.toFixed(digits))
const header = ['measurement', 'notes', 'wall s', 'CPU s', 'notes/s', 'pages/s', 'peak MB', 'quire/pandoc', 'note']
const lines = rows.map((r) => [
  r.what,
  String(r.notes),
  fmt(r.wall),
  fmt(r.cpu),
  r.wall && r.notes > 1 ? fmt(r.notes / r.wall, 1) : '',
  r.pages && r.wall ? fmt(r.pages / r.wall, 1) : '',
  fmt(r.peakMb, 0),
  r.ratio === undefined ? '' : fmt(r.ratio),
  r.note ?? (r.pages ? `${r.pages} pages` : '')
])
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i].length)))
const print = (cells) => console.log('| ' + cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ') + ' |')
print(header)
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|')
for (const line of lines) print(line)
console.log(`\nquire/pandoc: wall time of quire's build over pandoc's sequential runs on the same files (below 1: quire is faster).`)
console.log(`Peak MB: of the quire process (all its threads) or, for pandoc, the largest single run. Load average at the end: ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}.`)
if (!pandoc) console.log('pandoc not found (or --no-pandoc): no comparison.')

if (!values.keep) fs.rmSync(work, {recursive: true, force: true})
else console.error(`kept ${work}`)
