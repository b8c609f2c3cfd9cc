/** The `html` options: defaults, validation messages, and what each one changes in the pages. */
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ConfigError} from '../../../src/config/errors.js'
import {parseHtmlOptions} from '../../../src/emitters/html/options.js'
import {buildFixture, fixturesDir, repoRoot, sampleContent} from '../../helpers/build.js'
import {attr, hasClass, one, parsePage, select} from './dom.js'

describe('html options', () => {
  it('has documented defaults and does not touch its input', () => {
    const input = Object.freeze({tocDepth: 2})
    expect(parseHtmlOptions(input)).toEqual({toc: true, tocDepth: 2, tocCollapse: 30, headingAnchors: true, search: true, feedLimit: 20})
    expect(input).toEqual({tocDepth: 2})
    expect(parseHtmlOptions({})).toEqual({toc: true, tocDepth: 3, tocCollapse: 30, headingAnchors: true, search: true, feedLimit: 20})
    expect(parseHtmlOptions(undefined)).toEqual({toc: true, tocDepth: 3, tocCollapse: 30, headingAnchors: true, search: true, feedLimit: 20})
    expect(parseHtmlOptions({css: 'site.css', toc: false})).toEqual({toc: false, tocDepth: 3, tocCollapse: 30, headingAnchors: true, search: true, feedLimit: 20, css: 'site.css'})
  })

  it('names the key in errors', () => {
    expect(() => parseHtmlOptions({tocDepth: 9})).toThrow(/^`tocDepth`: /)
    expect(() => parseHtmlOptions({toc: 'yes'})).toThrow(/^`toc`: /)
    expect(() => parseHtmlOptions({tocdepth: 2})).toThrow('unknown option `tocdepth` (known: toc, tocDepth, tocCollapse, headingAnchors, css, search, feedLimit)')
  })

  it('fails the build with a config error naming `html`', async () => {
    const build = buildFixture(sampleContent, ['html'], {config: {html: {tocDepth: 0}}})
    await expect(build).rejects.toBeInstanceOf(ConfigError)
    await expect(buildFixture(sampleContent, ['html'], {config: {html: {tocDepth: 0}}})).rejects.toThrow(/`html`: `tocDepth`/)
  })

  it('search: false leaves the search box, its script and its index out', async () => {
    const site = await buildFixture(sampleContent, ['html'], {config: {html: {search: false}}})
    expect(site.result.written.filter((file) => /search/.test(file))).toEqual([])
    const page = await site.read('html/glossary.html')
    expect(page).not.toMatch(/search/i)
    const searching = await buildFixture(sampleContent, ['html'])
    expect(searching.result.written.filter((file) => /search/.test(file))).toEqual(['html/search-engine.js', 'html/search-index.js', 'html/search.js'])
    expect(await searching.read('html/glossary.html')).toContain('role="search"')
  })

  it('toc: false leaves the table of contents out', async () => {
    const site = await buildFixture(sampleContent, ['html'], {config: {html: {toc: false}}})
    const page = parsePage(await site.read('html/nodeconfeu-2022.html'))
    expect(select(page, 'nav', hasClass('toc'))).toEqual([])
  })

  it('tocDepth limits how deep the table of contents goes', async () => {
    const site = await buildFixture(sampleContent, ['html'], {config: {html: {tocDepth: 1}}})
    const toc = one(parsePage(await site.read('html/nodeconfeu-2022.html')), 'nav', hasClass('toc'))
    expect(select(toc, 'a').map((link) => attr(link, 'href'))).toEqual(['#my-twitter-summaries', '#day-1', '#day-2', '#day-3'])
    expect(select(toc, 'ol')).toHaveLength(1)
  })

  it('headingAnchors: false leaves headings as written', async () => {
    const site = await buildFixture(sampleContent, ['html'], {config: {html: {headingAnchors: false}}})
    const page = parsePage(await site.read('html/reading-list.html'))
    expect(select(page, 'a', hasClass('heading-anchor'))).toEqual([])
    expect(attr(one(page, 'h2', (heading) => attr(heading, 'id') === 'progress'), 'id')).toBe('progress')
  })

  it('css copies an extra stylesheet and links it after quire’s', async () => {
    const css = path.relative(repoRoot, path.join(fixturesDir, 'html', 'extra.css'))
    const site = await buildFixture(sampleContent, ['html'], {config: {html: {css}}})
    expect(await site.read('html/custom.css')).toBe(await fs.readFile(path.join(fixturesDir, 'html', 'extra.css'), 'utf8'))
    for (const file of ['html/index.html', 'html/glossary.html']) {
      const page = parsePage(await site.read(file))
      expect(select(page, 'link', (link) => attr(link, 'rel') === 'stylesheet').map((link) => attr(link, 'href'))).toEqual(['quire.css', 'custom.css'])
    }
  })

  it('reports a missing css file as a build error, not a crash', async () => {
    const site = await buildFixture(sampleContent, ['html'], {config: {html: {css: 'no/such.css'}}})
    expect(site.result.errors).toBe(1)
    expect(site.result.messages.map((message) => message.reason)).toEqual([expect.stringMatching(/^html: `css`: stylesheet not found: no\/such\.css/)])
    expect(site.result.written.filter((file) => file.startsWith('html/'))).toEqual([])
  })
})
