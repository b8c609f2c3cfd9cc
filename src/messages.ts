/**
 * Messages cross thread boundaries and live in the cache as plain data:
 * the fields a reporter shows, rebuilt into VFileMessage on the other side.
 */
import {VFileMessage} from 'vfile-message'

export interface PlainMessage {
  readonly reason: string
  readonly ruleId?: string | undefined
  readonly source?: string | undefined
  readonly place?: unknown
  readonly fatal?: boolean | null | undefined
  readonly file?: string | undefined
  readonly url?: string | undefined
  readonly note?: string | undefined
}

export function toPlainMessage(message: VFileMessage): PlainMessage {
  const plain: Record<string, unknown> = {reason: message.reason}
  if (message.ruleId) plain.ruleId = message.ruleId
  if (message.source) plain.source = message.source
  if (message.place) plain.place = JSON.parse(JSON.stringify(message.place))
  if (message.fatal !== undefined) plain.fatal = message.fatal
  if (message.file) plain.file = message.file
  if (message.url) plain.url = message.url
  if (message.note) plain.note = message.note
  return plain as unknown as PlainMessage
}

export function fromPlainMessage(plain: PlainMessage): VFileMessage {
  const message = new VFileMessage(plain.reason, {
    place: plain.place as VFileMessage['place'],
    ruleId: plain.ruleId,
    source: plain.source
  })
  if (plain.fatal !== undefined) message.fatal = plain.fatal
  if (plain.file) message.file = plain.file
  if (plain.url) message.url = plain.url
  if (plain.note) message.note = plain.note
  return message
}
