/**
 * The table of contents: the nested heading tree of every note (days and
 * their talks), each entry pointing at the chapter file that holds it.
 * Rendered twice: the EPUB 3 navigation document and the EPUB 2 NCX.
 */
import type {Heading} from '../../model.js'
import {contentsEntries} from '../../pipeline/outline.js'
import type {NoteChapters} from './chapters.js'
import {escapeXml} from './xhtml.js'

export interface NavEntry {
  readonly label: string
  readonly href: string
  readonly children: readonly NavEntry[]
}

/** The note's title (its first chapter), then its heading tree. */
export function noteEntries(note: NoteChapters): NavEntry[] {
  const entry = (heading: Heading): NavEntry => {
    const file = note.fileOfId.get(heading.id) ?? note.chapters[0]!.file
    // The heading a chapter starts with is the chapter: link the file itself.
    const href = firstHeadingOf(note, file) === heading.id ? file : `${file}#${encodeURIComponent(heading.id)}`
    return {label: heading.text || heading.id, href, children: heading.children.map(entry)}
  }
  return [{label: note.doc.meta.title, href: note.chapters[0]!.file, children: []}, ...contentsEntries(note.doc.headings).map(entry)]
}

/** In a book: one entry per note, its headings nested below. */
export function bookEntry(note: NoteChapters): NavEntry {
  const [title, ...headings] = noteEntries(note)
  return {...title!, children: headings}
}

function firstHeadingOf(note: NoteChapters, file: string): string | undefined {
  const chapter = note.chapters.find((candidate) => candidate.file === file)
  const first = chapter?.children.find((node) => node.type === 'element')
  return first?.type === 'element' && /^h[1-6]$/.test(first.tagName) && typeof first.properties.id === 'string' ? first.properties.id : undefined
}

/** The `<ol>` of the navigation document. */
export function navList(entries: readonly NavEntry[], indent = '      '): string {
  const lines = [`${indent}<ol>`]
  for (const entry of entries) {
    const link = `<a href="${escapeXml(entry.href)}">${escapeXml(entry.label)}</a>`
    if (entry.children.length === 0) lines.push(`${indent}  <li>${link}</li>`)
    else lines.push(`${indent}  <li>${link}`, navList(entry.children, indent + '    '), `${indent}  </li>`)
  }
  lines.push(`${indent}</ol>`)
  return lines.join('\n')
}

/** `<navPoint>`s of the NCX, numbered in reading order. */
export function ncxPoints(entries: readonly NavEntry[]): {xml: string; depth: number} {
  let order = 0
  let depth = 0
  const render = (list: readonly NavEntry[], level: number, indent: string): string =>
    list
      .map((entry) => {
        depth = Math.max(depth, level)
        const own = ++order
        const children = entry.children.length > 0 ? '\n' + render(entry.children, level + 1, indent + '  ') : ''
        return `${indent}<navPoint id="nav-${own}" playOrder="${own}"><navLabel><text>${escapeXml(entry.label)}</text></navLabel><content src="${escapeXml(entry.href)}"/>${children}${children ? '\n' + indent : ''}</navPoint>`
      })
      .join('\n')
  const xml = render(entries, 1, '    ')
  return {xml, depth}
}
