/**
 * Decides what a local asset URL may point at. The rule: it must resolve,
 * after URL-decoding and following symlinks, to a file inside the content
 * folder. Nothing outside is ever read, copied or embedded.
 */
import fs from 'node:fs'
import path from 'node:path'
import {isInside, toPosix} from '../paths.js'
import {schemeOf} from './urls.js'

export type AssetResolution =
  | {kind: 'remote'}
  | {kind: 'local'; path: string; relativePath: string}
  | {kind: 'missing'; path: string}
  | {kind: 'refused'; reason: string; ruleId: 'asset-outside-content' | 'asset-url-unsupported'}

const remoteUrl = /^(?:https?:)?\/\//i

export function resolveAsset(url: string, noteDir: string, contentDir: string): AssetResolution {
  if (remoteUrl.test(url)) return {kind: 'remote'}
  if (schemeOf(url) !== undefined && !/^[a-z]:[\\/]/i.test(url)) {
    return {kind: 'refused', reason: `Unsupported image URL scheme: ${url.split(':')[0]}:`, ruleId: 'asset-url-unsupported'}
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(url.replace(/[?#].*$/, ''))
  } catch {
    return {kind: 'refused', reason: `Image path is not valid URL encoding: ${url}`, ruleId: 'asset-url-unsupported'}
  }
  if (decoded.includes('\0')) return {kind: 'refused', reason: 'Image path contains a NUL byte', ruleId: 'asset-outside-content'}
  if (path.isAbsolute(decoded) || /^[a-z]:[\\/]/i.test(decoded) || decoded.startsWith('\\')) {
    return {kind: 'refused', reason: `Image path is absolute, only paths inside the content folder are allowed: ${url}`, ruleId: 'asset-outside-content'}
  }
  const resolved = path.resolve(noteDir, decoded)
  if (!isInside(contentDir, resolved)) {
    return {kind: 'refused', reason: `Image path leaves the content folder: ${url}`, ruleId: 'asset-outside-content'}
  }
  let real: string
  try {
    real = fs.realpathSync(resolved)
  } catch {
    return {kind: 'missing', path: resolved}
  }
  // A symlink inside the folder may still point out of it.
  if (!isInside(contentDir, real)) {
    return {kind: 'refused', reason: `Image path is a link that leaves the content folder: ${url}`, ruleId: 'asset-outside-content'}
  }
  let stat: fs.Stats
  try {
    stat = fs.statSync(real)
  } catch {
    return {kind: 'missing', path: resolved}
  }
  if (!stat.isFile()) return {kind: 'missing', path: resolved}
  return {kind: 'local', path: real, relativePath: toPosix(path.relative(contentDir, real))}
}

