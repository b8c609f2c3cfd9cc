/** Read a Markdown draft back into threads of posts, following the format in docs/thread.md. */
export interface DraftThread {
  readonly title: string
  readonly posts: {readonly text: string; readonly index: number; readonly total: number; readonly length: number; readonly limit: number}[]
}

const marker = /^<!-- post (\d+)\/(\d+) · (\d+)\/(\d+) -->$/u

export function parseDraft(source: string): DraftThread[] {
  const threads: {title: string; posts: DraftThread['posts']}[] = []
  let lines: string[] | undefined
  let meta: number[] = []
  const end = () => {
    if (!lines) return
    while (lines[0] === '') lines.shift()
    while (lines[lines.length - 1] === '') lines.pop()
    const text = lines.map((line) => (/^\\(<!-- post |## Thread: )/u.test(line) ? line.slice(1) : line)).join('\n')
    threads[threads.length - 1]!.posts.push({text, index: meta[0]!, total: meta[1]!, length: meta[2]!, limit: meta[3]!})
    lines = undefined
  }
  for (const line of source.split('\n')) {
    if (line.startsWith('## Thread: ')) {
      end()
      threads.push({title: line.slice('## Thread: '.length), posts: []})
      continue
    }
    const match = marker.exec(line)
    if (match) {
      end()
      lines = []
      meta = match.slice(1).map(Number)
      continue
    }
    lines?.push(line)
  }
  end()
  return threads
}
