/**
 * What a link in a note can point at: the notes of the build (with their
 * slugs) and the other files of the content folder (images, PDFs). The one
 * place where a link target is resolved, for Markdown links (a path
 * relative to the note), for wikilinks and embeds (Obsidian's rules: a
 * path, or a file name anywhere in the folder), and for Markdown images
 * that are not where their path says (`![](diagram.png)` kept in an
 * attachments folder: the same rules, among image files only).
 *
 * Every answer a parse gets is also a question the build cache can ask
 * again (`answer(query)`): a note is parsed anew when one of its links
 * would now resolve differently (its target appeared, went, or gained a
 * namesake).
 */
import path from 'node:path'
import {hasImageExtension} from './image-types.js'

/** Note files, by extension. */
export const noteExtension = /\.(?:md|markdown)$/i

export interface Resolved {
  /** Content-relative path of the file the link points at, or undefined when none matches. */
  readonly path?: string | undefined
  /** Every file the link could mean, when more than one matches a bare name (the first is `path`). */
  readonly candidates: readonly string[]
}

export class LinkTargets {
  private readonly slugs: ReadonlyMap<string, string>
  /** Lower-cased path → path, for every file. */
  private readonly byLowerPath = new Map<string, string>()
  /** Lower-cased file name (and note name without extension) → paths. */
  private readonly byName = new Map<string, string[]>()
  /** The image files alone, for `resolveImage` (made on its first call). */
  private images: LinkTargets | undefined

  /**
   * `notes`: content-relative path → slug of every note of the build;
   * `attachments`: content-relative paths of the other files.
   */
  constructor(notes: Iterable<readonly [relativePath: string, slug: string]>, attachments: Iterable<string> = []) {
    this.slugs = new Map(notes)
    for (const file of [...this.slugs.keys(), ...attachments]) {
      this.byLowerPath.set(file.toLowerCase(), file)
      const name = path.posix.basename(file).toLowerCase()
      for (const key of noteExtension.test(name) ? [name, name.replace(noteExtension, '')] : [name]) {
        const list = this.byName.get(key) ?? []
        list.push(file)
        this.byName.set(key, list)
      }
    }
  }

  /** The slug of a note, by content-relative path. */
  slugOf(relativePath: string): string | undefined {
    return this.slugs.get(relativePath)
  }

  isNote(relativePath: string): boolean {
    return this.slugs.has(relativePath)
  }

  /** Whether the content folder has this file (a note or another file), by exact content-relative path. */
  hasFile(relativePath: string): boolean {
    return this.byLowerPath.get(relativePath.toLowerCase()) === relativePath
  }

  /**
   * A wikilink or embed target (`Day 1`, `talks/Day 1.md`, `images/x.png`)
   * written in note `from`, as Obsidian resolves it: the path from the
   * content folder or from the note's folder, else the file name anywhere
   * (any case, with or without `.md`). When several files share the name,
   * the one in the note's folder wins, else the shortest path, and all are
   * returned so the caller can warn.
   */
  resolve(target: string, from: string): Resolved {
    const wanted = target.replace(/\\/g, '/').replace(/^\/+/, '').trim()
    if (!wanted) return {candidates: []}
    const options = noteExtension.test(wanted) || path.posix.extname(wanted) === '' ? [wanted, `${wanted}.md`, `${wanted}.markdown`] : [wanted]
    const folder = path.posix.dirname(from)
    for (const base of folder === '.' ? [''] : [folder, '']) {
      for (const option of options) {
        const joined = path.posix.normalize(base ? `${base}/${option}` : option)
        if (joined.startsWith('../')) continue
        const found = this.byLowerPath.get(joined.toLowerCase())
        if (found) return {path: found, candidates: [found]}
      }
    }
    const lower = wanted.toLowerCase()
    const name = path.posix.basename(lower)
    const matches = (this.byName.get(name) ?? []).filter((file) => {
      const candidate = file.toLowerCase()
      const bare = candidate.replace(noteExtension, '')
      // `talks/Day 1` matches `events/talks/Day 1.md`, not `mytalks/Day 1.md`.
      return [candidate, bare].some((form) => form === lower || form.endsWith(`/${lower}`))
    })
    if (matches.length === 0) return {candidates: []}
    const ranked = [...new Set(matches)].sort((a, b) => {
      const near = Number(path.posix.dirname(b) === folder) - Number(path.posix.dirname(a) === folder)
      return near || a.split('/').length - b.split('/').length || a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
    })
    return {path: ranked[0], candidates: ranked}
  }

  /**
   * A local image (a Markdown image, a raw HTML `img`, a cover) written in
   * note `from` that is not at its path relative to the note: found as
   * `resolve` finds an embed (the path from the content folder, else the
   * file name anywhere, in any case; the note's folder, then the shortest
   * path wins), among the files with an image extension only. `target` is
   * the decoded path, without query or fragment.
   */
  resolveImage(target: string, from: string): Resolved {
    this.images ??= new LinkTargets(
      [],
      [...this.byLowerPath.values()].filter((file) => !this.isNote(file) && hasImageExtension(file))
    )
    return this.images.resolve(target, from)
  }

  /**
   * The answer to a query a parse recorded (`note:<path>` → slug,
   * `file:<path>` → the path when the file is there, `wiki:<from>\0<target>`
   * → the resolved path and its namesakes, `image:<from>\0<target>` → the
   * same among images): the cache compares it with the answer the parse got.
   */
  answer(query: string): string | null {
    if (query.startsWith('note:')) return this.slugOf(query.slice(5)) ?? null
    if (query.startsWith('file:')) return this.hasFile(query.slice(5)) ? query.slice(5) : null
    if (query.startsWith('wiki:') || query.startsWith('image:')) {
      const [from = '', target = ''] = query.slice(query.indexOf(':') + 1).split('\0')
      return LinkTargets.encode(query.startsWith('wiki:') ? this.resolve(target, from) : this.resolveImage(target, from))
    }
    return null
  }

  static noteQuery(relativePath: string): string {
    return `note:${relativePath}`
  }

  static fileQuery(relativePath: string): string {
    return `file:${relativePath}`
  }

  static wikiQuery(from: string, target: string): string {
    return `wiki:${from}\0${target}`
  }

  static imageQuery(from: string, target: string): string {
    return `image:${from}\0${target}`
  }

  /** A resolution as the cache stores it. */
  static encode(resolved: Resolved): string | null {
    return resolved.path === undefined ? null : resolved.candidates.join('\0')
  }
}
