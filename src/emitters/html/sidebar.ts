/**
 * The sidebar: every note of the site in site order (`src/engine/site-order.ts`),
 * grouped by folder, each folder a foldable group titled with its name. It
 * is written once per build as `sidebar.js` (the list as a string that
 * `nav.js` puts in each page's `<nav class="sidebar">`, the current note
 * marked) and as `sidebar.html` (the same list as a page, for the
 * `<noscript>` frame). Hrefs are relative to the site root; `nav.js`
 * prefixes them on pages below it (`tags/…`).
 */
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import type {SiteConfig} from '../../config/types.js'
import {foldersOf} from '../../engine/site-order.js'
import type {GraphNote} from '../../model.js'
import {pageFile} from '../../pipeline/pages.js'
import {labelLang, labels} from './format.js'
import {lines, sidebarEntryId, text} from './shell.js'

interface Group {
  readonly name: string
  readonly items: Array<GraphNote | Group>
}

/** Notes (in site order) nested into their folders. */
function grouped(notes: readonly GraphNote[]): Group {
  const root: Group = {name: '', items: []}
  for (const note of notes) {
    let group = root
    for (const folder of foldersOf(note.relativePath)) {
      const last = group.items.at(-1)
      // Site order keeps a folder's notes together: the folder is the last group, or a new one.
      if (last && 'items' in last && last.name === folder) group = last
      else {
        const created: Group = {name: folder, items: []}
        group.items.push(created)
        group = created
      }
    }
    group.items.push(note)
  }
  return root
}

function list(group: Group, siteLang: string): Element {
  return h(
    'ol',
    lines(
      group.items.map((item) => {
        if ('items' in item) {
          return h('li', {className: ['folder']}, [h('details', {open: true}, [h('summary', item.name), list(item, siteLang)])])
        }
        const lang = item.lang === siteLang ? {} : {lang: item.lang}
        return h('li', {id: sidebarEntryId(item.slug), ...lang}, [h('a', {href: pageFile(item.slug)}, item.title)])
      })
    )
  )
}

/** The sidebar's list of notes. */
export function sidebarList(notes: readonly GraphNote[], site: SiteConfig): Element {
  const tree = list(grouped(notes), site.lang)
  tree.properties.className = ['sidebar-list']
  return tree
}

/** `sidebar.js`: the list as HTML text for `nav.js`. */
export function sidebarScript(notes: readonly GraphNote[], site: SiteConfig): string {
  const html = toHtml(sidebarList(notes, site))
  // JSON is a JavaScript string literal; `<` escaped so no `</script>` can ever close anything.
  return `window.quireSidebar = ${JSON.stringify(html).replace(/</g, '\\u003c')};\n`
}

/** `sidebar.html`: the list as a page of its own, shown in a frame when scripts are off. */
export function sidebarPage(notes: readonly GraphNote[], site: SiteConfig, stylesheets: readonly string[]): Root {
  const head = h('head', lines([
    h('meta', {charSet: 'utf-8'}),
    h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
    h('title', {...labelLang(site.lang)}, `${labels.notes} · ${site.title}`),
    h('meta', {name: 'robots', content: 'noindex'}),
    // Links open in the page around the frame, not inside it.
    h('base', {target: '_top'}),
    ...stylesheets.map((href) => h('link', {rel: 'stylesheet', href}))
  ]))
  const body: ElementContent[] = [h('nav', {className: ['sidebar', 'sidebar-page'], ariaLabel: labels.notes, ...labelLang(site.lang)}, [sidebarList(notes, site)])]
  return {type: 'root', children: [{type: 'doctype'}, text('\n'), h('html', {lang: site.lang}, lines([head, h('body', {className: ['sidebar-frame-page']}, lines(body))])), text('\n')]}
}
