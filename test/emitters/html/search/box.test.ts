/**
 * The search box as the page frame places it: hidden until search.js runs,
 * a labelled combobox that controls a listbox, valid in a page.
 */
import {describe, expect, it} from 'vitest'
import {h} from 'hastscript'
import {searchBox, searchScripts} from '../../../../src/emitters/html/search/index.js'
import {serialize} from '../../../../src/emitters/html/shell.js'
import {attr, hasClass, one, parsePage, select} from '../dom.js'
import {validatePage} from '../validate.js'

/** A bare page with the box in its header (not quire's frame, which places the box itself). */
function page(lang: string, base: string, taken?: Set<string>) {
  const html = h('html', {lang}, [
    h('head', [
      h('meta', {charSet: 'utf-8'}),
      h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
      h('title', 'A page'),
      h('link', {rel: 'stylesheet', href: `${base}quire.css`}),
      ...searchScripts(base)
    ]),
    h('body', [h('header', [h('a', {href: `${base}index.html`}, 'Notes'), searchBox({lang, base, taken})]), h('main', [h('h1', 'A page'), h('p', 'Text.')])])
  ])
  return serialize({type: 'root', children: [{type: 'doctype'}, html]})
}

describe('searchBox', () => {
  it('is hidden without JavaScript and names the index and the way to the site root', () => {
    const tree = parsePage(page('en', '../'))
    const box = one(tree, 'div', (element) => attr(element, 'role') === 'search')
    expect(box.properties.hidden).toBe(true)
    expect(attr(box, 'dataBase')).toBe('../')
    expect(attr(box, 'dataIndex')).toBe('../search-index.js')
    expect(attr(box, 'dataEngine')).toBe('../search-engine.js')
    expect(select(tree, 'script').map((script) => [attr(script, 'src'), script.properties.defer])).toEqual([['../search.js', true]])
  })

  it('is a labelled combobox that controls the results (the listbox search.js fills), with a live status', () => {
    const tree = parsePage(page('en', ''))
    const input = one(tree, 'input')
    expect(attr(input, 'role')).toBe('combobox')
    expect(attr(input, 'ariaExpanded')).toBe('false')
    const list = one(tree, 'div', hasClass('quire-search-results'))
    expect(attr(input, 'ariaControls')).toBe(attr(list, 'id'))
    expect(attr(one(tree, 'label'), 'htmlFor')).toBe(attr(input, 'id'))
    expect(select(tree, 'p', (element) => attr(element, 'role') === 'status')).toHaveLength(1)
  })

  it("takes ids the page does not use, and marks its English words on another language's page", () => {
    const taken = new Set(['quire-search-input'])
    const tree = parsePage(page('zh', '', taken))
    expect(attr(one(tree, 'input'), 'id')).toBe('quire-search-input-2')
    expect(taken.has('quire-search-input-2') && taken.has('quire-search-results')).toBe(true)
    expect(attr(one(tree, 'label'), 'lang')).toBe('en')
    expect(attr(one(tree, 'div', (element) => attr(element, 'role') === 'search'), 'lang')).toBeUndefined()
  })

  it('is valid HTML (html-validate, recommended rules)', async () => {
    expect(await validatePage(page('en', ''), 'search.html')).toEqual([])
    expect(await validatePage(page('de', '../'), 'tags/search.html')).toEqual([])
  })
})
