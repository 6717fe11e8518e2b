/**
 * Buffers of packed records that the extension dropped and handed back, to pack later records into.
 * Memory touched for the first time costs a page fault every 4 KiB (on the 2-core test VM about as much
 * as kafkajs's whole decoding of the same bytes), and a tail that allocates every batch afresh touches
 * new memory all the time; reused buffers are already mapped.
 */
export class BufferPool {
  private readonly spare: ArrayBuffer[] = [];
  private spareBytes = 0;

  constructor(
    /** Spare bytes kept at most; what comes back beyond that is left to the garbage collector. */
    private readonly maxBytes: number,
    /** Smaller requests get a fresh exact array: the extension copies small batches and never returns them. */
    private readonly minBytes = 64 * 1024,
    /** Fresh buffers are rounded up to this, so that one fits later batches of about the same size. */
    private readonly granule = 128 * 1024,
  ) {}

  get spareCount(): number {
    return this.spare.length;
  }

  give(buffers: readonly ArrayBuffer[]): void {
    for (const buffer of buffers) {
      // A detached buffer (length 0) is of no use.
      if (buffer.byteLength >= this.minBytes && this.spareBytes + buffer.byteLength <= this.maxBytes) {
        this.spare.push(buffer);
        this.spareBytes += buffer.byteLength;
      }
    }
  }

  /** `size` bytes: the smallest spare buffer that holds them, or a fresh one. */
  take(size: number): Uint8Array {
    if (size < this.minBytes) {
      return new Uint8Array(size);
    }
    let best = -1;
    for (let i = 0; i < this.spare.length; i++) {
      const length = this.spare[i].byteLength;
      if (length >= size && (best < 0 || length < this.spare[best].byteLength)) {
        best = i;
      }
    }
    if (best >= 0) {
      const [buffer] = this.spare.splice(best, 1);
      this.spareBytes -= buffer.byteLength;
      return new Uint8Array(buffer, 0, size);
    }
    return new Uint8Array(new ArrayBuffer(Math.ceil(size / this.granule) * this.granule), 0, size);
  }
}
