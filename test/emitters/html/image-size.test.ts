/** Reading image sizes from file headers (for `width`/`height` on pages). */
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {imageSize} from '../../../src/emitters/html/image-size.js'
import {fixturesDir, sampleContent} from '../../helpers/build.js'

const images = path.join(fixturesDir, 'html', 'images')
const bytes = (...values: number[]) => Uint8Array.from(values)
const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0))

describe('imageSize', () => {
  it('reads PNG, JPEG (past an ICC profile segment) and WebP (VP8X) files made by real encoders', async () => {
    expect(imageSize(await fs.readFile(path.join(sampleContent, 'images', 'checker.png')))).toEqual({width: 64, height: 32})
    expect(imageSize(await fs.readFile(path.join(images, 'size-9x4.jpg')))).toEqual({width: 9, height: 4})
    expect(imageSize(await fs.readFile(path.join(images, 'size-11x3.webp')))).toEqual({width: 11, height: 3})
  })

  it('reads GIF and the simple WebP headers (VP8, VP8L) as the formats define them', () => {
    expect(imageSize(bytes(...ascii('GIF89a'), 7, 0, 5, 0, 0, 0, 0))).toEqual({width: 7, height: 5})
    // VP8: frame tag and start code, then 14-bit width and height (little-endian).
    const vp8 = bytes(...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBPVP8 '), 0, 0, 0, 0, 0, 0, 0, 0x9d, 0x01, 0x2a, 300 & 0xff, 300 >> 8, 200 & 0xff, 200 >> 8)
    expect(imageSize(vp8)).toEqual({width: 300, height: 200})
    // VP8L: signature 0x2f, then width-1 and height-1 in 14 bits each.
    const packed = (300 - 1) | ((200 - 1) << 14)
    const vp8l = bytes(...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBPVP8L'), 0, 0, 0, 0, 0x2f, packed & 0xff, (packed >> 8) & 0xff, (packed >> 16) & 0xff, (packed >> 24) & 0xff)
    expect(imageSize(vp8l)).toEqual({width: 300, height: 200})
  })

  it('gives up on truncated files and other formats', async () => {
    const png = await fs.readFile(path.join(sampleContent, 'images', 'checker.png'))
    expect(imageSize(png.subarray(0, 20))).toBeUndefined()
    expect(imageSize(bytes(0xff, 0xd8, 0xff))).toBeUndefined()
    expect(imageSize(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined()
    expect(imageSize(new Uint8Array())).toBeUndefined()
  })
})
