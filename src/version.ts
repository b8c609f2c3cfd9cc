/** quire's version, from its package.json (src/ and dist/ both sit one level under the package). */
import {readFileSync} from 'node:fs'

let own: string | undefined

export function quireVersion(): string {
  own ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}).version
  return own
}
