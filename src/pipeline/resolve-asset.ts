/**
 * Decides what a local asset URL may point at. The rule: it must resolve,
 * after dropping its query and fragment, URL-decoding and following
 * symlinks, to a file inside the content folder. Nothing outside is ever
 * read, copied or embedded.
 *
 * Where: the path relative to the note. When no file is there and the
 * path does not start with `./` or `../` (which mean exactly that place),
 * the image is looked up as Obsidian looks up an embed (`LinkTargets`
 * `resolveImage`: the path from the content folder, else the file name
 * anywhere in it), so `![](diagram.png)` finds `attachments/diagram.png`.
 * What was looked up goes back to the caller as a query the build cache
 * asks again, so a note is parsed anew when its image appears elsewhere or
 * gains a namesake.
 */
import fs from 'node:fs'
import path from 'node:path'
import {isInside, toPosix} from '../paths.js'
import {LinkTargets} from './link-targets.js'
import {schemeOf} from './urls.js'

/** A look-up by name among the content folder's images: what was asked, and every file it matched. */
export interface NameLookup {
  /** The `LinkTargets` query and its answer, for the build cache. */
  readonly query: string
  readonly answer: string | null
  /** Every image the name matched, the one used first (more than one: a clash to report). */
  readonly candidates: readonly string[]
}

export type AssetResolution =
  | {kind: 'remote'}
  | {kind: 'local'; path: string; relativePath: string; lookup?: NameLookup | undefined}
  | {kind: 'missing'; path: string; lookup?: NameLookup | undefined}
  | {kind: 'refused'; reason: string; ruleId: 'asset-outside-content' | 'asset-url-unsupported'}

export interface AssetPlace {
  /** Absolute path of the note the URL is written in. */
  readonly noteFile: string
  /** Absolute, real path of the content folder. */
  readonly contentDir: string
  /** The content folder's files: without them, only the path relative to the note is tried. */
  readonly targets?: LinkTargets | undefined
}

const remoteUrl = /^(?:https?:)?\/\//i

/** A URL's path: what comes before its query (`?v=2`) or fragment (`#part`). */
export function urlPath(url: string): string {
  return url.replace(/[?#].*$/, '')
}

export function resolveAsset(url: string, place: AssetPlace): AssetResolution {
  const {contentDir} = place
  if (remoteUrl.test(url)) return {kind: 'remote'}
  if (schemeOf(url) !== undefined && !/^[a-z]:[\\/]/i.test(url)) {
    return {kind: 'refused', reason: `Unsupported image URL scheme: ${url.split(':')[0]}:`, ruleId: 'asset-url-unsupported'}
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath(url))
  } catch {
    return {kind: 'refused', reason: `Image path is not valid URL encoding: ${url}`, ruleId: 'asset-url-unsupported'}
  }
  if (decoded.includes('\0')) return {kind: 'refused', reason: 'Image path contains a NUL byte', ruleId: 'asset-outside-content'}
  if (path.isAbsolute(decoded) || /^[a-z]:[\\/]/i.test(decoded) || decoded.startsWith('\\')) {
    return {kind: 'refused', reason: `Image path is absolute, only paths inside the content folder are allowed: ${url}`, ruleId: 'asset-outside-content'}
  }
  const resolved = path.resolve(path.dirname(place.noteFile), decoded)
  if (!isInside(contentDir, resolved)) {
    return {kind: 'refused', reason: `Image path leaves the content folder: ${url}`, ruleId: 'asset-outside-content'}
  }
  const here = confine(url, resolved, contentDir)
  if (here.kind !== 'missing' || !place.targets || /^\.\.?[\\/]/.test(decoded)) return here

  const from = toPosix(path.relative(contentDir, place.noteFile))
  const target = toPosix(decoded)
  const found = place.targets.resolveImage(target, from)
  const lookup: NameLookup = {query: LinkTargets.imageQuery(from, target), answer: LinkTargets.encode(found), candidates: found.candidates}
  if (found.path === undefined) return {...here, lookup}
  // The file found is checked as any other: a link there may lead out of the folder.
  const elsewhere = confine(url, path.join(contentDir, ...found.path.split('/')), contentDir)
  if (elsewhere.kind === 'refused') return elsewhere
  return elsewhere.kind === 'local' ? {...elsewhere, lookup} : {...here, lookup}
}

/** The file at `resolved` (inside the content folder) when it is a regular file whose real path is inside too. */
function confine(url: string, resolved: string, contentDir: string): AssetResolution {
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
