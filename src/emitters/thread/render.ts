/**
 * The files: one Markdown draft per platform for people (posts between
 * marker lines, ready to paste) and one JSON file with every post and its
 * counted length per platform, for tools.
 */
import type {Thread} from './compose.js'
import type {Platform, PlatformId} from './platforms.js'

export const schemaVersion = 1

export interface NoteThreads {
  readonly slug: string
  readonly title: string
  readonly source: string
  readonly platforms: readonly Platform[]
  /** Threads per platform; every platform has the same threads in the same order. */
  readonly threads: ReadonlyMap<PlatformId, readonly Thread[]>
}

/** A post line that could be read as a marker or a thread heading gets a backslash in front. */
const ambiguous = /^(<!-- post |## Thread: )/u

/** Text inside an HTML comment may not contain `--` (it could end the comment). */
function commentSafe(text: string): string {
  return text.replace(/-(?=-)/gu, '- ')
}

export function renderDraft(note: NoteThreads, platform: Platform): string {
  const threads = note.threads.get(platform.id) ?? []
  const out = [
    '<!--',
    `quire thread drafts for ${platform.name}: ${commentSafe(note.title)} (${commentSafe(note.source)})`,
    `Limit ${platform.limit} per post, counted as ${platform.rule}.`,
    'Each thread starts with a "## Thread:" heading. Each post follows its own marker line,',
    'an HTML comment "post i/n · length/limit", and runs to the next marker or heading.',
    'A post line that would look like a marker or a heading starts with a backslash here (not in the JSON).',
    '-->',
    '',
    `# ${note.title} (${platform.name})`,
    ''
  ]
  for (const thread of threads) {
    out.push(`## Thread: ${thread.title}`, '')
    if (thread.link) out.push(`Link: <${thread.link}>`, '')
    thread.posts.forEach((post, index) => {
      out.push(`<!-- post ${index + 1}/${thread.posts.length} · ${platform.count(post)}/${platform.limit} -->`, '')
      out.push(...post.split('\n').map((line) => (ambiguous.test(line) ? `\\${line}` : line)), '')
    })
  }
  return out.join('\n')
}

export function renderJson(note: NoteThreads): string {
  const first = note.threads.get(note.platforms[0]!.id) ?? []
  const value = {
    schemaVersion,
    slug: note.slug,
    title: note.title,
    source: note.source,
    platforms: Object.fromEntries(note.platforms.map((platform) => [platform.id, {name: platform.name, limit: platform.limit, rule: platform.rule}])),
    threads: first.map((thread, index) => ({
      id: thread.id,
      kind: thread.kind,
      title: thread.title,
      ...(thread.link ? {link: thread.link} : {}),
      posts: Object.fromEntries(
        note.platforms.map((platform) => [
          platform.id,
          (note.threads.get(platform.id)?.[index]?.posts ?? []).map((text) => ({text, length: platform.count(text), limit: platform.limit}))
        ])
      )
    }))
  }
  return JSON.stringify(value, null, 2) + '\n'
}
