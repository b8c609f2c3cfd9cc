/**
 * Raster images an EPUB reader need not show, converted to PNG, which
 * every reader shows. The core image types of EPUB 3.2 (what the bundled
 * epubcheck checks) are GIF, JPEG, PNG and SVG: a WebP (core only from
 * EPUB 3.3), AVIF or TIFF image needs a fallback, else epubcheck reports
 * MED-003 and a reader may show nothing. sharp (libvips, prebuilt in its
 * npm package) decodes and re-encodes them; it loads on the first image
 * that needs it. The PNG carries no metadata and depends on the pixels
 * alone: the same image gives the same bytes on every build.
 */

/** Types converted to PNG (the ones sharp's own build decodes). */
export const convertibleTypes: ReadonlySet<string> = new Set(['image/webp', 'image/avif', 'image/tiff', 'image/heif', 'image/heic'])

/** Above this many pixels an image is refused rather than decoded (sharp's own default). */
const maxPixels = 268_402_689

type Sharp = (typeof import('sharp'))['default']
let loading: Promise<Sharp> | undefined

function loadSharp(): Promise<Sharp> {
  return (loading ??= import('sharp').then(({default: sharp}) => {
    // Nothing kept between images: a build converts each at most once.
    sharp.cache(false)
    return sharp
  }))
}

/** The first frame of an image, upright (its EXIF orientation applied), as PNG. Throws when it cannot be decoded. */
export async function toPng(data: Uint8Array): Promise<Uint8Array> {
  const sharp = await loadSharp()
  const png = await sharp(data, {limitInputPixels: maxPixels, failOn: 'error'})
    .autoOrient()
    .png({compressionLevel: 9, adaptiveFiltering: false, palette: false})
    .toBuffer()
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength)
}
