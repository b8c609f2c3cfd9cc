/**
 * The `html` format: a static site in `out/html/`, one page per note, an
 * index of the collection, a page per tag and one listing them, the
 * sidebar of every note (one shared file), a 404 page, quire's stylesheet,
 * the notes' local images and the site's icon; with `site.url`, Atom and
 * JSON feeds, a sitemap and robots.txt. Code is highlighted and math laid
 * out (KaTeX) at build time; the only scripts are the frame's (sidebar and
 * menu button, search, whose engine and index load on first use), and
 * pages read well without them. KaTeX's stylesheet and fonts are written
 * when some note has math, and linked from those notes' pages only.
 *
 * What a page shows of other notes comes from the note graph: link
 * titles, the previous and next note (`neighbours`), the notes linking
 * here (`linksTo`). The build cache writes a page again only when one of
 * those answers changes; the sidebar, which every note changes, is the
 * shared `sidebar.js`.
 */
import {pageFile} from '../../pipeline/pages.js'
import {defineEmitter, type StepContext} from '../types.js'
import {linkedTitles} from '../linked-titles.js'
import {
  customFile,
  htmlDir,
  katexFile,
  katexFiles,
  navScript,
  noteImages,
  readNavScript,
  readTheme,
  resolveCustomCss,
  sidebarPageFile,
  sidebarScriptFile,
  themeFile
} from './assets.js'
import {groupBacklinks} from './backlinks.js'
import {faviconFile, resolveFavicon} from './favicon.js'
import {atomFeed, atomFile, jsonFeed, jsonFeedFile} from './feeds.js'
import {notFoundFile, notFoundFrame} from './not-found.js'
import {parseHtmlOptions, type HtmlOptions} from './options.js'
import {notePage} from './page.js'
import {serialize, shell, type Frame, type SiteFrame} from './shell.js'
import {sidebarPage, sidebarScript} from './sidebar.js'
import {siteHead} from './site-head.js'
import {siteIndex} from './site-index.js'
import {newestDate, robotsFile, robotsTxt, sitemap, sitemapFile, sitemapPages} from './sitemap.js'
import {tagGroups, tagIndexFrame, tagPageFrame} from './tags.js'
import {searchBox, searchFiles, searchScriptFile} from './search/index.js'

interface Shared {
  /** The user's stylesheet (absolute path), when the `css` option names one. */
  readonly customCss?: string | undefined
  /** What every page links, in order. */
  readonly stylesheets: readonly string[]
  /** The site's icon (real path, checked), when `site.favicon` names one. */
  readonly favicon?: string | undefined
}

function siteFrame(context: StepContext<HtmlOptions, Shared>): SiteFrame {
  return {
    site: context.config.site,
    stylesheets: context.shared.stylesheets,
    scripts: [sidebarScriptFile, navScript, ...(context.options.search ? [searchScriptFile] : [])],
    head: (base) => siteHead(context.config.site, base),
    search: context.options.search ? (base, lang) => searchBox({lang, base}) : undefined
  }
}

export default defineEmitter<HtmlOptions, Shared>({
  name: 'html',
  description: 'A static site: one page per note, an index, tag pages, a sidebar, a stylesheet with dark mode and print styles',
  writes: [
    `${htmlDir}/index.html`,
    `${htmlDir}/<slug>.html`,
    `${htmlDir}/tags/index.html`,
    `${htmlDir}/tags/<tag>.html`,
    `${htmlDir}/${sidebarScriptFile}, ${htmlDir}/${sidebarPageFile}, ${htmlDir}/${navScript}`,
    `${htmlDir}/${themeFile}`,
    `${htmlDir}/${customFile} (option css)`,
    `${htmlDir}/assets/<image path>`,
    `${htmlDir}/${katexFile}, ${htmlDir}/katex/fonts/*.woff2 (notes with math)`,
    `${htmlDir}/${notFoundFile}`,
    `${htmlDir}/favicon.<ext> (site.favicon)`,
    `${htmlDir}/${atomFile}, ${htmlDir}/${jsonFeedFile}, ${htmlDir}/${sitemapFile}, ${htmlDir}/${robotsFile} (site.url)`,
    `${htmlDir}/search.js, ${htmlDir}/search-engine.js, ${htmlDir}/search-index.js (site search)`
  ],
  options: parseHtmlOptions,
  async prepare({options, config}) {
    const customCss = options.css ? await resolveCustomCss(options.css, config.root) : undefined
    const favicon = config.site.favicon ? await resolveFavicon(config.site.favicon, config.content) : undefined
    return {customCss, favicon, stylesheets: [themeFile, ...(customCss ? [customFile] : [])]}
  },
  async note(doc, context) {
    // The graph first: a note that reads others may wait for them to be parsed.
    const {graph} = context
    const linkTitles = linkedTitles(doc, graph)
    const neighbours = graph.neighbours(doc.relativePath)
    const backlinks = groupBacklinks(graph.linksTo(doc.relativePath), (path) => graph.note(path))
    const {images, sizes} = await noteImages(doc)
    const {config, options} = context
    const stylesheets = doc.stats.math > 0 ? [katexFile] : []
    const page = notePage({doc, config, options, stylesheets, imageSizes: sizes, linkTitles, neighbours, backlinks})
    context.write(`${htmlDir}/${pageFile(doc.slug)}`, serialize(shell(siteFrame(context), page)))
    for (const image of images) context.write(image.target, image.bytes)
  },
  async collection(notes, context) {
    const {shared, config, graph} = context
    const frame = siteFrame(context)
    const page = (part: Frame) => context.write(`${htmlDir}/${part.page}`, serialize(shell(frame, part)))
    page(siteIndex(notes, config.site))
    const groups = tagGroups(notes)
    page(tagIndexFrame(groups, config.site))
    for (const group of groups) page(tagPageFrame(group, config.site))
    page(notFoundFrame(config.site))
    const {site} = config
    const icon = faviconFile(site)
    if (shared.favicon && icon) context.copy(shared.favicon, `${htmlDir}/${icon}`)
    if (site.url) {
      // Feeds and the sitemap need absolute addresses: nothing is written without `site.url`, and nothing is said.
      const feed = {site: {...site, url: site.url}, limit: context.options.feedLimit, sourceDateEpoch: context.sourceDateEpoch}
      context.write(`${htmlDir}/${atomFile}`, atomFeed(notes, feed))
      context.write(`${htmlDir}/${jsonFeedFile}`, jsonFeed(notes, feed))
      const tagPages = [
        {href: 'tags/index.html', date: newestDate(groups.flatMap((group) => group.notes.map((note) => note.meta.date)))},
        ...groups.map((group) => ({href: encodeURI(group.page), date: newestDate(group.notes.map((note) => note.meta.date))}))
      ]
      context.write(`${htmlDir}/${sitemapFile}`, sitemap(site.url, [...sitemapPages(notes), ...tagPages]))
      context.write(`${htmlDir}/${robotsFile}`, robotsTxt({url: site.url}))
    }
    const order = graph.inSiteOrder()
    context.write(`${htmlDir}/${sidebarScriptFile}`, sidebarScript(order, config.site))
    context.write(`${htmlDir}/${sidebarPageFile}`, serialize(sidebarPage(order, config.site, shared.stylesheets)))
    context.write(`${htmlDir}/${navScript}`, await readNavScript(context.templatesDir))
    context.write(`${htmlDir}/${themeFile}`, await readTheme(context.templatesDir))
    if (shared.customCss) context.copy(shared.customCss, `${htmlDir}/${customFile}`)
    if (context.options.search) for (const file of await searchFiles(notes, context.templatesDir)) context.write(file.path, file.text)
    if (notes.some((note) => note.stats.math > 0)) {
      const katex = await katexFiles()
      context.write(katex.stylesheet.target, katex.stylesheet.css)
      for (const font of katex.fonts) context.copy(font.file, font.target)
    }
  }
})
