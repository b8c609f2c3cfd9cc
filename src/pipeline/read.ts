/**
 * Reads a note's bytes into a VFile. Binary files are refused; a BOM is
 * dropped; invalid UTF-8 is decoded with replacement characters and a
 * warning, so one bad byte does not lose a whole note.
 */
import {sha256} from '../cache/hash.js'
import {VFile} from 'vfile'
import {findDeepNesting, maxNesting} from './nesting.js'

export interface ReadNoteOptions {
  /** Notes larger than this are refused with a message. */
  readonly maxBytes: number
}

export interface ReadResult {
  readonly file: VFile
  readonly hash: string
  /** False when the bytes cannot be a note: the file has a fatal message. */
  readonly ok: boolean
}

const strict = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false})
const lenient = new TextDecoder('utf-8', {fatal: false, ignoreBOM: false})

export function readNote(filePath: string, bytes: Uint8Array, options: ReadNoteOptions): ReadResult {
  const hash = sha256(bytes)
  const file = new VFile({path: filePath})
  if (bytes.byteLength > options.maxBytes) {
    fail(file, `Note is ${formatBytes(bytes.byteLength)}, over the limit of ${formatBytes(options.maxBytes)} (set \`maxNoteBytes\` to allow it)`, 'note-too-large')
    return {file, hash, ok: false}
  }
  if (looksBinary(bytes)) {
    fail(file, 'Not a text file: the note contains NUL bytes (is it binary?)', 'binary-file')
    return {file, hash, ok: false}
  }
  let text: string
  try {
    text = strict.decode(bytes)
  } catch {
    text = lenient.decode(bytes)
    const index = text.indexOf('\uFFFD')
    const before = text.slice(0, Math.max(0, index))
    const line = before.split('\n').length
    const column = index - before.lastIndexOf('\n')
    file.message('Invalid UTF-8: bad bytes were replaced with U+FFFD', {place: {line, column}, ruleId: 'invalid-utf8', source: 'quire'})
  }
  file.value = text
  const deep = findDeepNesting(text)
  if (deep) {
    file.message(`Note nests lists or block quotes ${deep.depth} levels deep, over the limit of ${maxNesting}`, {
      place: {line: deep.line, column: 1},
      ruleId: 'note-too-deep',
      source: 'quire'
    }).fatal = true
    return {file, hash, ok: false}
  }
  return {file, hash, ok: true}
}

function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.byteLength, 8000)
  for (let index = 0; index < end; index++) if (bytes[index] === 0) return true
  return false
}

function fail(file: VFile, reason: string, ruleId: string): void {
  file.message(reason, {place: {line: 1, column: 1}, ruleId, source: 'quire'}).fatal = true
}

function formatBytes(size: number): string {
  return size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(size / 1024)} KB`
}
