/**
 * The site's icon (`site.favicon`): a file of the content folder copied to
 * `html/favicon.<ext>` and linked from every page with `<link rel="icon">`.
 * The config checked the path and the extension; here the file itself is
 * checked: it exists, it is inside the content folder once symlinks are
 * followed, and its bytes are of the kind its extension says.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type {Element} from 'hast'
import {h} from 'hastscript'
import {faviconTypes, type SiteConfig} from '../../config/types.js'
import {isInside} from '../../paths.js'

type FaviconExtension = keyof typeof faviconTypes

/** Where the icon is written, relative to `html/` (`favicon.svg`); undefined without `site.favicon`. */
export function faviconFile(site: Pick<SiteConfig, 'favicon'>): string | undefined {
  const extension = faviconExtension(site)
  return extension ? `favicon${extension}` : undefined
}

/** The `<link rel="icon">` of a page; `root` leads from the page to the site's root (`''`, `../`, `/garden/`). */
export function faviconLinks(site: Pick<SiteConfig, 'favicon'>, root = ''): Element[] {
  const extension = faviconExtension(site)
  if (!extension) return []
  return [h('link', {rel: 'icon', type: faviconTypes[extension], href: `${root}favicon${extension}`})]
}

/**
 * The icon's real path, checked; throws an Error naming `site.favicon` when
 * it is missing, leads out of the content folder or is not that kind of image.
 */
export async function resolveFavicon(favicon: string, content: string): Promise<string> {
  const where = `\`site.favicon\`: ${favicon}`
  let real: string
  let contentReal: string
  try {
    ;[real, contentReal] = await Promise.all([fs.realpath(path.join(content, ...favicon.split('/'))), fs.realpath(content)])
  } catch {
    throw new Error(`${where}: file not found (the path is relative to the content folder)`)
  }
  if (!isInside(contentReal, real)) throw new Error(`${where}: a link that leaves the content folder`)
  const handle = await fs.open(real, 'r')
  let head: Buffer
  try {
    if (!(await handle.stat()).isFile()) throw new Error(`${where}: not a file`)
    head = Buffer.alloc(4096)
    const {bytesRead} = await handle.read(head, 0, head.length, 0)
    head = head.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
  const kind = faviconExtension({favicon})
  if (!kind) throw new Error(`${where}: not a .ico, .png, .svg or .webp file`)
  if (!looksLike(kind, head)) throw new Error(`${where}: the file is not ${describe[kind]}`)
  return real
}

function faviconExtension(site: Pick<SiteConfig, 'favicon'>): FaviconExtension | undefined {
  if (!site.favicon) return undefined
  const extension = path.posix.extname(site.favicon).toLowerCase()
  return extension in faviconTypes ? (extension as FaviconExtension) : undefined
}

const describe: Record<FaviconExtension, string> = {'.ico': 'an ICO icon', '.png': 'a PNG image', '.svg': 'an SVG image', '.webp': 'a WebP image'}

/** The file's first bytes match its kind (the signature; for SVG, an `<svg` element in the first 4 KB). */
function looksLike(kind: FaviconExtension, head: Buffer): boolean {
  switch (kind) {
    case '.ico':
      return head.length >= 4 && head[0] === 0 && head[1] === 0 && head[2] === 1 && head[3] === 0
    case '.png':
      return head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    case '.webp':
      return head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP'
    case '.svg':
      return /<svg[\s>]/i.test(head.toString('utf8'))
  }
}
