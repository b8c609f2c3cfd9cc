/**
 * Images an EPUB reader must be able to show (`src/emitters/epub/images.ts`),
 * on a field guide whose figures come from drawing programs and a phone
 * (`test/fixtures/epub/images`): SVG from Illustrator (a DOCTYPE with
 * entities and editing data) and Graphviz (a DOCTYPE) are cleaned, WebP
 * and AVIF (and a WebP cover) become PNG with the same pixels, and what
 * cannot come along is a positioned warning with the alt text in its
 * place. epubcheck passes, and a second build gives the same bytes.
 *
 * The raster figures were made with sharp: `specimen.webp` a lossless
 * 64×40 gradient, `thumbnail.avif` the same at 32×20, `cover.webp` a 60×90
 * fill, `truncated.webp` the first 30 bytes of the specimen.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildFixture, fixturesDir, messageLines, type FixtureBuild} from '../../helpers/build.js'
import {epubcheck, openEpub, type OpenedEpub} from './helpers.js'
import {needs} from '../../helpers/tools.js'

const content = path.join(fixturesDir, 'epub/images')
const figures = path.join(content, 'figures')

let first: FixtureBuild
let epub: OpenedEpub
beforeAll(async () => {
  first = await buildFixture(content, ['epub'])
  epub = await openEpub(await first.readBytes('epub/field-guide.epub'))
}, 120_000)

/** The images the chapters show, by alt text: the file in the EPUB (without its number) or `alt` when replaced by its text. */
async function shown(): Promise<Record<string, string>> {
  const chapters = epub.names().filter((name) => /chapter-\d+\.xhtml$/.test(name)).sort()
  const chapter = (await Promise.all(chapters.map((name) => epub.text(name)))).join('\n')
  const images = Object.fromEntries([...chapter.matchAll(/<img src="images\/\d+-([^"]+)" alt="([^"]*)"/g)].map((match) => [match[2]!, match[1]!]))
  for (const match of chapter.matchAll(/<span class="image-alt">\[([^\]]*)\]<\/span>/g)) images[match[1]!] = 'alt'
  return images
}

async function entry(name: string): Promise<Buffer> {
  const found = epub.names().find((file) => file.startsWith('OEBPS/images/') && file.replace(/^OEBPS\/images\/\d+-/, 'OEBPS/images/') === `OEBPS/images/${name}`)
  if (!found) throw new Error(`No image ${name} in the EPUB (has: ${epub.names().join(', ')})`)
  return epub.zip.file(found)!.async('nodebuffer')
}

describe('epub: images readers must be able to show', () => {
  it('says where each image that cannot come along is, and why', () => {
    expect(messageLines(first.result, content)).toEqual([
      'Field guide.md:27:1 warning SVG image `figures/external-logo.svg` refers to external entities (logo), never read: left out of the EPUB\'s copy epub-svg-entity',
      'Field guide.md:29:1 warning Image `figures/truncated.webp` (image/webp) cannot be converted to PNG for the EPUB: Input buffer has corrupt header: webp: unable to parse image; shown as its alt text epub-image-invalid',
      'Field guide.md:31:1 warning SVG image `figures/laughs.svg` cannot be cleaned for the EPUB: entity `lol7` expands to more than 16 MB; shown as its alt text epub-image-invalid'
    ])
  })

  it('shows every figure that can be shown, the others as their alt text', async () => {
    expect(await shown()).toEqual({
      'Sample flow': 'flow-illustrator.svg',
      'Sample to label': 'graph.svg',
      Done: 'plain.svg',
      Specimen: 'specimen.png',
      'Specimen thumbnail': 'thumbnail.png',
      Logo: 'external-logo.svg',
      'Cut short in the upload': 'alt',
      Laughs: 'alt'
    })
  })

  it('cleans SVG: no document type, no entity left, the drawing and text kept; a clean SVG is copied as it is', async () => {
    for (const name of ['flow-illustrator.svg', 'graph.svg', 'external-logo.svg']) {
      const svg = (await entry(name)).toString('utf8')
      expect(svg, name).not.toContain('<!DOCTYPE')
      // Comments are not markup: an entity name there stays as written.
      expect(svg.replace(/<!--[\s\S]*?-->/g, ''), name).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#)/)
    }
    const flow = (await entry('flow-illustrator.svg')).toString('utf8')
    expect(flow).toContain('xmlns="http://www.w3.org/2000/svg"')
    expect(flow).toContain('<rect x="4" y="4" style="fill:#1F6FB2;" width="152" height="52"/>')
    expect(flow).toContain('>Sample flow</text>')
    expect(flow).not.toContain('foreignObject')
    expect(flow).not.toContain('i:pgf')
    expect((await entry('plain.svg')).equals(await fs.readFile(path.join(figures, 'plain.svg')))).toBe(true)
  })

  it('converts WebP and AVIF to PNG with the same size, and lossless WebP with the same pixels', async () => {
    const pixels = async (data: Buffer) => sharp(data).raw().toBuffer({resolveWithObject: true})
    const specimen = await entry('specimen.png')
    expect(specimen.subarray(1, 4).toString('latin1')).toBe('PNG')
    const [converted, original] = await Promise.all([pixels(specimen), pixels(await fs.readFile(path.join(figures, 'specimen.webp')))])
    expect(converted.info).toMatchObject({width: 64, height: 40})
    expect(converted.data.equals(original.data)).toBe(true)
    expect(await sharp(await entry('thumbnail.png')).metadata()).toMatchObject({format: 'png', width: 32, height: 20})
    const opf = await epub.text('OEBPS/content.opf')
    expect(opf).not.toMatch(/image\/(?:webp|avif)/)
    expect(opf).toMatch(/href="images\/\d+-specimen\.png" media-type="image\/png"/)
  })

  it('converts a WebP cover to PNG', async () => {
    const opf = await epub.text('OEBPS/content.opf')
    expect(opf).toContain('<item id="cover-image" href="images/cover.png" media-type="image/png" properties="cover-image"/>')
    expect(await sharp(await epub.zip.file('OEBPS/images/cover.png')!.async('nodebuffer')).metadata()).toMatchObject({format: 'png', width: 60, height: 90})
  })

  it('passes epubcheck with no message (no OPF-073, HTM-003 or MED-003)', {...needs('epubcheck'), timeout: 60_000}, async () => {
    const report = await epubcheck(path.join(first.out, 'epub', 'field-guide.epub'))
    expect(report.messages).toEqual([])
  })

  it('gives the same bytes on a second build, converted images included', async () => {
    const second = await buildFixture(content, ['epub'])
    expect((await second.readBytes('epub/field-guide.epub')).equals(await first.readBytes('epub/field-guide.epub'))).toBe(true)
  }, 60_000)
})
