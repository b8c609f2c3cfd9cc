/**
 * The frame every page shares: doctype, `<html lang>`, the `<head>` (charset,
 * viewport, title, description, stylesheets) and the body around the page's
 * own content. Serializing is here too, so every page is written the same way.
 */
import type {Element, ElementContent, Root} from 'hast'
import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'
import {h} from 'hastscript'
import {labelLang, labels} from './format.js'

export interface ShellInput {
  readonly lang: string
  readonly title: string
  readonly description: string
  /** Stylesheets to link, in order, relative to the page. */
  readonly stylesheets: readonly string[]
  /** More `<meta>`/`<link>` elements for the head. */
  readonly head?: readonly Element[] | undefined
  /** Id of the `<main>` element (unique in the page). */
  readonly mainId: string
  readonly header: readonly ElementContent[]
  readonly main: readonly ElementContent[]
  /** Footer content; no footer when empty. */
  readonly footer: readonly ElementContent[]
}

export function shell(input: ShellInput): Root {
  const head = h('head', lines([
    h('meta', {charSet: 'utf-8'}),
    h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
    h('title', input.title),
    h('meta', {name: 'description', content: input.description}),
    h('meta', {name: 'generator', content: 'quire'}),
    h('meta', {name: 'color-scheme', content: 'light dark'}),
    ...(input.head ?? []),
    ...input.stylesheets.map((href) => h('link', {rel: 'stylesheet', href}))
  ]))
  const body = h('body', lines([
    h('a', {className: ['skip-link'], href: `#${input.mainId}`, ...labelLang(input.lang)}, labels.skipToContent),
    h('header', {className: ['site-header']}, lines(input.header)),
    h('main', {id: input.mainId}, lines(input.main)),
    ...(input.footer.length > 0 ? [h('footer', {className: ['site-footer']}, lines(input.footer))] : [])
  ]))
  return {type: 'root', children: [{type: 'doctype'}, text('\n'), h('html', {lang: input.lang}, lines([head, body])), text('\n')]}
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
