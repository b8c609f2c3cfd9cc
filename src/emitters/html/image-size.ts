/**
 * Pixel size of a PNG, GIF, JPEG or WebP from its first bytes, so pages can
 * give images `width` and `height`: the browser then reserves their space and
 * lazy-loaded images do not shift the text. Anything else: undefined.
 */
export interface ImageSize {
  readonly width: number
  readonly height: number
}

export function imageSize(bytes: Uint8Array): ImageSize | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const ascii = (start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length))
  try {
    if (ascii(1, 3) === 'PNG' && ascii(12, 4) === 'IHDR') return valid(view.getUint32(16), view.getUint32(20))
    if (ascii(0, 4) === 'GIF8') return valid(view.getUint16(6, true), view.getUint16(8, true))
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(view)
    if (ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') return webpSize(view, ascii(12, 4))
  } catch {
    // A truncated header reads past the end: no size.
  }
  return undefined
}

function jpegSize(view: DataView): ImageSize | undefined {
  let offset = 2
  while (offset + 9 < view.byteLength) {
    if (view.getUint8(offset) !== 0xff) return undefined
    const marker = view.getUint8(offset + 1)
    // Start-of-frame markers (baseline, progressive, …) carry the size; C4, C8 and CC do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return valid(view.getUint16(offset + 7), view.getUint16(offset + 5))
    }
    offset += 2 + view.getUint16(offset + 2)
  }
  return undefined
}

function webpSize(view: DataView, chunk: string): ImageSize | undefined {
  if (chunk === 'VP8X') return valid(1 + uint24(view, 24), 1 + uint24(view, 27))
  if (chunk === 'VP8 ') return valid(view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff)
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true)
    return valid((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1)
  }
  return undefined
}

function uint24(view: DataView, offset: number): number {
  return view.getUint8(offset) | (view.getUint8(offset + 1) << 8) | (view.getUint8(offset + 2) << 16)
}

function valid(width: number, height: number): ImageSize | undefined {
  return width > 0 && height > 0 ? {width, height} : undefined
}
