import type { IHeaders } from 'kafkajs';
import { DecodedRecord } from '../kafkajsFixes/recordDecoder';
import type { TailRecord } from './tailMessage';

/**
 * The records of one fetched batch (one partition), packed into a few typed arrays: a thread can
 * hand them to another without copying (transfer), and the receiver reads them without making an
 * object per record. Record i's key, value and encoded headers lie back to back in `bytes`.
 */
export interface PackedRecords {
  partition: number;
  count: number;
  offsets: BigInt64Array;
  /** Milliseconds since the epoch. */
  timestamps: BigInt64Array;
  /** 0 CreateTime, 1 LogAppendTime, -1 unknown. */
  timestampTypes: Int8Array;
  /** -1 for a null key or value. */
  keyLengths: Int32Array;
  valueLengths: Int32Array;
  /** 0 when the record has no headers; else the size of its encodeHeaders() bytes. */
  headersLengths: Int32Array;
  bytes: Uint8Array;
}

/** Where packRecords puts the bytes: a fresh array, or a view of `size` bytes of a recycled one. */
export type ByteAllocator = (size: number) => Uint8Array;

const freshBytes: ByteAllocator = (size) => new Uint8Array(size);

export function packRecords(partition: number, records: readonly TailRecord[], allocate: ByteAllocator = freshBytes): PackedRecords {
  const count = records.length;
  const packed: PackedRecords = {
    partition,
    count,
    offsets: new BigInt64Array(count),
    timestamps: new BigInt64Array(count),
    timestampTypes: new Int8Array(count),
    keyLengths: new Int32Array(count),
    valueLengths: new Int32Array(count),
    headersLengths: new Int32Array(count),
    bytes: new Uint8Array(0),
  };
  const headers: (Buffer | undefined)[] = new Array(count);
  const offsetWords = new Uint32Array(packed.offsets.buffer);
  const timestampWords = new Uint32Array(packed.timestamps.buffer);
  let size = 0;
  for (let i = 0; i < count; i++) {
    const record = records[i];
    let encoded: Buffer | undefined;
    if (record instanceof DecodedRecord) {
      // Read where it lies: no Buffer view, decimal or headers object is made for it.
      encoded = record.headerCount > 0 ? encodeHeaders(record.headers) : undefined;
      setInt64(packed.offsets, offsetWords, i, record.offsetValue);
      setInt64(packed.timestamps, timestampWords, i, record.timestampValue);
      packed.keyLengths[i] = record.keyLength;
      packed.valueLengths[i] = record.valueLength;
    } else {
      encoded = encodeHeaders(record.headers);
      setInt64(packed.offsets, offsetWords, i, record.offset);
      setInt64(packed.timestamps, timestampWords, i, record.timestamp);
      packed.keyLengths[i] = record.key === null ? -1 : record.key.length;
      packed.valueLengths[i] = record.value === null ? -1 : record.value.length;
    }
    headers[i] = encoded;
    packed.timestampTypes[i] = record.batchContext?.timestampType ?? -1;
    packed.headersLengths[i] = encoded?.length ?? 0;
    size += packedSize(packed, i);
  }
  const bytes = allocate(size);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const record = records[i];
    if (record instanceof DecodedRecord) {
      at = copyInto(bytes, at, record.bytes, record.keyStart, record.keyLength);
      at = copyInto(bytes, at, record.bytes, record.valueStart, record.valueLength);
    } else {
      at = copyInto(bytes, at, record.key, 0, record.key?.length ?? -1);
      at = copyInto(bytes, at, record.value, 0, record.value?.length ?? -1);
    }
    const encoded = headers[i];
    at = copyInto(bytes, at, encoded, 0, encoded?.length ?? 0);
  }
  packed.bytes = bytes;
  return packed;
}

/** Copies `length` bytes of `source` from `start` to `target` at `at`; returns where the next bytes go. */
function copyInto(target: Uint8Array, at: number, source: Uint8Array | null | undefined, start: number, length: number): number {
  if (!source || length <= 0) {
    return at;
  }
  // TypedArray.set from a plain Uint8Array view: a memory copy, and half the cost of a Buffer's subarray or copy.
  target.set(new Uint8Array(source.buffer, source.byteOffset + start, length), at);
  return at + length;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const twoTo32 = 2 ** 32;

/**
 * target[i] = value (an exact number, or a decimal), exactly. A number, or a decimal of up to 15 characters, is
 * written as two 32-bit words (no BigInt made: a million of them cost a third of a tail thread's time);
 * a longer decimal goes through BigInt.
 */
function setInt64(target: BigInt64Array, words: Uint32Array, i: number, value: number | string): void {
  const exact = typeof value === 'number' ? value : value.length <= 15 ? Number(value) : NaN;
  if (littleEndian && Number.isInteger(exact)) {
    const high = Math.floor(exact / twoTo32);
    words[2 * i] = exact - high * twoTo32;
    words[2 * i + 1] = high; // a negative high word wraps to its two's complement, as int64 wants
    return;
  }
  target[i] = BigInt(value);
}

/** The buffers to transfer (not copy) when posting `packed` to another thread. */
export function transferablesOf(packed: PackedRecords): ArrayBuffer[] {
  return [
    packed.offsets.buffer,
    packed.timestamps.buffer,
    packed.timestampTypes.buffer,
    packed.keyLengths.buffer,
    packed.valueLengths.buffer,
    packed.headersLengths.buffer,
    packed.bytes.buffer,
  ] as ArrayBuffer[];
}

/** Bytes record i takes in `packed.bytes`. */
export function packedSize(packed: PackedRecords, i: number): number {
  return Math.max(0, packed.keyLengths[i]) + Math.max(0, packed.valueLengths[i]) + packed.headersLengths[i];
}

/** [count u32] then per header [name length u32][name][value length i32, -1 for null][value]. */
export function encodeHeaders(headers: IHeaders | undefined): Buffer | undefined {
  if (!headers) {
    return undefined;
  }
  const pairs: [Buffer, Buffer | null][] = [];
  for (const name in headers) {
    const raw = headers[name];
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      pairs.push([Buffer.from(name), value === undefined || value === null ? null : Buffer.isBuffer(value) ? value : Buffer.from(value)]);
    }
  }
  if (pairs.length === 0) {
    return undefined;
  }
  let size = 4;
  for (const [name, value] of pairs) {
    size += 4 + name.length + 4 + (value?.length ?? 0);
  }
  const out = Buffer.allocUnsafe(size);
  let at = out.writeUInt32BE(pairs.length, 0);
  for (const [name, value] of pairs) {
    at = out.writeUInt32BE(name.length, at);
    at += name.copy(out, at);
    at = out.writeInt32BE(value === null ? -1 : value.length, at);
    if (value !== null) {
      at += value.copy(out, at);
    }
  }
  return out;
}

export function decodeHeaders(bytes: Buffer): IHeaders {
  // No prototype: a header named "__proto__" must stay a header.
  const headers: Record<string, Buffer | Buffer[] | undefined> = Object.create(null);
  const count = bytes.readUInt32BE(0);
  let at = 4;
  for (let i = 0; i < count; i++) {
    const nameLength = bytes.readUInt32BE(at);
    const name = bytes.toString('utf8', at + 4, at + 4 + nameLength);
    at += 4 + nameLength;
    const valueLength = bytes.readInt32BE(at);
    at += 4;
    const value = valueLength < 0 ? undefined : bytes.subarray(at, at + valueLength);
    at += Math.max(0, valueLength);
    const existing = headers[name];
    // Repeated names become an array, as kafkajs delivers them.
    if (Object.prototype.hasOwnProperty.call(headers, name)) {
      headers[name] = Array.isArray(existing) ? [...existing, value as Buffer] : [existing as Buffer, value as Buffer];
    } else {
      headers[name] = value;
    }
  }
  return headers as IHeaders;
}
