/**
 * Runs the processor over one note and assembles the read-only document
 * model. This is the only place a note is parsed: every format reads the
 * result.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type {Root as HastRoot} from 'hast'
import type {Root as MdastRoot} from 'mdast'
import type {VFile} from 'vfile'
import type {QuireDocument} from '../model.js'
import type {NoteContext} from './data.js'
import {noteExtension, type LinkTargets} from './link-targets.js'
import {excerpt} from './excerpt.js'
import {deepFreeze} from './freeze.js'
import {headingTree, sectionTree} from './outline.js'
import type {Processor} from './processor.js'
import {readNote, type ReadResult} from './read.js'
import {noteStats} from './stats.js'
import {errorText} from '../report.js'

export interface NoteInput {
  readonly file: VFile
  readonly hash: string
  readonly slug: string
  readonly relativePath: string
  readonly context: NoteContext
}

/** Parse and transform a note; `undefined` when the note had errors (they are on `file.messages`). */
export async function buildDocument(processor: Processor, input: NoteInput): Promise<QuireDocument | undefined> {
  const {file} = input
  file.data.quire = input.context
  let mdast: MdastRoot
  let hast: HastRoot
  try {
    mdast = processor.parse(file) as MdastRoot
    // `run` mutates the mdast in place before remark-rehype turns it into hast.
    hast = (await processor.run(mdast, file)) as HastRoot
  } catch (error) {
    if (isPositionedFailure(error, file)) return undefined
    const reason = error instanceof RangeError ? 'Note is nested too deeply to process' : 'A transform failed: ' + errorText(error)
    file.message(reason, {place: {line: 1, column: 1}, ruleId: error instanceof RangeError ? 'note-too-deep' : 'transform-error', source: 'quire'}).fatal = true
    return undefined
  }
  if (file.messages.some((message) => message.fatal)) return undefined

  const meta = file.data.meta!
  if (!mdast.children.some((node) => node.type !== 'definition')) {
    file.message('Note has no content' + (file.data.meta?.titleSource === 'front-matter' ? ' besides its front matter' : ''), {
      place: {line: 1, column: 1},
      ruleId: 'empty-note',
      source: 'quire'
    })
  }
  const headings = headingTree(mdast)
  const document: QuireDocument = {
    path: file.path,
    relativePath: input.relativePath,
    slug: input.slug,
    meta,
    mdast,
    hast,
    headings,
    sections: sectionTree(mdast, meta.title, headings),
    assets: file.data.assets ?? [],
    links: file.data.links ?? [],
    stats: noteStats(mdast, meta.lang),
    summary: meta.description ?? excerpt(mdast),
    messages: [...file.messages],
    hash: input.hash
  }
  return deepFreeze(document)
}

/** `file.fail()` inside a plugin throws the message it already recorded. */
function isPositionedFailure(error: unknown, file: VFile): boolean {
  return file.messages.includes(error as never)
}

/**
 * Read a note from disk and build its document: what every build path does
 * with a note. `processor` is asked for only when the note can be parsed.
 */
export async function parseNote(
  processor: () => Processor | Promise<Processor>,
  note: {readonly path: string; readonly relativePath: string; readonly slug: string},
  settings: {readonly maxBytes: number; readonly contentDir: string; readonly targets: LinkTargets; readonly renderDiagrams?: NoteContext['renderDiagrams']}
): Promise<{read: ReadResult; doc: QuireDocument | undefined}> {
  const read = readNote(note.path, await fs.readFile(note.path), {maxBytes: settings.maxBytes})
  if (!read.ok) return {read, doc: undefined}
  const doc = await buildDocument(await processor(), {
    file: read.file,
    hash: read.hash,
    slug: note.slug,
    relativePath: note.relativePath,
    context: {contentDir: settings.contentDir, targets: settings.targets, fallbackTitle: fallbackTitle(note.path), maxBytes: settings.maxBytes, renderDiagrams: settings.renderDiagrams}
  })
  return {read, doc}
}

export const fallbackTitle = (filePath: string): string => path.basename(filePath).replace(noteExtension, '')
