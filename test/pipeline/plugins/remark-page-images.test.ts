/**
 * Remote "images" that are web pages (`src/pipeline/plugins/remark-page-images.ts`):
 * which URLs are pages, then a note of conference talks pasted from
 * Obsidian (`test/fixtures/images-pages`), where YouTube, X and Vimeo
 * addresses are written as images, built in all five formats: each page
 * is a link with its alt text everywhere, with a positioned warning, and the
 * real remote images stay images.
 */
import {execFileSync} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import remarkPageImages, {isWebPage} from '../../../src/pipeline/plugins/remark-page-images.js'
import {attr, one, parsePage, select, text} from '../../emitters/html/dom.js'
import {epubcheck, openEpub} from '../../emitters/epub/helpers.js'
import {describeErrors, validateDocument} from '../../emitters/json/validate.js'
import {pageTexts} from '../../emitters/pdf/tools.js'
import {buildFixture, fixturesDir, messageLines, tempDir, type FixtureBuild} from '../../helpers/build.js'
import {needs} from '../../helpers/tools.js'

const content = path.join(fixturesDir, 'images-pages')

/** The pages of the fixture, as link text and address. */
const pages = [
  ['Keynote recording', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
  ['https://youtu.be/dQw4w9WgXcQ?t=42', 'https://youtu.be/dQw4w9WgXcQ?t=42'],
  ['Release announcement', 'https://x.com/nodejs/status/1780000000000000000'],
  ['First post', 'https://twitter.com/nodejs/status/20'],
  ['Workshop video', 'https://vimeo.com/76979871'],
  ['Slides', 'https://speaker.example/talks/2024/streams.html'],
  ['Conference site', 'https://conference.example/']
] as const
const images = ['https://img.shields.io/badge/build-passing-brightgreen', 'https://img.youtube.com/vi/dQw4w9WgXcQ/hqdefault.jpg', 'https://conference.example/photos/stage.jpg?w=800']

describe('isWebPage: which remote image URLs are pages', () => {
  it('takes video and post sites for pages, subdomains and protocol-relative URLs included', () => {
    for (const url of ['https://www.youtube.com/watch?v=x', 'https://m.youtube.com/watch?v=x', 'https://youtu.be/x', '//www.youtube-nocookie.com/embed/x', 'http://vimeo.com/1', 'https://player.vimeo.com/video/1', 'https://x.com/a/status/1', 'https://mobile.twitter.com/a/status/1']) {
      expect(isWebPage(url), url).toBe(true)
    }
  })

  it('takes a path ending in a type that is not an image, or naming no file, for a page', () => {
    for (const url of ['https://example.org/post.html', 'https://example.org/view.php?id=3', 'https://example.org/clip.mp4', 'https://example.org/paper.pdf', 'https://example.org', 'https://example.org/docs/']) {
      expect(isWebPage(url), url).toBe(true)
    }
  })

  it('keeps image files (on page sites too), extensionless image addresses and local paths as images', () => {
    for (const url of ['https://img.youtube.com/vi/x/0.jpg', 'https://pbs.twimg.com/media/x.jpg', 'https://example.org/a.PNG?w=2', 'https://example.org/icon.ico', 'https://example.org/x.svg#layer', 'https://img.shields.io/badge/x-y-green', 'https://avatars.example/u/12?v=4', 'watch.html', 'youtube.com/watch', 'not a url']) {
      expect(isWebPage(url), url).toBe(false)
    }
  })
})

describe('a web page written as an image inside a link', () => {
  it('becomes the text of that link, since a link in a link is no link', () => {
    const file = new VFile({path: 'talks.md', value: '[![Keynote](https://www.youtube.com/watch?v=x)](https://conf.example/keynote)\n'})
    const tree = unified().use(remarkParse).use(remarkPageImages).runSync(unified().use(remarkParse).parse(file), file)
    const paragraph = (tree as unknown as {children: Array<{children: unknown[]}>}).children[0]!
    expect(paragraph.children).toMatchObject([{type: 'link', url: 'https://conf.example/keynote', children: [{type: 'text', value: 'Keynote'}]}])
    expect(file.messages.map((message) => [String(message.line) + ':' + message.column, message.ruleId, message.reason])).toEqual([
      ['1:2', 'image-is-page', '`https://www.youtube.com/watch?v=x` is a web page, not an image: shown as its text in the link around it']
    ])
  })
})

describe('web pages written as images, in every format', () => {
  let site: FixtureBuild
  beforeAll(async () => {
    site = await buildFixture(content, ['html', 'json', 'pdf', 'epub', 'thread'])
  }, 180_000)

  it('warns once per page, where it is written, and only the real images stay remote images', () => {
    const lines = messageLines(site.result, content).filter((line) => !line.includes('pdf-outline'))
    expect(lines.filter((line) => line.endsWith('image-is-page'))).toEqual([
      'Conference talks.md:14:1 warning `https://www.youtube.com/watch?v=dQw4w9WgXcQ` is a web page, not an image: shown as a link image-is-page',
      'Conference talks.md:16:35 warning `https://youtu.be/dQw4w9WgXcQ?t=42` is a web page, not an image: shown as a link (write alt text to name it) image-is-page',
      'Conference talks.md:18:34 warning `https://x.com/nodejs/status/1780000000000000000` is a web page, not an image: shown as a link image-is-page',
      'Conference talks.md:18:125 warning `https://twitter.com/nodejs/status/20` is a web page, not an image: shown as a link image-is-page',
      'Conference talks.md:22:1 warning `https://vimeo.com/76979871` is a web page, not an image: shown as a link image-is-page',
      'Conference talks.md:24:39 warning `https://speaker.example/talks/2024/streams.html` is a web page, not an image: shown as a link image-is-page',
      'Conference talks.md:24:81 warning `https://conference.example/` is a web page, not an image: shown as a link image-is-page'
    ])
    // The EPUB and PDF say they did not fetch the three real images; no page is among them.
    const remote = lines.filter((line) => /remote-image$/.test(line))
    expect(remote).toHaveLength(6)
    for (const line of remote) expect(images.filter((url) => line.includes(url)), line).toHaveLength(1)
  })

  it('HTML: a link with the alt text (the title kept), and an img only for the real images', async () => {
    const body = one(parsePage(await site.read('html/conference-talks.html')), 'div', (element) => attr(element, 'className') === 'note-body')
    expect(select(body, 'a', (element) => /^https?:/.test(attr(element, 'href') ?? '')).map((link) => [text(link), attr(link, 'href')])).toEqual(pages.map(([shown, url]) => [shown, url]))
    expect(attr(one(body, 'a', (element) => attr(element, 'href') === 'https://vimeo.com/76979871'), 'title')).toBe('Workshop, full length')
    expect(select(body, 'img').map((image) => attr(image, 'src'))).toEqual(images)
  })

  it('PDF: the alt texts print, each a link to its page', needs('chromium', 'pdftotext', 'qpdf'), async () => {
    const file = path.join(site.out, 'pdf', 'conference-talks.pdf')
    const printed = pageTexts(file).join('\n')
    for (const [shown] of pages) expect(printed).toContain(shown)
    const expanded = path.join(await tempDir(), 'talks.qdf.pdf')
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, expanded])
    const uris = [...(await fs.readFile(expanded)).toString('latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((match) => match[1])
    expect(uris).toEqual(pages.map(([, url]) => url))
  })

  it('EPUB: links to the pages, and epubcheck passes', {...needs('epubcheck'), timeout: 60_000}, async () => {
    const file = path.join(site.out, 'epub', 'conference-talks.epub')
    expect((await epubcheck(file)).messages).toEqual([])
    const epub = await openEpub(await fs.readFile(file))
    const chapters = (await Promise.all(epub.names().filter((name) => /chapter-\d+\.xhtml$/.test(name)).map((name) => epub.text(name)))).join('\n')
    const links = [...chapters.matchAll(/<a href="(https?:[^"]+)"[^>]*>([^<]*)<\/a>/g)].map((match) => [match[2], match[1]!.replaceAll('&amp;', '&')])
    expect(links).toEqual(pages.map(([shown, url]) => [shown, url]))
  })

  it('JSON: the pages are external links, never image assets', async () => {
    const json = JSON.parse(await site.read('json/conference-talks.json'))
    expect(validateDocument(json), describeErrors(validateDocument.errors)).toBe(true)
    const links = (json.links as Array<{url: string; text: string; kind: string}>).map((link) => [link.text, link.url, link.kind])
    for (const [shown, url] of pages) expect(links).toContainEqual([shown, url, 'external'])
    expect((json.assets as Array<{url: string}>).map((asset) => asset.url)).toEqual(images)
  })

  it('threads: each page as its alt text with its address', async () => {
    const thread = JSON.parse(await site.read('thread/conference-talks.json')) as {threads: Array<{posts: Record<string, Array<{text: string}>>}>}
    const posts = thread.threads.flatMap((entry) => entry.posts.x!.map((post) => post.text)).join('\n')
    for (const [shown, url] of pages) expect(posts).toContain(shown === url ? url : `${shown} (${url})`)
  })
})
