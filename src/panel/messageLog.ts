import { decodeHeaders, packRecords, packedSize, type PackedRecords } from '../kafka/tail/packedRecords';
import type { TailMessage, TailRecord } from '../kafka/tail/tailMessage';

/** Key, value and header bytes are copied into chunks of this size (a bigger message gets a chunk of its own). */
const chunkBytes = 1024 * 1024;
/** A packed batch at least this big becomes a chunk itself, not copied: a fetch of a busy topic is about 1 MiB. */
const adoptBytes = 64 * 1024;

interface Chunk {
  buffer: Buffer;
  used: number;
  /** A packed batch's own buffer, kept as it came (not a chunk this log allocated). */
  adopted: boolean;
}

/**
 * The newest messages of a tail, packed: bytes in a few large chunks, the rest in typed arrays
 * indexed by sequence number. A hundred thousand messages are a handful of objects, not half a
 * million, so the garbage collector barely notices them and memory stays bounded by the caps.
 * Messages are numbered (`seq`) in arrival order; `get` rebuilds one as a TailMessage on demand.
 */
export class MessageLog {
  private readonly partition: Int32Array;
  private readonly offset: BigInt64Array;
  private readonly timestamp: BigInt64Array;
  private readonly timestampType: Int8Array;
  private readonly chunkId: Float64Array;
  private readonly start: Int32Array;
  private readonly keyLength: Int32Array;
  private readonly valueLength: Int32Array;
  private readonly headersLength: Int32Array;
  private chunks: Chunk[] = [];
  /** Id of chunks[0]; ids grow as chunks are added. */
  private firstChunkId = 0;
  private firstSeq = 0;
  private nextSeq = 0;
  private chunkBytesInUse = 0;
  private evictedCount = 0;

  constructor(
    readonly capacity: number,
    /** Upper bound of the chunk bytes kept; the oldest messages drop beyond it. */
    readonly maxBytes: number,
    /**
     * Gets the buffer of an adopted batch once none of its messages is kept, to be reused (e.g. handed back to the
     * tail's thread). Messages read with get() before are views into it: read them before the next append.
     */
    private readonly onDropped?: (buffer: ArrayBuffer) => void,
  ) {
    this.partition = new Int32Array(capacity);
    this.offset = new BigInt64Array(capacity);
    this.timestamp = new BigInt64Array(capacity);
    this.timestampType = new Int8Array(capacity);
    this.chunkId = new Float64Array(capacity);
    this.start = new Int32Array(capacity);
    this.keyLength = new Int32Array(capacity);
    this.valueLength = new Int32Array(capacity);
    this.headersLength = new Int32Array(capacity);
  }

  /** Sequence number of the oldest kept message. */
  get first(): number {
    return this.firstSeq;
  }

  /** Sequence number the next message will get. */
  get next(): number {
    return this.nextSeq;
  }

  get length(): number {
    return this.nextSeq - this.firstSeq;
  }

  /** Messages dropped to stay within the caps, since the log was made or last reset. */
  get evicted(): number {
    return this.evictedCount;
  }

  get bytes(): number {
    return this.chunkBytesInUse;
  }

  /**
   * Appends every record of `packed`; returns the sequence number of the first. The bytes of
   * consecutive records that fit in the current chunk are copied at once, and their fields a typed
   * array at a time: no object per record (a BigInt read one by one would be one).
   */
  appendAll(packed: PackedRecords): number {
    const firstSeq = this.nextSeq;
    const { count } = packed;
    // A batch bigger than the log: its first records would drop at once; they are numbered and counted only.
    const skipped = Math.max(0, count - this.capacity);
    let byteStart = 0;
    if (skipped > 0) {
      for (let i = 0; i < skipped; i++) {
        byteStart += packedSize(packed, i);
      }
      this.evict(this.length);
      this.nextSeq += skipped;
      this.firstSeq = this.nextSeq;
      this.evictedCount += skipped;
    }
    this.evict(this.length + count - skipped - this.capacity);
    if (skipped === 0 && packed.bytes.byteLength >= adoptBytes) {
      const { bytes } = packed;
      this.chunks.push({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), used: bytes.byteLength, adopted: true });
      this.chunkBytesInUse += bytes.byteLength;
      this.placeRun(packed, 0, count, this.firstChunkId + this.chunks.length - 1, 0);
      this.evictBeyondMaxBytes();
      return firstSeq;
    }
    let i = skipped;
    while (i < count) {
      const chunk = this.chunkWithRoom(packedSize(packed, i));
      const chunkId = this.firstChunkId + this.chunks.length - 1;
      const room = chunk.buffer.length - chunk.used;
      let end = i;
      let runBytes = 0;
      while (end < count && runBytes + packedSize(packed, end) <= room) {
        runBytes += packedSize(packed, end);
        end++;
      }
      chunk.buffer.set(packed.bytes.subarray(byteStart, byteStart + runBytes), chunk.used);
      this.placeRun(packed, i, end, chunkId, chunk.used);
      chunk.used += runBytes;
      byteStart += runBytes;
      i = end;
    }
    this.evictBeyondMaxBytes();
    return firstSeq;
  }

  private evictBeyondMaxBytes(): void {
    while (this.chunkBytesInUse > this.maxBytes && this.length > 1) {
      this.evict(1);
    }
  }

  /** Appends one record as kafkajs delivered it. */
  append(partition: number, record: TailRecord): number {
    return this.appendAll(packRecords(partition, [record]));
  }

  /** Numbers records [from, to) of `packed`, whose bytes lie back to back from `start` of chunk `chunkId`. */
  private placeRun(packed: PackedRecords, from: number, to: number, chunkId: number, start: number): void {
    let slot = this.nextSeq % this.capacity;
    let at = start;
    for (let i = from; i < to; ) {
      // Up to the end of the ring, then from its start.
      const n = Math.min(to - i, this.capacity - slot);
      this.partition.fill(packed.partition, slot, slot + n);
      this.chunkId.fill(chunkId, slot, slot + n);
      this.offset.set(packed.offsets.subarray(i, i + n), slot);
      this.timestamp.set(packed.timestamps.subarray(i, i + n), slot);
      this.timestampType.set(packed.timestampTypes.subarray(i, i + n), slot);
      this.keyLength.set(packed.keyLengths.subarray(i, i + n), slot);
      this.valueLength.set(packed.valueLengths.subarray(i, i + n), slot);
      this.headersLength.set(packed.headersLengths.subarray(i, i + n), slot);
      for (let k = 0; k < n; k++) {
        this.start[slot + k] = at;
        at += packedSize(packed, i + k);
      }
      i += n;
      slot = (slot + n) % this.capacity;
    }
    this.nextSeq += to - from;
  }

  partitionOf(seq: number): number {
    return this.partition[seq % this.capacity];
  }

  offsetOf(seq: number): string {
    return this.offset[seq % this.capacity].toString();
  }

  /** The message as the tail delivered it (its bytes are views into the log's chunks), or undefined once dropped. */
  get(seq: number): TailMessage | undefined {
    if (seq < this.firstSeq || seq >= this.nextSeq) {
      return undefined;
    }
    const slot = seq % this.capacity;
    const { buffer } = this.chunks[this.chunkId[slot] - this.firstChunkId];
    let at = this.start[slot];
    const take = (length: number): Buffer | null => {
      if (length < 0) {
        return null;
      }
      const bytes = buffer.subarray(at, at + length);
      at += length;
      return bytes;
    };
    const key = take(this.keyLength[slot]);
    const value = take(this.valueLength[slot]);
    const headersLength = this.headersLength[slot];
    const type = this.timestampType[slot];
    return {
      partition: this.partition[slot],
      offset: this.offset[slot].toString(),
      timestamp: this.timestamp[slot].toString(),
      timestampType: type < 0 ? undefined : type,
      key,
      value,
      headers: headersLength > 0 ? decodeHeaders(buffer.subarray(at, at + headersLength)) : undefined,
    };
  }

  /** Number of headers of a message, read without decoding them. */
  headerCountOf(seq: number): number {
    const slot = seq % this.capacity;
    if (this.headersLength[slot] === 0) {
      return 0;
    }
    const { buffer } = this.chunks[this.chunkId[slot] - this.firstChunkId];
    return buffer.readUInt32BE(this.start[slot] + Math.max(0, this.keyLength[slot]) + Math.max(0, this.valueLength[slot]));
  }

  /** Drops everything; sequence numbers go on. */
  clear(): void {
    this.firstSeq = this.nextSeq;
    this.firstChunkId += this.chunks.length;
    this.chunks.splice(0).forEach((chunk) => this.dropped(chunk));
    this.chunkBytesInUse = 0;
  }

  private dropped(chunk: Chunk): void {
    if (chunk.adopted && this.onDropped) {
      this.onDropped(chunk.buffer.buffer as ArrayBuffer);
    }
  }

  resetEvicted(): void {
    this.evictedCount = 0;
  }

  /** Drops the `count` oldest messages (none when `count` is not positive). */
  private evict(count: number): void {
    if (count <= 0) {
      return;
    }
    this.firstSeq += count;
    this.evictedCount += count;
    // Chunks older than the oldest kept message's chunk hold nothing kept any more.
    const keepFrom = this.length > 0 ? this.chunkId[this.firstSeq % this.capacity] : this.firstChunkId + this.chunks.length - 1;
    while (this.firstChunkId < keepFrom) {
      const chunk = this.chunks.shift()!;
      this.chunkBytesInUse -= chunk.buffer.length;
      this.firstChunkId++;
      this.dropped(chunk);
    }
  }

  private chunkWithRoom(size: number): Chunk {
    const current = this.chunks[this.chunks.length - 1];
    if (current && current.buffer.length - current.used >= size) {
      return current;
    }
    const chunk = { buffer: Buffer.allocUnsafe(Math.max(chunkBytes, size)), used: 0, adopted: false };
    this.chunks.push(chunk);
    this.chunkBytesInUse += chunk.buffer.length;
    return chunk;
  }
}
