/**
 * The `html` format: a static site in `out/html/`, one page per note, an
 * index of the collection, quire's stylesheet and the notes' local images.
 * No client-side script: code is highlighted and math laid out (KaTeX) at
 * build time. KaTeX's stylesheet and fonts are written when some note has
 * math, and linked from those notes' pages only: a page without math loads
 * nothing it does not use, a site without math is what it always was.
 */
import {pageFile} from '../../pipeline/pages.js'
import {defineEmitter} from '../types.js'
import {linkedTitles} from '../linked-titles.js'
import {customFile, htmlDir, katexFile, katexFiles, noteImages, readTheme, resolveCustomCss, themeFile} from './assets.js'
import {parseHtmlOptions, type HtmlOptions} from './options.js'
import {notePage} from './page.js'
import {serialize} from './shell.js'
import {siteIndex} from './site-index.js'

interface Shared {
  /** The user's stylesheet (absolute path), when the `css` option names one. */
  readonly customCss?: string | undefined
  /** What every page links, in order. */
  readonly stylesheets: readonly string[]
}

export default defineEmitter<HtmlOptions, Shared>({
  name: 'html',
  description: 'A static site: one page per note, an index, a stylesheet with dark mode and print styles',
  writes: [
    `${htmlDir}/index.html`,
    `${htmlDir}/<slug>.html`,
    `${htmlDir}/${themeFile}`,
    `${htmlDir}/${customFile} (option css)`,
    `${htmlDir}/assets/<image path>`,
    `${htmlDir}/${katexFile}, ${htmlDir}/katex/fonts/*.woff2 (notes with math)`
  ],
  options: parseHtmlOptions,
  async prepare({options, config}) {
    const customCss = options.css ? await resolveCustomCss(options.css, config.root) : undefined
    return {customCss, stylesheets: [themeFile, ...(customCss ? [customFile] : [])]}
  },
  async note(doc, context) {
    // The graph first: a note that links to others may wait for them to be parsed.
    const linkTitles = linkedTitles(doc, context.graph)
    const {images, sizes} = await noteImages(doc)
    const {config, options, shared} = context
    const stylesheets = doc.stats.math > 0 ? [katexFile, ...shared.stylesheets] : shared.stylesheets
    context.write(`${htmlDir}/${pageFile(doc.slug)}`, serialize(notePage({doc, config, options, stylesheets, imageSizes: sizes, linkTitles})))
    for (const image of images) context.write(image.target, image.bytes)
  },
  async collection(notes, context) {
    const {shared} = context
    context.write(`${htmlDir}/index.html`, serialize(siteIndex(notes, context.config.site, shared.stylesheets)))
    context.write(`${htmlDir}/${themeFile}`, await readTheme(context.templatesDir))
    if (shared.customCss) context.copy(shared.customCss, `${htmlDir}/${customFile}`)
    if (notes.some((note) => note.stats.math > 0)) {
      const katex = await katexFiles()
      context.write(katex.stylesheet.target, katex.stylesheet.css)
      for (const font of katex.fonts) context.copy(font.file, font.target)
    }
  }
})
