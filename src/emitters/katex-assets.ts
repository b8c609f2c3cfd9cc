/**
 * KaTeX's stylesheet and fonts, from the installed `katex` package, for
 * the formats that show KaTeX's HTML: the site copies them next to its
 * pages, the handouts load them from where they are. Only the WOFF2 fonts:
 * every browser that lays out KaTeX's HTML reads WOFF2 (Chromium prints
 * with it too), and the WOFF and TTF fallbacks would triple what a site
 * ships (1.2 MB instead of 0.3 MB). Nothing is ever fetched from a CDN.
 */
import fs from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'

export interface KatexFont {
  /** File name, as the stylesheet names it under `fonts/`. */
  readonly name: string
  /** Absolute path of the installed font. */
  readonly file: string
}

export interface KatexAssets {
  /** `katex.min.css`, each `@font-face` naming its WOFF2 file only, as `url(fonts/<name>)`. */
  readonly css: string
  /** Every font the stylesheet names, in its order. */
  readonly fonts: readonly KatexFont[]
  /** The installed KaTeX version: what the rendering and these files depend on. */
  readonly version: string
}

const require = createRequire(import.meta.url)

export async function katexAssets(): Promise<KatexAssets> {
  const cssFile = require.resolve('katex/dist/katex.min.css')
  const [css, manifest] = await Promise.all([fs.readFile(cssFile, 'utf8'), fs.readFile(require.resolve('katex/package.json'), 'utf8')])
  const trimmed = css.replace(/src:([^;}]*)/g, (declaration, sources: string) => {
    const woff2 = /url\((fonts\/[^)]+\.woff2)\) format\("woff2"\)/.exec(sources)
    return woff2 ? `src:url(${woff2[1]}) format("woff2")` : declaration
  })
  if (/\.(?:woff|ttf)\)/.test(trimmed)) throw new Error(`KaTeX's stylesheet (${cssFile}) names fonts in a way quire does not know: not every @font-face has a WOFF2 source`)
  const names = [...new Set([...trimmed.matchAll(/url\(fonts\/([^)]+\.woff2)\)/g)].map((match) => match[1]!))]
  const folder = path.join(path.dirname(cssFile), 'fonts')
  return {css: trimmed, fonts: names.map((name) => ({name, file: path.join(folder, name)})), version: (JSON.parse(manifest) as {version: string}).version}
}

/** The stylesheet with each font's URL given by `url` (a file URL, a data: URL, a path under the site). */
export function withFontUrls(assets: KatexAssets, url: (font: KatexFont) => string): string {
  const byName = new Map(assets.fonts.map((font) => [font.name, font]))
  return assets.css.replace(/url\(fonts\/([^)]+\.woff2)\)/g, (_, name: string) => `url(${url(byName.get(name)!)})`)
}
