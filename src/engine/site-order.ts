/**
 * The order a site (and a book made by folder or tag) shows its notes in:
 * grouped by folder, the notes at the top of the content folder first, then
 * each folder by name (numbers read as numbers: `week 2` before `week 10`),
 * depth first. Inside a folder: front matter `order` (lower first; notes
 * without one after those with one), then the date (oldest first: talks of
 * a day, lectures of a term), then the title.
 */

export interface Orderable {
  readonly relativePath: string
  readonly slug: string
  readonly title: string
  readonly date?: string | undefined
  readonly order?: number | undefined
}

const collator = new Intl.Collator('en', {numeric: true, sensitivity: 'base'})

/** The folders of a content-relative path, outermost first (`a/b/c.md` → `['a', 'b']`). */
export function foldersOf(relativePath: string): string[] {
  return relativePath.split('/').slice(0, -1)
}

function compareNotes(a: Orderable, b: Orderable): number {
  const orderA = a.order ?? Number.POSITIVE_INFINITY
  const orderB = b.order ?? Number.POSITIVE_INFINITY
  if (orderA !== orderB) return orderA < orderB ? -1 : 1
  const dateA = a.date ?? '\uffff'
  const dateB = b.date ?? '\uffff'
  if (dateA !== dateB) return dateA < dateB ? -1 : 1
  return collator.compare(a.title, b.title) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)
}

/** `notes` in site order (a new array). Each note's folders are split once, not at every comparison. */
export function siteOrder<Note extends Orderable>(notes: readonly Note[]): Note[] {
  const keyed = notes.map((note) => ({note, folders: foldersOf(note.relativePath)}))
  keyed.sort((a, b) => {
    const foldersA = a.folders
    const foldersB = b.folders
    for (let index = 0; index < Math.min(foldersA.length, foldersB.length); index++) {
      const byName = collator.compare(foldersA[index]!, foldersB[index]!) || (foldersA[index]! < foldersB[index]! ? -1 : foldersA[index]! > foldersB[index]! ? 1 : 0)
      if (byName !== 0) return byName
    }
    // Same folder so far: the one that stops here is a note of this folder, and comes before its sub-folders.
    if (foldersA.length !== foldersB.length) return foldersA.length - foldersB.length
    return compareNotes(a.note, b.note)
  })
  return keyed.map((entry) => entry.note)
}
