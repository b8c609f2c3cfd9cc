/**
 * Files pages need besides themselves: the note's local images, quire's
 * stylesheet (the templates in `templates/html/`, joined into one file),
 * the user's extra stylesheet, and KaTeX's stylesheet and fonts for pages
 * with math.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type {QuireDocument} from '../../model.js'
import {assetHref} from '../../pipeline/plugins/remark-assets.js'
import {katexAssets} from '../katex-assets.js'
import {imageSize, type ImageSize} from './image-size.js'

/** Output folder of this format, relative to `out/`. */
export const htmlDir = 'html'
/** quire's stylesheet, next to the pages. */
export const themeFile = 'quire.css'
/** The user's `css` option is copied here. */
export const customFile = 'custom.css'
/** The client script of the site frame (sidebar, menu button), copied from `templates/html/nav.js`. */
export const navScript = 'nav.js'
/** The sidebar, written once per build: as a script for `nav.js`, and as a page for the no-script frame. */
export const sidebarScriptFile = 'sidebar.js'
export const sidebarPageFile = 'sidebar.html'
/** KaTeX's stylesheet, linked by pages with math (before quire's, which adjusts it); its fonts are in `katex/fonts/`. */
export const katexFile = 'katex/katex.css'
/** Template stylesheets, in cascade order. */
const themeParts = ['theme.css', 'layout.css', 'callouts.css', 'highlight.css', 'search.css', 'print.css']

export interface NoteImage {
  /** Where the page's copy goes, relative to the output folder. */
  readonly target: string
  readonly bytes: Uint8Array
}

/**
 * The note's local images (and cover), each read once: their bytes for
 * the copy under `html/assets/`, their pixel sizes by the URL the page uses.
 * Every note that shows an image writes its own copy, so each is recorded
 * as its owner (the manifest keeps the file while any of them is left).
 */
export async function noteImages(doc: QuireDocument): Promise<{images: NoteImage[]; sizes: Map<string, ImageSize>}> {
  const local = new Map<string, string>()
  for (const asset of doc.assets) {
    if (!asset.remote && asset.path && asset.relativePath) local.set(asset.relativePath, asset.path)
  }
  const images: NoteImage[] = []
  const sizes = new Map<string, ImageSize>()
  await Promise.all(
    [...local].map(async ([relativePath, file]) => {
      let bytes: Uint8Array
      try {
        bytes = await fs.readFile(file)
      } catch {
        return
      }
      images.push({target: `${htmlDir}/assets/${relativePath}`, bytes})
      const size = imageSize(bytes)
      // Keyed by the address the pipeline gave the image.
      if (size) sizes.set(assetHref(relativePath), size)
    })
  )
  return {images, sizes}
}

/** quire's stylesheet: the template parts joined in order. */
export async function readNavScript(templatesDir: string): Promise<string> {
  return fs.readFile(path.join(templatesDir, 'html', navScript), 'utf8')
}

export async function readTheme(templatesDir: string): Promise<string> {
  const parts = await Promise.all(themeParts.map(async (name) => `/* ${name} */\n${(await fs.readFile(path.join(templatesDir, 'html', name), 'utf8')).trim()}\n`))
  return parts.join('\n')
}

/**
 * KaTeX's stylesheet and the fonts it names, as written under `html/`:
 * the text of one, the installed file of each other.
 */
export async function katexFiles(): Promise<{stylesheet: {target: string; css: string}; fonts: Array<{target: string; file: string}>}> {
  const katex = await katexAssets()
  const folder = `${htmlDir}/${path.posix.dirname(katexFile)}`
  return {
    stylesheet: {target: `${htmlDir}/${katexFile}`, css: katex.css},
    fonts: katex.fonts.map((font) => ({target: `${folder}/fonts/${font.name}`, file: font.file}))
  }
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
