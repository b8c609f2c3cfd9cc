/**
 * Tag pages: `tags/<tag>.html` lists the notes with that tag, newest first;
 * `tags/index.html` lists every tag with its count. Tags compare without
 * regard to case (as the pipeline merges them), so a tag's page is named by
 * its lower-case form; a nested tag (`course/week-1`) gets a nested page
 * (`tags/course/week-1.html`), so no two tags ever share a page.
 */
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import type {SiteConfig} from '../../config/types.js'
import type {NoteSummary} from '../../model.js'
import {pageFile} from '../../pipeline/pages.js'
import {formatDate, machineDate} from '../intl.js'
import {labelLang, labels, pageDescription} from './format.js'
import {baseOf, lines, type Frame} from './shell.js'
import {listingSocialMeta} from './social.js'

/** The tag's page, relative to the site root (`tags/course/week-1.html`). */
export function tagPage(tag: string): string {
  return `tags/${tag.normalize('NFC').toLowerCase().split('/').filter(Boolean).join('/')}.html`
}

/** An href to the tag's page from a page `base` deep (`''` at the site root, `'../'` in `tags/`). */
export function tagHref(tag: string, base: string): string {
  return base + encodeURI(tagPage(tag))
}

export interface TagGroup {
  /** The tag as first written (by the newest note that has it). */
  readonly tag: string
  readonly page: string
  readonly notes: readonly NoteSummary[]
}

/** Every tag of the collection with its notes (in collection order), tags sorted by name. */
export function tagGroups(notes: readonly NoteSummary[]): TagGroup[] {
  const groups = new Map<string, {tag: string; notes: NoteSummary[]}>()
  for (const note of notes) {
    for (const tag of note.meta.tags) {
      const page = tagPage(tag)
      const group = groups.get(page) ?? {tag, notes: []}
      if (!group.notes.includes(note)) group.notes.push(note)
      groups.set(page, group)
    }
  }
  const collator = new Intl.Collator('en', {numeric: true, sensitivity: 'base'})
  return [...groups].map(([page, group]) => ({tag: group.tag, page, notes: group.notes})).sort((a, b) => collator.compare(a.tag, b.tag) || (a.page < b.page ? -1 : 1))
}

/** The page of one tag. */
export function tagPageFrame(group: TagGroup, site: SiteConfig): Frame {
  const base = baseOf(group.page)
  const heading = `${labels.taggedPrefix}${group.tag}`
  const description = `${group.notes.length} ${group.notes.length === 1 ? 'note' : 'notes'} tagged ${group.tag}`
  return {
    page: group.page,
    title: `${heading} · ${site.title}`,
    description,
    head: listingSocialMeta(site, {page: group.page, title: heading, description}),
    main: [
      h('h1', heading),
      h('p', {className: ['tag-count'], ...labelLang(site.lang)}, `${group.notes.length} ${group.notes.length === 1 ? 'note' : 'notes'}`),
      h('ol', {className: ['note-list', 'compact']}, lines(group.notes.map((note) => noteEntry(note, base, site.lang)))),
      h('p', h('a', {href: `${base}tags/index.html`, ...labelLang(site.lang)}, `← ${labels.allTags}`))
    ]
  }
}

/** `tags/index.html`: every tag and how many notes have it. */
export function tagIndexFrame(groups: readonly TagGroup[], site: SiteConfig): Frame {
  const base = '../'
  const main: ElementContent[] = [h('h1', {...labelLang(site.lang)}, labels.allTags)]
  if (groups.length === 0) main.push(h('p', {...labelLang(site.lang)}, labels.noTags))
  else {
    main.push(
      h('ul', {className: ['tag-index']}, lines(groups.map((group) => h('li', [
        h('a', {href: base + encodeURI(group.page), className: ['tag']}, group.tag),
        ' ',
        h('span', {className: ['count']}, `(${group.notes.length})`)
      ]))))
    )
  }
  const description = `${site.title}: ${groups.length} tags`
  return {
    page: 'tags/index.html',
    title: `${labels.allTags} · ${site.title}`,
    description,
    head: listingSocialMeta(site, {page: 'tags/index.html', title: labels.allTags, description}),
    main
  }
}

function noteEntry(note: NoteSummary, base: string, siteLang: string): Element {
  const {meta} = note
  const lang = meta.lang === siteLang ? {} : {lang: meta.lang}
  return h('li', {className: ['note-entry'], ...lang}, [
    h('a', {href: base + pageFile(note.slug)}, meta.title),
    ...(meta.date ? [' ', h('time', {dateTime: machineDate(meta.date)}, formatDate(meta.date, meta.lang))] : []),
    h('p', {className: ['description']}, pageDescription(note))
  ])
}
