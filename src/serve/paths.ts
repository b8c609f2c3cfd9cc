/**
 * Request URL → file inside the served folder, or a refusal. Checked on the
 * raw URL, segment by segment, before any normalizing: `..` however it is
 * spelled (`%2e%2e`, `..%2f`, `%5c`) is refused, not quietly resolved; and a
 * symbolic link cannot lead outside the folder.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {isInside} from '../paths.js'

export type Resolved =
  | {readonly kind: 'file'; readonly path: string}
  /** A folder asked without its trailing slash: redirect to `location`. */
  | {readonly kind: 'redirect'; readonly location: string}
  | {readonly kind: 'error'; readonly status: 400 | 403 | 404}

/** Decoded path segments of a request target, or the status to refuse it with. */
export function requestSegments(target: string): {segments: string[]; folder: boolean} | {status: 400 | 403 | 404} {
  const pathname = target.split(/[?#]/, 1)[0]!
  if (!pathname.startsWith('/')) return {status: 400}
  const segments: string[] = []
  const raw = pathname.slice(1).split('/')
  for (const part of raw) {
    let segment
    try {
      segment = decodeURIComponent(part)
    } catch {
      return {status: 400}
    }
    if (segment.includes('\0')) return {status: 400}
    if (segment === '..' || segment.includes('/') || segment.includes('\\') || (process.platform === 'win32' && segment.includes(':'))) return {status: 403}
    if (segment === '' || segment === '.') continue
    // Dot files are never part of a site (and out/ keeps its bookkeeping in them).
    if (segment.startsWith('.')) return {status: 404}
    segments.push(segment)
  }
  return {segments, folder: pathname.endsWith('/')}
}

/**
 * The file to send for a request: `/` → index.html, `/x` → x or x.html,
 * `/dir/` → dir/index.html.
 */
export async function resolveRequest(root: string, target: string): Promise<Resolved> {
  const parsed = requestSegments(target)
  if ('status' in parsed) return {kind: 'error', status: parsed.status}
  const base = path.resolve(root)
  const full = path.join(base, ...parsed.segments)
  if (!within(base, full)) return {kind: 'error', status: 403}
  const stat = await statOf(full)
  let candidate: string | undefined
  if (stat?.isDirectory()) {
    if (!parsed.folder) return {kind: 'redirect', location: '/' + parsed.segments.map(encodeURIComponent).join('/') + '/'}
    candidate = path.join(full, 'index.html')
  } else if (stat?.isFile()) {
    candidate = full
  } else if (!parsed.folder && parsed.segments.length > 0) {
    candidate = full + '.html'
  }
  const real = candidate === undefined ? undefined : await realOf(candidate)
  if (!real) return {kind: 'error', status: 404}
  if (!within((await realOf(base)) ?? base, real)) return {kind: 'error', status: 403}
  return (await statOf(real))?.isFile() ? {kind: 'file', path: real} : {kind: 'error', status: 404}
}

/** The served folder itself or a file inside it. */
function within(folder: string, file: string): boolean {
  return path.resolve(folder) === path.resolve(file) || isInside(folder, file)
}

async function statOf(file: string) {
  try {
    return await fs.stat(file)
  } catch {
    return undefined
  }
}

async function realOf(file: string): Promise<string | undefined> {
  try {
    return await fs.realpath(file)
  } catch {
    return undefined
  }
}
