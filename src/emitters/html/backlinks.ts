/**
 * "Linked from": the notes that link to this one or embed it, from the note
 * graph's backlinks, each with the sentences its links are written in, so a
 * reader sees why it points here. A page is written again only when its
 * backlinks change.
 */
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import type {GraphNote, NoteLink} from '../../model.js'
import {pageFile} from '../../pipeline/pages.js'
import {labelLang, labels} from './format.js'
import {lines, text} from './shell.js'

export interface Backlink {
  readonly note: GraphNote
  readonly links: readonly NoteLink[]
}

const collator = new Intl.Collator('en', {numeric: true})

/** Backlinks grouped by linking note, by its title (`Lecture 2` before `Lecture 10`), each note's links in the order written. */
export function groupBacklinks(links: readonly NoteLink[], noteOf: (path: string) => GraphNote | undefined): Backlink[] {
  const groups = new Map<string, NoteLink[]>()
  for (const link of links) groups.set(link.from, [...(groups.get(link.from) ?? []), link])
  return [...groups]
    .flatMap(([from, group]) => {
      const note = noteOf(from)
      return note ? [{note, links: group}] : []
    })
    .sort((a, b) => collator.compare(a.note.title, b.note.title) || (a.note.relativePath < b.note.relativePath ? -1 : 1))
}

/** The section; undefined without backlinks. */
export function backlinksSection(backlinks: readonly Backlink[], id: string, lang: string): Element | undefined {
  if (backlinks.length === 0) return undefined
  return h('section', {className: ['backlinks'], ariaLabelledBy: id}, lines([
    h('h2', {id, ...labelLang(lang)}, labels.linkedFrom),
    h('ul', lines(backlinks.map((backlink) => entry(backlink, lang))))
  ]))
}

function entry({note, links}: Backlink, lang: string): Element {
  const contexts = [...new Set(links.filter((link) => !link.embed && link.context).map((link) => link.context!))]
  const embeds = links.some((link) => link.embed)
  const children: ElementContent[] = [h('a', {href: pageFile(note.slug), ...(note.lang === lang ? {} : {lang: note.lang})}, note.title)]
  if (embeds) children.push(text(' '), h('span', {className: ['backlink-embed'], ...labelLang(lang)}, `(${labels.embedsThis})`))
  for (const context of contexts) children.push(h('blockquote', {className: ['backlink-context'], ...(note.lang === lang ? {} : {lang: note.lang})}, [h('p', context)]))
  return h('li', children)
}
