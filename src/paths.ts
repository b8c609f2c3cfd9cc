/**
 * Path rules every part of quire shares: one containment check (assets in
 * the content folder, outputs in the output folder, served files in the
 * site, pages the PDF browser may read) and one way to write a relative
 * path in outputs, records and messages (POSIX separators).
 */
import path from 'node:path'

/** True when `target` is strictly inside `folder` (not the folder itself), after resolving both. */
export function isInside(folder: string, target: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(target))
  return relative !== '' && relative !== '..' && !relative.startsWith('..' + path.sep) && !path.isAbsolute(relative)
}

export function toPosix(value: string): string {
  return value.split(path.sep).join('/')
}
