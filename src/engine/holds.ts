/**
 * Documents held between the two passes of a build: a note whose step
 * asked the graph about other notes waits, parsed, until every note has a
 * summary. In one thread the document simply stays in memory; across
 * worker threads it is written to a file of the build's hold folder (V8's
 * serializer, a few milliseconds) and read back by whichever worker runs
 * the second pass, so memory stays flat however many notes wait.
 */
import {randomBytes} from 'node:crypto'
import {mkdirSync, rmSync} from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import v8 from 'node:v8'
import {fromPlainMessage, toPlainMessage, type PlainMessage} from '../messages.js'
import type {QuireDocument} from '../model.js'
import {deepFreeze} from '../pipeline/freeze.js'

export interface HoldStore {
  /** Keep a document; the ticket to get it back. */
  put(doc: QuireDocument): Promise<string>
  /** The document again (once per ticket). */
  take(ticket: string): Promise<QuireDocument>
}

export class MemoryHolds implements HoldStore {
  private readonly docs = new Map<string, QuireDocument>()
  private next = 0

  async put(doc: QuireDocument): Promise<string> {
    const ticket = String(this.next++)
    this.docs.set(ticket, doc)
    return ticket
  }

  async take(ticket: string): Promise<QuireDocument> {
    const doc = this.docs.get(ticket)
    if (!doc) throw new Error(`No held document ${ticket}`)
    this.docs.delete(ticket)
    return doc
  }
}

/** Documents as files in `folder` (created on the first hold; the build removes it). */
export class FileHolds implements HoldStore {
  constructor(private readonly folder: string) {}

  async put(doc: QuireDocument): Promise<string> {
    mkdirSync(this.folder, {recursive: true})
    const ticket = `${randomBytes(8).toString('hex')}.v8`
    // Messages are VFileMessages (class instances): they travel as plain data.
    await fs.writeFile(path.join(this.folder, ticket), v8.serialize({...doc, messages: doc.messages.map(toPlainMessage)}))
    return ticket
  }

  async take(ticket: string): Promise<QuireDocument> {
    if (!/^[0-9a-f]{16}\.v8$/.test(ticket)) throw new Error(`Not a hold ticket: ${ticket}`)
    const file = path.join(this.folder, ticket)
    const held = v8.deserialize(await fs.readFile(file)) as Omit<QuireDocument, 'messages'> & {messages: PlainMessage[]}
    await fs.rm(file, {force: true})
    return deepFreeze({...held, messages: held.messages.map(fromPlainMessage)})
  }
}

/** Remove a hold folder, whatever is left in it. */
export function removeHolds(folder: string): void {
  rmSync(folder, {recursive: true, force: true})
}
