/**
 * A long page's table of contents stays readable (`src/emitters/html/toc.ts`,
 * `html.tocCollapse`): an API reference of 64 sections shows its four
 * top-level entries, each folding its own; a page whose headings all sit
 * under one keeps that one open; a short page is as before. Fixture:
 * `test/fixtures/long-toc`.
 */
import type {Element} from 'hast'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildFixture, fixturesDir, type FixtureBuild} from '../../helpers/build.js'
import {attr, hasClass, headings, one, parsePage, select, text} from './dom.js'
import {validatePage} from './validate.js'

const fixture = path.join(fixturesDir, 'long-toc')

/** The `li` children of a list. */
const items = (list: Element): Element[] => list.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'li')
const firstList = (node: Element): Element => node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'ol')!

async function page(site: FixtureBuild, name: string) {
  const html = await site.read(`html/${name}.html`)
  const tree = parsePage(html)
  const toc = one(tree, 'nav', hasClass('toc'))
  return {html, toc, top: firstList(toc), body: one(tree, 'div', hasClass('note-body'))}
}

describe('html: a long table of contents', () => {
  let site: FixtureBuild
  beforeAll(async () => {
    site = await buildFixture(fixture, ['html'])
  })

  it('folds the 64 entries of an API reference into its 4 top-level ones', async () => {
    const {toc, top, body} = await page(site, 'fs')
    expect(items(top).map((item) => text(one(item, 'summary')))).toEqual(['Promises API', 'Callback API', 'Synchronous API', 'Common objects'])
    const groups = items(top).map((item) => one(item, 'details', hasClass('toc-group')))
    expect(groups.map((group) => group.properties.open ?? false)).toEqual([false, false, false, false])
    // A summary is the entry's own link; its group holds the entries below it, unfolded (19 ≤ 30).
    expect(select(one(groups[0]!, 'summary'), 'a').map((link) => attr(link, 'href'))).toEqual(['#promises-api'])
    expect(items(firstList(groups[0]!))).toHaveLength(17)
    expect(select(firstList(groups[0]!), 'details')).toEqual([])
    // Nothing is lost: every heading of the body is an entry.
    const linked = select(toc, 'a').map((link) => attr(link, 'href'))
    const bodyHeadings = headings(body)
    expect(bodyHeadings).toHaveLength(64)
    expect(linked).toEqual(bodyHeadings.map((heading) => `#${attr(heading, 'id')}`))
  })

  it('keeps the one group of a page open when all its headings sit under one', async () => {
    const {top} = await page(site, 'buffer')
    const [only, ...rest] = items(top)
    expect(rest).toEqual([])
    const group = one(only!, 'details', hasClass('toc-group'))
    expect(group.properties.open).toBe(true)
    expect(text(one(group, 'summary'))).toBe('Class: Buffer')
    expect(items(firstList(group))).toHaveLength(33)
  })

  it('leaves a short table of contents as it was', async () => {
    const {toc, top} = await page(site, 'path')
    expect(select(toc, 'details')).toEqual([])
    expect(items(top)).toHaveLength(10)
  })

  it('gives valid pages', async () => {
    for (const name of ['fs', 'buffer', 'path']) {
      const {html} = await page(site, name)
      expect(await validatePage(html, name)).toEqual([])
    }
  })

  it.each([
    [{tocCollapse: false}, 0],
    [{tocCollapse: 64}, 0],
    [{tocCollapse: 63}, 4],
    [{tocDepth: 1}, 0],
    [{tocDepth: 2, tocCollapse: 10}, 4]
  ])('follows html %o (%i groups)', async (options, groups) => {
    const built = await buildFixture(fixture, ['html'], {config: {html: options}})
    const {toc} = await page(built, 'fs')
    expect(select(toc, 'details')).toHaveLength(groups)
  })
})
