/**
 * Files pages need besides themselves: the note's local images, quire's
 * stylesheet (the templates in `templates/html/`, joined into one file) and
 * the user's extra stylesheet.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type {QuireDocument} from '../../model.js'
import {assetHref} from '../../pipeline/plugins/remark-assets.js'
import type {OutputWriter} from '../../write.js'
import {imageSize, type ImageSize} from './image-size.js'

/** Output folder of this format, relative to `out/`. */
export const htmlDir = 'html'
/** quire's stylesheet, next to the pages. */
export const themeFile = 'quire.css'
/** The user's `css` option is copied here. */
export const customFile = 'custom.css'
/** Template stylesheets, in cascade order. */
const themeParts = ['theme.css', 'highlight.css', 'print.css']

/**
 * Measures each image once per build, and copies a note's images for that
 * note: an image several notes use is written for each of them, so every
 * one is recorded as its owner (the manifest keeps it while any is left,
 * the cache rewrites it for whichever is rebuilt).
 */
export class AssetStore {
  private readonly sizes = new Map<string, Promise<ImageSize | undefined>>()

  constructor(private readonly output: OutputWriter) {}

  /** Pixel sizes of the note's local images, by the URL its page uses for them. */
  async sizesFor(doc: QuireDocument): Promise<Map<string, ImageSize>> {
    const found = new Map<string, ImageSize>()
    await Promise.all(
      doc.assets.map(async (asset) => {
        if (asset.remote || !asset.path || !asset.relativePath) return
        let size = this.sizes.get(asset.path)
        if (!size) {
          size = fs.readFile(asset.path).then(imageSize, () => undefined)
          this.sizes.set(asset.path, size)
        }
        const value = await size
        // Keyed by the address the pipeline gave the image.
        if (value) found.set(assetHref(asset.relativePath), value)
      })
    )
    return found
  }

  /** Copy the note's local images and cover into `html/assets/`; remote and missing ones are skipped. */
  async copyFor(doc: QuireDocument): Promise<void> {
    const copies = new Map<string, string>()
    for (const asset of doc.assets) {
      if (!asset.remote && asset.path && asset.relativePath) copies.set(`${htmlDir}/assets/${asset.relativePath}`, asset.path)
    }
    await Promise.all([...copies].map(([target, from]) => this.output.copy(from, target, doc.relativePath)))
  }
}

/** quire's stylesheet: the template parts joined in order. */
export async function readTheme(templatesDir: string): Promise<string> {
  const parts = await Promise.all(themeParts.map(async (name) => `/* ${name} */\n${(await fs.readFile(path.join(templatesDir, 'html', name), 'utf8')).trim()}\n`))
  return parts.join('\n')
}

/** Absolute path of the user's stylesheet; throws a clear error when it is not a readable file. */
export async function resolveCustomCss(css: string, root: string): Promise<string> {
  const file = path.resolve(root, css)
  let stat
  try {
    stat = await fs.stat(file)
  } catch {
    throw new Error(`\`css\`: stylesheet not found: ${css} (paths are relative to ${root})`)
  }
  if (!stat.isFile()) throw new Error(`\`css\`: not a file: ${css}`)
  return file
}
