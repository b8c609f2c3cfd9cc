/**
 * The QR code of a note's page on the site, for the first page of its
 * handout (and of its chapter in a book): an SVG drawn by the `qrcode`
 * package (loaded only when a build has `site.url`), embedded as an image
 * with the address as its alt text, the address printed under it.
 */
import type {Element} from 'hast'
import {h} from 'hastscript'

let loaded: Promise<typeof import('qrcode')> | undefined

/** The code of `url` as an SVG document: square modules, no quiet zone (the print CSS adds white space), medium error correction. */
export async function qrSvg(url: string): Promise<string> {
  loaded ??= import('qrcode')
  const qrcode = await loaded
  const toString = (qrcode as unknown as {default?: typeof qrcode}).default?.toString ?? qrcode.toString
  return toString(url, {type: 'svg', errorCorrectionLevel: 'M', margin: 0, color: {dark: '#000000', light: '#ffffff'}})
}

/**
 * The block for the title block: the code (an image whose alt text is the
 * address) and the address under it. Not a `<figure>`: that would be a
 * second Figure in the tagged structure, one without alt text.
 */
export async function qrFigure(url: string): Promise<Element> {
  const svg = await qrSvg(url)
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
  return h('div.quire-qr', [h('img', {src, alt: `QR code: ${url}`, width: 96, height: 96}), h('p.quire-qr-url', url)])
}
