// kafkajs's record decoder (protocol/recordBatch/record/v0/decoder.js), which the bundles replace (esbuild.js).
// Same arguments, same result, faster where it matters for a tail of a million records:
// - offset and timestamp: kafkajs parses the batch's first offset and timestamp from decimal strings into BigInts
//   again for every record (about 0.3 µs a record); here they are parsed once a batch and added as numbers while
//   that is exact, as BigInts beyond 2^53;
// - the timestamp delta is read as a number unless it needs more than 7 bytes (kafkajs builds a BigInt a byte);
// - headers are collected in one pass (kafkajs copies the object for every header: quadratic).

/** The parts of kafkajs's Decoder used here. */
interface KafkajsDecoder {
  buffer: Buffer;
  offset: number;
  readInt8(): number;
  readVarInt(): number;
  readVarLong(): { toString(): string };
  readVarIntBytes(): Buffer | null;
  readVarIntString(): string | null;
}

interface BatchContext {
  firstOffset?: string;
  firstTimestamp?: string;
  magicByte?: number;
  isControlBatch?: boolean;
  timestampType?: number;
  maxTimestamp?: string;
}

type HeaderValue = Buffer | null;

const LOG_APPEND_TIME = 1;

let lastContext: BatchContext | undefined;
let lastFirstOffset = 0;
let lastFirstTimestamp = 0;

/** The decimal as a number if exact, else NaN. */
function exactNumber(decimal: string | undefined): number {
  if (decimal === undefined) {
    return NaN;
  }
  const value = Number(decimal);
  return Number.isSafeInteger(value) ? value : NaN;
}

/** base + delta as a decimal string, exact at any size. */
function sum(baseDecimal: string | undefined, base: number, delta: number | bigint): string {
  if (typeof delta === 'number') {
    const total = base + delta;
    if (Number.isSafeInteger(total)) {
      return String(total);
    }
  }
  return String(BigInt(baseDecimal ?? 0) + BigInt(delta));
}

/** A zigzag varlong as a number when it fits in 7 bytes (49 bits: exact), else as a BigInt through kafkajs. */
function readVarLong(decoder: KafkajsDecoder): number | bigint {
  const { buffer } = decoder;
  const start = decoder.offset;
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 7; i++) {
    const byte = buffer[start + i];
    if (byte === undefined) {
      break;
    }
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      decoder.offset = start + i + 1;
      return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
    }
    scale *= 128;
  }
  return BigInt(decoder.readVarLong().toString());
}

export function decodeRecord(decoder: KafkajsDecoder, batchContext: BatchContext = {}) {
  const { firstOffset, firstTimestamp, magicByte, isControlBatch = false, timestampType, maxTimestamp } = batchContext;
  if (batchContext !== lastContext) {
    lastContext = batchContext;
    lastFirstOffset = exactNumber(firstOffset);
    lastFirstTimestamp = exactNumber(firstTimestamp);
  }
  const attributes = decoder.readInt8();

  const timestampDelta = readVarLong(decoder);
  const timestamp =
    timestampType === LOG_APPEND_TIME && maxTimestamp ? maxTimestamp : sum(firstTimestamp, lastFirstTimestamp, timestampDelta);

  const offsetDelta = decoder.readVarInt();
  const offset = sum(firstOffset, lastFirstOffset, offsetDelta);

  const key = decoder.readVarIntBytes();
  const value = decoder.readVarIntBytes();

  const headers: Record<string, HeaderValue | HeaderValue[]> = {};
  const headerCount = decoder.readVarInt();
  for (let i = 0; i < headerCount; i++) {
    const name = decoder.readVarIntString() as string;
    const headerValue = decoder.readVarIntBytes();
    const existing = Object.prototype.hasOwnProperty.call(headers, name) ? headers[name] : undefined;
    let next: HeaderValue | HeaderValue[];
    if (existing === undefined) {
      next = headerValue;
    } else if (Array.isArray(existing)) {
      existing.push(headerValue); // an array made here, below
      continue;
    } else {
      next = [existing, headerValue];
    }
    if (name === '__proto__') {
      // kafkajs builds the object with a computed key, which makes "__proto__" an own property, not the prototype.
      Object.defineProperty(headers, name, { value: next, enumerable: true, writable: true, configurable: true });
    } else {
      headers[name] = next;
    }
  }

  return {
    magicByte,
    attributes,
    timestamp,
    offset,
    key,
    value,
    headers,
    isControlRecord: isControlBatch,
    batchContext,
  };
}
