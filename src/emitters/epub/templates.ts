/** The EJS templates and stylesheet of `templates/epub/` (data only), plus the user's extra CSS. */
import fs from 'node:fs/promises'
import path from 'node:path'

export interface EpubTemplates {
  readonly opf: string
  readonly nav: string
  readonly ncx: string
  readonly chapter: string
  readonly css: string
}

export async function loadTemplates(templatesDir: string, extraCss: string | undefined, root: string): Promise<EpubTemplates> {
  const folder = path.join(templatesDir, 'epub')
  const read = (name: string) => fs.readFile(path.join(folder, name), 'utf8')
  const [opf, nav, ncx, chapter, css] = await Promise.all([read('content.opf.ejs'), read('toc.xhtml.ejs'), read('toc.ncx.ejs'), read('chapter.xhtml.ejs'), read('style.css')])
  let extra = ''
  if (extraCss) {
    const file = path.resolve(root, extraCss)
    try {
      extra = await fs.readFile(file, 'utf8')
    } catch {
      throw new Error(`\`css\`: cannot read ${extraCss} (resolved to ${file})`)
    }
  }
  return {opf, nav, ncx, chapter, css: extra ? `${css}\n${extra}` : css}
}
