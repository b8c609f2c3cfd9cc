/**
 * The `html` format: a static site in `out/html/`, one page per note, an
 * index of the collection, quire's stylesheet and the notes' local images.
 * No client-side script: code is highlighted at build time.
 */
import {defineEmitter} from '../types.js'
import {AssetStore, customFile, htmlDir, readTheme, resolveCustomCss, themeFile} from './assets.js'
import {LinkChecker, pageFile} from './links.js'
import {parseHtmlOptions, type HtmlOptions} from './options.js'
import {notePage} from './page.js'
import {serialize} from './shell.js'
import {siteIndex} from './site-index.js'

export default defineEmitter<HtmlOptions>({
  name: 'html',
  description: 'A static site: one page per note, an index, a stylesheet with dark mode and print styles',
  writes: [`${htmlDir}/index.html`, `${htmlDir}/<slug>.html`, `${htmlDir}/${themeFile}`, `${htmlDir}/${customFile} (option css)`, `${htmlDir}/assets/<image path>`],
  workerSafe: true,
  options: parseHtmlOptions,
  async start(context) {
    const {options, config, output} = context
    const customCss = options.css ? await resolveCustomCss(options.css, config.root) : undefined
    const stylesheets = [themeFile, ...(customCss ? [customFile] : [])]

    const assets = new AssetStore(output)
    return {
      concurrency: 2,
      async document(doc) {
        const imageSizes = await assets.sizesFor(doc)
        const html = serialize(notePage({doc, config, options, stylesheets, imageSizes}))
        await output.write(`${htmlDir}/${pageFile(doc.slug)}`, html, doc.relativePath)
        await assets.copyFor(doc)
      },
      async collection(collection) {
        // Links are checked against the pages this build has: here, where every note is known.
        const links = new LinkChecker(collection.documents)
        for (const doc of collection.documents) links.check(doc, context.report)
        await output.write(`${htmlDir}/index.html`, serialize(siteIndex(collection, stylesheets)))
        // Here, not in start(): start() runs again in every worker thread.
        await output.write(`${htmlDir}/${themeFile}`, await readTheme(context.templatesDir))
        if (customCss) await output.copy(customCss, `${htmlDir}/${customFile}`)
      }
    }
  }
})
