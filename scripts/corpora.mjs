/**
 * The bench's corpora, generated from the bundled sample so every machine
 * measures the same files:
 * - `small(n)`: n small notes (~1.2 KB), one talk of the sample each, with
 *   front matter (title, date, tags), spread over 20 folders;
 * - `large(n)`: n copies of the whole sample (30 KB), each titled apart.
 */
import fs from 'node:fs'
import path from 'node:path'

/** The sample's talks: each `## ` section with its text. */
export function talks(sample) {
  const parts = sample.split(/^(?=## )/m).slice(1)
  return parts.map((part) => {
    const [first, ...rest] = part.split('\n')
    return {title: first.replace(/^##\s+/, '').trim(), body: rest.join('\n').replace(/^# .*$/gm, '').trim()}
  })
}

export function writeSmall(content, n, sample) {
  const all = talks(sample)
  fs.mkdirSync(content, {recursive: true})
  for (let i = 0; i < n; i++) {
    const talk = all[i % all.length]
    const folder = path.join(content, `track-${String((i % 20) + 1).padStart(2, '0')}`)
    fs.mkdirSync(folder, {recursive: true})
    const day = String((i % 28) + 1).padStart(2, '0')
    const front = `---\ntitle: "${talk.title.replace(/"/g, "'")} (${i + 1})"\ndate: 2022-10-${day}\ntags: [nodeconfeu, track-${(i % 20) + 1}]\n---\n\n`
    fs.writeFileSync(path.join(folder, `talk-${String(i + 1).padStart(4, '0')}.md`), `${front}${talk.body}\n`)
  }
}

export function writeLarge(content, n, sample) {
  fs.mkdirSync(content, {recursive: true})
  for (let i = 1; i <= n; i++) {
    const name = `note-${String(i).padStart(4, '0')}.md`
    fs.writeFileSync(path.join(content, name), sample.replace(/^# (.*)$/m, (_, title) => `# ${title} (${i} of ${n})`))
  }
}
