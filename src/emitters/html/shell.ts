/**
 * The frame every page shares: doctype, `<html lang>`, the `<head>`
 * (charset, viewport, title, description, stylesheets, scripts), a skip
 * link, the site header (menu button, site title, search box), the sidebar
 * of every note, the page's own content in `<main>`, and the footer.
 *
 * The sidebar is one shared file, not part of each page: `sidebar.js` puts
 * it in place (so adding a note rewrites one file, not every page), and
 * without JavaScript a `<noscript>` frame shows `sidebar.html` instead.
 * Serializing is here too, so every page is written the same way.
 */
import type {Element, ElementContent, Root} from 'hast'
import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'
import {h} from 'hastscript'
import type {SiteConfig} from '../../config/types.js'
import {labelLang, labels} from './format.js'

/** What every page of one build shares. */
export interface SiteFrame {
  readonly site: SiteConfig
  /** Stylesheets every page links, relative to the site root, in order. */
  readonly stylesheets: readonly string[]
  /** Scripts every page loads (`defer`), relative to the site root, in order. */
  readonly scripts: readonly string[]
  /** More head elements for every page, given the way back to the site root (`''`, `'../'`). */
  readonly head?: ((base: string) => readonly Element[]) | undefined
  /** The search box of the header, given the way back to the site root and the page's language. */
  readonly search?: ((base: string, lang: string) => Element) | undefined
}

/** One page's own part. */
export interface Frame {
  /** Its path below the site root (`index.html`, `tags/css.html`). */
  readonly page: string
  /** The way back to the site root, when not the one `page` gives: `404.html` is served at any depth (`/garden/`). */
  readonly base?: string | undefined
  readonly title: string
  readonly description: string
  readonly lang?: string | undefined
  /** More head elements (canonical link, social cards). */
  readonly head?: readonly Element[] | undefined
  /** Stylesheets this page links besides the site's (KaTeX), relative to the site root. */
  readonly stylesheets?: readonly string[] | undefined
  /** Id of the `<main>` element (unique in the page); `quire-main` by default. */
  readonly mainId?: string | undefined
  /** The note this page shows, marked in the sidebar. */
  readonly current?: string | undefined
  readonly main: readonly ElementContent[]
}

export const sidebarId = 'quire-sidebar'

/** The way back to the site root from a page (`tags/a/b.html` → `../../`). */
export function baseOf(page: string): string {
  return '../'.repeat(page.split('/').length - 1)
}

export function shell(site: SiteFrame, frame: Frame): Root {
  const base = frame.base ?? baseOf(frame.page)
  const lang = frame.lang ?? site.site.lang
  const mainId = frame.mainId ?? 'quire-main'
  const head = h('head', lines([
    h('meta', {charSet: 'utf-8'}),
    h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
    h('title', frame.title),
    h('meta', {name: 'description', content: frame.description}),
    h('meta', {name: 'generator', content: 'quire'}),
    h('meta', {name: 'color-scheme', content: 'light dark'}),
    ...(site.head?.(base) ?? []),
    ...(frame.head ?? []),
    ...[...(frame.stylesheets ?? []), ...site.stylesheets].map((href) => h('link', {rel: 'stylesheet', href: base + href})),
    ...site.scripts.map((src) => h('script', {src: base + src, defer: true}))
  ]))
  const body = h('body', lines([
    h('a', {className: ['skip-link'], href: `#${mainId}`, ...labelLang(lang)}, labels.skipToContent),
    h('header', {className: ['site-header']}, lines([
      // Shown by sidebar.js on narrow screens; without a script the sidebar sits below the page.
      h('button', {type: 'button', className: ['sidebar-toggle'], ariaControls: sidebarId, ariaExpanded: 'false', hidden: true, ...labelLang(lang)}, [
        h('span', {ariaHidden: 'true'}, '☰ '),
        labels.menu
      ]),
      h('a', {className: ['site-title'], href: `${base}index.html`}, site.site.title),
      ...(site.search ? [site.search(base, lang)] : [])
    ])),
    h('div', {className: ['site']}, lines([
      sidebar(base, frame.current, lang),
      h('main', {id: mainId}, lines(frame.main))
    ])),
    h('footer', {className: ['site-footer']}, lines([
      h('nav', {ariaLabel: labels.siteLinks, ...labelLang(lang)}, [
        h('a', {href: `${base}index.html`}, labels.allNotes),
        ' · ',
        h('a', {href: `${base}tags/index.html`}, labels.allTags)
      ])
    ]))
  ]))
  return {type: 'root', children: [{type: 'doctype'}, text('\n'), h('html', {lang}, lines([head, body])), text('\n')]}
}

/** The sidebar's place: filled by `sidebar.js`, else a frame of `sidebar.html` (the current note as its `#fragment`). */
function sidebar(base: string, current: string | undefined, lang: string): Element {
  // No `#fragment` to mark the current note in the frame: scrolling the frame to it would scroll the page too.
  return h('nav', {className: ['sidebar'], id: sidebarId, ariaLabel: labels.notes, dataBase: base, dataCurrent: current, ...labelLang(lang)}, [
    h('noscript', [h('iframe', {className: ['sidebar-frame'], src: `${base}sidebar.html`, title: labels.notes})])
  ])
}

/** The id of a note's entry in the sidebar. */
export function sidebarEntryId(slug: string): string {
  return `note-${slug}`
}

/** rehype-stringify, built once: uppercase doctype, otherwise its defaults. */
const stringifier = unified().use(rehypeStringify, {upperDoctype: true})

/** The page as HTML text. */
export function serialize(tree: Root): string {
  return stringifier.stringify(tree)
}

/** Put each child on its own line so the output reads well and diffs well. */
export function lines(children: readonly ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [text('\n')]
  for (const child of children) out.push(child, text('\n'))
  return out
}

/** A text node. */
export function text(value: string): {type: 'text'; value: string} {
  return {type: 'text', value}
}

/** An id not yet in `taken` (`base`, else `base-2`, …); adds it to `taken`. */
export function uniqueId(base: string, taken: Set<string>): string {
  let id = base
  for (let index = 2; taken.has(id); index++) id = `${base}-${index}`
  taken.add(id)
  return id
}
