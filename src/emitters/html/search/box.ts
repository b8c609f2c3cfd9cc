/**
 * The search box of the page header and the script tag that brings it to
 * life. Without JavaScript the box stays `hidden` (search.js shows it), so
 * a page read with scripts off has no control that does nothing.
 *
 * Where the page frame puts them: `searchBox()` in the header, and
 * `searchScripts()` in the head (the script is deferred). `base` is the way
 * from the page to the site root: '' for pages in `html/`, '../' for pages
 * one folder down (`html/tags/`).
 */
import type {Element} from 'hast'
import {h} from 'hastscript'
import {labelLang} from '../format.js'
import {uniqueId} from '../shell.js'

/** Where search writes, relative to the site root (`html/`). */
export const searchScriptFile = 'search.js'
export const searchEngineFile = 'search-engine.js'
export const searchIndexFile = 'search-index.js'

export const searchLabels = {
  search: 'Search',
  searchNotes: 'Search the notes'
} as const

export interface SearchBoxOptions {
  /** The page's language: the box's English labels say so when it differs. */
  readonly lang: string
  /** From the page to the site root: '' or '../'. */
  readonly base: string
  /** Ids the page already uses; the box's ids are added to it. Without it, the box uses `quire-search-*`. */
  readonly taken?: Set<string> | undefined
}

export function searchBox(options: SearchBoxOptions): Element {
  const taken = options.taken ?? new Set<string>()
  const inputId = uniqueId('quire-search-input', taken)
  const listId = uniqueId('quire-search-results', taken)
  const english = labelLang(options.lang)
  return h(
    'div',
    {
      className: ['quire-search'],
      role: 'search',
      hidden: true,
      dataQuireSearch: '',
      dataBase: options.base,
      dataEngine: `${options.base}${searchEngineFile}`,
      dataIndex: `${options.base}${searchIndexFile}`
    },
    [
      h('label', {className: ['quire-search-label'], htmlFor: inputId, ...english}, searchLabels.searchNotes),
      h('input', {
        className: ['quire-search-input'],
        id: inputId,
        type: 'search',
        role: 'combobox',
        ariaExpanded: 'false',
        ariaControls: listId,
        ariaAutoComplete: 'list',
        ariaKeyShortcuts: '/ Control+K Meta+K',
        autoComplete: 'off',
        autoCapitalize: 'off',
        spellCheck: 'false',
        enterKeyHint: 'search',
        placeholder: searchLabels.search
      }),
      h('kbd', {className: ['quire-search-key'], ariaHidden: 'true'}, '/'),
      // The messages are English; the results say their own language (the note's).
      h('p', {className: ['quire-search-status'], role: 'status', ...english}),
      h('div', {className: ['quire-search-panel'], hidden: true}, [
        h('p', {className: ['quire-search-message'], hidden: true, ...english}),
        // search.js makes it the listbox (role, label) it fills: without the script there is none, and html-validate has no <select> to prefer.
        h('div', {className: ['quire-search-results'], id: listId, hidden: true})
      ])
    ]
  )
}

/** The script tag for the page head: deferred, it runs once the page is parsed. */
export function searchScripts(base: string): Element[] {
  return [h('script', {src: `${base}${searchScriptFile}`, defer: true})]
}
