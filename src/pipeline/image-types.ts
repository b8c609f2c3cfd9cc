/**
 * Which file names are images, by extension: the one rule for a wikilink
 * embed shown as an image (`![[x.png]]`), for the files a Markdown image
 * given by name may be found among (`![](x.png)` in an attachments folder),
 * and for telling a remote image from a web page.
 */

/** Extensions quire reads as images. */
export const imageExtension = /\.(?:png|jpe?g|gif|webp|svg|avif|bmp)$/i

/** Whether a path (or a URL's path, without query or fragment) names an image file. */
export function hasImageExtension(pathname: string): boolean {
  return imageExtension.test(pathname)
}
