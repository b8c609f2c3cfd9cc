/**
 * `site.favicon`: checked in the config (a path inside the content folder,
 * of a kind browsers show as an icon), checked again as a file when the
 * html format starts, copied to `html/favicon.<ext>`.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ConfigError} from '../../../src/config/errors.js'
import {resolveConfig} from '../../../src/config/resolve.js'
import {resolveFavicon} from '../../../src/emitters/html/favicon.js'
import {buildFixture, fixturesDir, tempDir} from '../../helpers/build.js'

const content = path.join(fixturesDir, 'site-feeds')

async function configError(favicon: unknown): Promise<ConfigError> {
  const error: unknown = await resolveConfig({cwd: fixturesDir, value: {content: 'site-feeds', site: {favicon}}, builtinFormats: ['html']}).then(
    () => undefined,
    (error: unknown) => error
  )
  if (!(error instanceof ConfigError)) throw new Error(`Expected a ConfigError for ${JSON.stringify(favicon)}`)
  return error
}

describe('site.favicon in the config', () => {
  it('is a path relative to the content folder, kept with POSIX separators', async () => {
    const config = await resolveConfig({cwd: fixturesDir, value: {content: 'site-feeds', site: {favicon: './images/../favicon.svg'}}, builtinFormats: ['html']})
    expect(config.site.favicon).toBe('favicon.svg')
  })

  it.each([
    ['https://example.org/icon.png', /^config: `site\.favicon`: expected a path inside the content folder, not a URL: "https:\/\/example\.org\/icon\.png"$/],
    ['icon.gif', /^config: `site\.favicon`: expected a \.ico, \.png, \.svg or \.webp file, got "icon\.gif"$/],
    ['favicon', /^config: `site\.favicon`: expected a \.ico, \.png, \.svg or \.webp file, got "favicon"$/],
    ['', /^config: `site\.favicon`: expected a path to a \.ico, \.png, \.svg or \.webp file inside the content folder$/],
    [42, /^config: `site\.favicon`: expected a path to a \.ico, \.png, \.svg or \.webp file inside the content folder$/],
    ['../configs/icon.png', /^config: `site\.favicon`: expected a path inside the content folder, got "\.\.\/configs\/icon\.png"$/],
    ['/etc/icon.png', /^config: `site\.favicon`: expected a path inside the content folder, got "\/etc\/icon\.png"$/]
  ])('refuses %j with a message naming the key', async (favicon, message) => {
    expect((await configError(favicon)).message).toMatch(message)
  })
})

describe('the favicon file', () => {
  it('must be there, inside the content folder once links are followed, and of the kind its name says', async () => {
    const folder = await tempDir()
    const notes = path.join(folder, 'notes')
    await fs.mkdir(notes)
    await fs.writeFile(path.join(folder, 'outside.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    await fs.symlink(path.join(folder, 'outside.png'), path.join(notes, 'linked.png'))
    await fs.writeFile(path.join(notes, 'fake.png'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
    await fs.writeFile(path.join(notes, 'icon.svg'), '<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>')
    await fs.mkdir(path.join(notes, 'folder.ico'))
    await expect(resolveFavicon('missing.ico', notes)).rejects.toThrow('`site.favicon`: missing.ico: file not found (the path is relative to the content folder)')
    await expect(resolveFavicon('linked.png', notes)).rejects.toThrow('`site.favicon`: linked.png: a link that leaves the content folder')
    await expect(resolveFavicon('fake.png', notes)).rejects.toThrow('`site.favicon`: fake.png: the file is not a PNG image')
    await expect(resolveFavicon('folder.ico', notes)).rejects.toThrow('`site.favicon`: folder.ico: not a file')
    expect(await resolveFavicon('icon.svg', notes)).toBe(await fs.realpath(path.join(notes, 'icon.svg')))
  })

  it('is copied to html/favicon.<ext> as it is', async () => {
    const site = await buildFixture(content, ['html'], {config: {site: {favicon: 'favicon.svg'}}})
    expect(site.result.errors).toBe(0)
    expect(await site.readBytes('html/favicon.svg')).toEqual(await fs.readFile(path.join(content, 'favicon.svg')))
  })

  it('fails the html format with one message when it is missing', async () => {
    const site = await buildFixture(content, ['html'], {config: {site: {favicon: 'icons/none.png'}}})
    expect(site.result.errors).toBe(1)
    expect(site.result.messages.map((message) => message.reason)).toEqual(['html: `site.favicon`: icons/none.png: file not found (the path is relative to the content folder)'])
    expect(site.result.written).toEqual([])
  })
})
