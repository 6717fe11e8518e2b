// kafkajs's record decoder (protocol/recordBatch/record/v0/decoder.js), which the bundles replace (esbuild.js).
// Same arguments, same fields, faster where it matters for a tail of a million records:
// - the record's key, value, headers, offset and timestamp are read from its bytes when first asked for: a tail
//   copies keys and values straight into its packed arrays (packedRecords.ts) and reads offsets and timestamps
//   as numbers, so it makes no Buffer view, decimal string or headers object per record;
// - offset and timestamp: kafkajs parses the batch's first offset and timestamp from decimal strings into BigInts
//   again for every record (about 0.3 µs a record); here they are parsed once a batch and added as numbers while
//   that is exact, as BigInts beyond 2^53;
// - the timestamp delta is read as a number unless it needs more than 7 bytes (kafkajs builds a BigInt a byte);
// - headers are collected in one pass (kafkajs copies the object for every header: quadratic).

/** The parts of kafkajs's Decoder used here. */
interface KafkajsDecoder {
  buffer: Buffer;
  offset: number;
  readVarLong(): { toString(): string };
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
type RecordHeaders = Record<string, HeaderValue | HeaderValue[]>;

const LOG_APPEND_TIME = 1;

let lastContext: BatchContext | undefined;
let lastFirstOffset = 0;
let lastFirstTimestamp = 0;
let lastMaxTimestamp = 0;

/** The decimal as a number if exact, else NaN. */
function exactNumber(decimal: string | undefined): number {
  if (decimal === undefined) {
    return NaN;
  }
  const value = Number(decimal);
  return Number.isSafeInteger(value) ? value : NaN;
}

/** base + delta: a number while exact, else the exact decimal string. */
function sum(baseDecimal: string | undefined, base: number, delta: number | bigint): number | string {
  if (typeof delta === 'number') {
    const total = base + delta;
    if (Number.isSafeInteger(total)) {
      return total;
    }
  }
  return String(BigInt(baseDecimal ?? 0) + BigInt(delta));
}

/** Where the varint that readVarInt read last ends: a second result without an object per read. */
let varintEnd = 0;

/** The zigzag varint (int32) at `at` of `bytes`, as kafkajs's Decoder reads it. */
function readVarInt(bytes: Buffer, at: number): number {
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = bytes[at++];
    if (byte === undefined) {
      throw new RangeError('Attempt to access memory outside buffer bounds');
    }
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte >= 0x80 && shift < 35);
  varintEnd = at;
  return (value >>> 1) ^ -(value & 1);
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

/**
 * One record as kafkajs delivers it (magicByte, attributes, timestamp, offset, key, value, headers,
 * isControlRecord, batchContext), its fields read from `bytes` on first access and kept.
 */
export class DecodedRecord {
  private offsetText: string | undefined;
  private timestampText: string | undefined;
  private keyBuffer: Buffer | null | undefined;
  private valueBuffer: Buffer | null | undefined;
  private headersObject: RecordHeaders | undefined;

  constructor(
    readonly magicByte: number | undefined,
    readonly attributes: number,
    /** The offset: a number while that is exact, else its decimal. */
    readonly offsetValue: number | string,
    /** Milliseconds since the epoch: a number while that is exact, else its decimal. */
    readonly timestampValue: number | string,
    /** The record's bytes (a view of the fetch response): its key, value and headers lie in it. */
    readonly bytes: Buffer,
    readonly keyStart: number,
    /** -1 for a null key. */
    readonly keyLength: number,
    readonly valueStart: number,
    /** -1 for a null value. */
    readonly valueLength: number,
    readonly headersStart: number,
    readonly headerCount: number,
    readonly isControlRecord: boolean,
    readonly batchContext: BatchContext,
  ) {}

  get offset(): string {
    return (this.offsetText ??= String(this.offsetValue));
  }

  get timestamp(): string {
    return (this.timestampText ??= String(this.timestampValue));
  }

  get key(): Buffer | null {
    if (this.keyBuffer === undefined) {
      this.keyBuffer = this.keyLength < 0 ? null : this.bytes.subarray(this.keyStart, this.keyStart + this.keyLength);
    }
    return this.keyBuffer;
  }

  get value(): Buffer | null {
    if (this.valueBuffer === undefined) {
      this.valueBuffer = this.valueLength < 0 ? null : this.bytes.subarray(this.valueStart, this.valueStart + this.valueLength);
    }
    return this.valueBuffer;
  }

  get headers(): RecordHeaders {
    if (this.headersObject === undefined) {
      this.headersObject = decodeHeaders(this.bytes, this.headersStart, this.headerCount);
    }
    return this.headersObject;
  }
}

function decodeHeaders(bytes: Buffer, start: number, count: number): RecordHeaders {
  const headers: RecordHeaders = {};
  let at = start;
  for (let i = 0; i < count; i++) {
    const nameLength = readVarInt(bytes, at);
    // A null name (not valid Kafka, but bytes can say it) becomes "null", as kafkajs's computed key makes it.
    const name = nameLength < 0 ? 'null' : bytes.toString('utf8', varintEnd, varintEnd + nameLength);
    const valueLength = readVarInt(bytes, varintEnd + Math.max(0, nameLength));
    const headerValue = valueLength < 0 ? null : bytes.subarray(varintEnd, varintEnd + valueLength);
    at = varintEnd + Math.max(0, valueLength);
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
  return headers;
}

/** The length (-1: null) of the length-prefixed field at `at`, whose bytes start at varintEnd, checked to lie in `bytes`. */
function skipBytes(bytes: Buffer, at: number): number {
  const length = readVarInt(bytes, at);
  if (length > 0 && varintEnd + length > bytes.length) {
    throw new RangeError('Attempt to access memory outside buffer bounds');
  }
  return length;
}

export function decodeRecord(decoder: KafkajsDecoder, batchContext: BatchContext = {}): DecodedRecord {
  const { firstOffset, firstTimestamp, magicByte, isControlBatch = false, timestampType, maxTimestamp } = batchContext;
  if (batchContext !== lastContext) {
    lastContext = batchContext;
    lastFirstOffset = exactNumber(firstOffset);
    lastFirstTimestamp = exactNumber(firstTimestamp);
    lastMaxTimestamp = exactNumber(maxTimestamp);
  }
  const bytes = decoder.buffer;
  const attributes = bytes.readInt8(decoder.offset);
  decoder.offset += 1;

  const timestampDelta = readVarLong(decoder);
  const timestamp =
    timestampType === LOG_APPEND_TIME && maxTimestamp
      ? Number.isNaN(lastMaxTimestamp)
        ? maxTimestamp
        : lastMaxTimestamp
      : sum(firstTimestamp, lastFirstTimestamp, timestampDelta);

  const offsetDelta = readVarInt(bytes, decoder.offset);
  const offset = sum(firstOffset, lastFirstOffset, offsetDelta);

  const keyLength = skipBytes(bytes, varintEnd);
  const keyStart = varintEnd;
  const valueLength = skipBytes(bytes, keyStart + Math.max(0, keyLength));
  const valueStart = varintEnd;
  const headerCount = readVarInt(bytes, valueStart + Math.max(0, valueLength));
  const headersStart = varintEnd;
  let at = headersStart;
  for (let i = 0; i < headerCount; i++) {
    const nameLength = skipBytes(bytes, at);
    const headerValueLength = skipBytes(bytes, varintEnd + Math.max(0, nameLength));
    at = varintEnd + Math.max(0, headerValueLength);
  }
  decoder.offset = at;

  return new DecodedRecord(
    magicByte,
    attributes,
    offset,
    timestamp,
    bytes,
    keyStart,
    keyLength,
    valueStart,
    valueLength,
    headersStart,
    Math.max(0, headerCount),
    isControlBatch,
    batchContext,
  );
}
