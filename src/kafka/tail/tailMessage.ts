import type { IHeaders } from 'kafkajs';

/** A record as kafkajs decodes it; the tail hands these over as they are, without copying. */
export interface TailRecord {
  offset: string;
  /** Milliseconds since the epoch as a decimal string. */
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
  /** kafkajs keeps the record batch's attributes here: 0 CreateTime, 1 LogAppendTime. */
  batchContext?: { timestampType?: number };
}

/** One message with everything the panel shows about it. */
export interface TailMessage {
  partition: number;
  offset: string;
  /** Milliseconds since the epoch as a decimal string. */
  timestamp: string;
  /** 0 CreateTime, 1 LogAppendTime, -1 or undefined unknown (record batches before v2). */
  timestampType: number | undefined;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders | undefined;
}

/** Header name/value pairs in the order kafkajs decoded them; a repeated name gives several pairs. */
export function headerPairs(message: TailMessage): [string, Buffer | null][] {
  const pairs: [string, Buffer | null][] = [];
  for (const [name, raw] of Object.entries(message.headers ?? {})) {
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      pairs.push([name, value === undefined || value === null ? null : Buffer.isBuffer(value) ? value : Buffer.from(value)]);
    }
  }
  return pairs;
}

export function toTailMessage(partition: number, record: TailRecord): TailMessage {
  return {
    partition,
    offset: record.offset,
    timestamp: record.timestamp,
    timestampType: record.batchContext?.timestampType,
    key: record.key,
    value: record.value,
    headers: record.headers,
  };
}
