import { decodeValue, previewValue } from '../kafka/decode/valueDecoding';
import { headerPairs, type TailMessage } from '../kafka/tail/tailMessage';
import type { MessageDetail, MessageRow } from '../protocol';

/** Characters of a key and of a value in the one-line list preview. */
const keyPreviewChars = 80;
const valuePreviewChars = 300;

function headerCount(message: TailMessage): number {
  let count = 0;
  for (const raw of Object.values(message.headers ?? {})) {
    count += Array.isArray(raw) ? raw.length : 1;
  }
  return count;
}

export function toRow(pos: number, message: TailMessage): MessageRow {
  return {
    pos,
    partition: message.partition,
    offset: message.offset,
    timestamp: message.timestamp,
    key: previewValue(message.key, keyPreviewChars),
    value: previewValue(message.value, valuePreviewChars),
    headerCount: headerCount(message),
  };
}

/** The detail view of one message; values beyond `limit` characters are cut (the editor shows them whole). */
export function toDetail(pos: number, message: TailMessage, limit: number): MessageDetail {
  return {
    pos,
    partition: message.partition,
    offset: message.offset,
    timestamp: message.timestamp,
    timestampType: message.timestampType === 0 ? 'CreateTime' : message.timestampType === 1 ? 'LogAppendTime' : 'unknown',
    key: decodeValue(message.key, limit),
    value: decodeValue(message.value, limit),
    headers: headerPairs(message).map(([name, value]) => ({ name, value: decodeValue(value, limit) })),
  };
}
