/**
 * Finds the notes of a content folder and gives each a slug: a file name
 * that is safe on every file system and unique in the collection.
 */
import {createHash} from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import slugify from '@sindresorhus/slugify'
import {toPosix} from './paths.js'
import {noteExtension} from './pipeline/link-targets.js'

export interface NoteEntry {
  /** Absolute path. */
  readonly path: string
  /** Relative to the content folder, POSIX separators. */
  readonly relativePath: string
  readonly slug: string
}

export interface SlugProblem {
  readonly relativePath: string
  readonly reason: string
  readonly ruleId: 'slug-collision' | 'slug-reserved'
  readonly fatal: boolean
}

const skipped = new Set(['node_modules', '.git'])
/** Names the collection-level outputs use (`index.html`, `index.json`). */
// Names of pages and folders the site has besides the notes' pages.
const reserved = new Set(['index', 'assets', 'sidebar', '404'])
const maxSlugLength = 80

export interface ContentFiles {
  /** Every Markdown file (absolute paths). */
  readonly notes: string[]
  /** Every other file, relative to the content folder with POSIX separators: what wikilinks and embeds may name. */
  readonly attachments: string[]
}

/** The files of a content folder, sorted by path so builds are deterministic. */
export async function findFiles(contentDir: string, exclude: readonly string[] = []): Promise<ContentFiles> {
  const notes: string[] = []
  const attachments: string[] = []
  const excluded = exclude.map((dir) => path.resolve(dir))
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, {withFileTypes: true})
    for (const entry of entries) {
      if (entry.name.startsWith('.') || skipped.has(entry.name)) continue
      const full = path.join(dir, entry.name)
      if (excluded.includes(full)) continue
      if (entry.isDirectory()) await walk(full)
      else if (entry.isFile() || entry.isSymbolicLink()) (noteExtension.test(entry.name) ? notes : attachments).push(full)
    }
  }
  await walk(contentDir)
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return {notes: notes.sort(byPath), attachments: attachments.sort(byPath).map((file) => toPosix(path.relative(contentDir, file)))}
}

/** Slug from the content-relative path: `Talks/Day 1.md` → `talks-day-1`. */
export function slugFor(relativePath: string): string {
  const withoutExtension = relativePath.replace(noteExtension, '')
  const slug = withoutExtension
    .split('/')
    .map(outputSlug)
    .filter(Boolean)
    .join('-')
    .slice(0, maxSlugLength)
    .replace(/-+$/, '')
  // Names with no Latin letters or digits (漢字.md) still need distinct, stable names.
  return slug || `note-${createHash('sha256').update(relativePath).digest('hex').slice(0, 8)}`
}

/**
 * The one rule for output file names made from text (a path segment, a
 * book title): ASCII lower-case words joined by dashes, accents folded;
 * empty when nothing is left.
 */
export function outputSlug(text: string): string {
  return slugify(text.replaceAll('\0', ''))
}

/** Slugs for every note; collisions are reported and the later note (by path) is not built. */
export function assignSlugs(contentDir: string, files: readonly string[]): {notes: NoteEntry[]; problems: SlugProblem[]} {
  const notes: NoteEntry[] = []
  const problems: SlugProblem[] = []
  const taken = new Map<string, string>()
  for (const file of files) {
    const relativePath = toPosix(path.relative(contentDir, file))
    let slug = slugFor(relativePath)
    if (reserved.has(slug)) {
      problems.push({relativePath, reason: `The name \`${slug}\` is reserved for a page quire writes; this note is published as \`${slug}-note\``, ruleId: 'slug-reserved', fatal: false})
      slug += '-note'
    }
    const other = taken.get(slug)
    if (other) {
      problems.push({relativePath, reason: `Output name \`${slug}\` is already used by ${other}; rename one of the two notes`, ruleId: 'slug-collision', fatal: true})
      continue
    }
    taken.set(slug, relativePath)
    notes.push({path: file, relativePath, slug})
  }
  return {notes, problems}
}
