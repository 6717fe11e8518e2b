import { packRecords, packedSize, type PackedRecords } from '../kafka/tail/packedRecords';
import type { TailMessage, TailRecord } from '../kafka/tail/tailMessage';
import type { Counters, FilterSpec } from '../protocol';
import { compileFilter, type MessagePredicate } from './filter';
import { MessageLog } from './messageLog';
import { NumberRing } from './ring';

/** Bytes of keys, values and headers a panel keeps at most, whatever the message cap. */
export const defaultMaxBytes = 256 * 1024 * 1024;

/**
 * The messages one panel keeps: at most `maxMessages` (and `maxBytes`), the oldest dropping first,
 * and the view of those that pass the filter. A view position (`pos`) names a shown message until
 * the view is rebuilt (new `generation`); positions only grow, so the webview keeps its scroll
 * place while old messages drop.
 */
export class MessageStore {
  private readonly log: MessageLog;
  /** Sequence numbers (in the log) of the shown messages, oldest first. */
  private readonly shown: NumberRing;
  private predicate: MessagePredicate | undefined;
  private headPos = 0;
  private receivedCount = 0;
  private receivedBytes = 0;
  generation = 1;

  constructor(
    readonly maxMessages: number,
    maxBytes = defaultMaxBytes,
    /** See MessageLog: the buffer of a received batch none of whose messages is kept any more. */
    onDropped?: (buffer: ArrayBuffer) => void,
  ) {
    this.log = new MessageLog(maxMessages, maxBytes, onDropped);
    this.shown = new NumberRing(maxMessages);
  }

  /** Position of the first shown message. */
  get head(): number {
    return this.headPos;
  }

  /** Position after the last shown message. */
  get tail(): number {
    return this.headPos + this.shown.length;
  }

  get received(): number {
    return this.receivedCount;
  }

  add(partition: number, records: TailRecord[]): void {
    this.addPacked(packRecords(partition, records));
  }

  addPacked(packed: PackedRecords): void {
    const { log, shown, predicate } = this;
    const { bytes, partition } = packed;
    const firstSeq = log.appendAll(packed);
    while (shown.length > 0 && shown.at(0)! < log.first) {
      shown.shift();
      this.headPos++;
    }
    // Views for the filter only: without one, no object is made per record.
    const view = predicate && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = 0;
    for (let i = 0; i < packed.count; i++) {
      const keyLength = packed.keyLengths[i];
      const valueLength = packed.valueLengths[i];
      this.receivedBytes += Math.max(0, keyLength) + Math.max(0, valueLength);
      let matches = true;
      if (view) {
        const valueStart = at + Math.max(0, keyLength);
        const key = keyLength < 0 ? null : view.subarray(at, at + keyLength);
        const value = valueLength < 0 ? null : view.subarray(valueStart, valueStart + valueLength);
        matches = predicate(partition, key, value);
      }
      at += packedSize(packed, i);
      // A batch bigger than the cap drops its own first records: those are not shown either.
      if (matches && firstSeq + i >= log.first) {
        shown.push(firstSeq + i);
      }
    }
    this.receivedCount += packed.count;
  }

  /** Applies a filter to everything kept; returns the reason when the filter cannot be read. */
  setFilter(spec: FilterSpec): string | undefined {
    const compiled = compileFilter(spec);
    if ('error' in compiled) {
      return compiled.error;
    }
    this.predicate = compiled.match;
    this.rebuild();
    return undefined;
  }

  /** Empties the list; counters go on. */
  clear(): void {
    this.log.clear();
    this.rebuild();
  }

  /** Starts over (a re-seek): empties the list and zeroes the counters. */
  reset(): void {
    this.clear();
    this.log.resetEvicted();
    this.receivedCount = 0;
    this.receivedBytes = 0;
  }

  at(pos: number): TailMessage | undefined {
    const seq = this.shown.at(pos - this.headPos);
    return seq === undefined ? undefined : this.log.get(seq);
  }

  *shownMessages(): IterableIterator<TailMessage> {
    for (let i = 0; i < this.shown.length; i++) {
      yield this.log.get(this.shown.at(i)!)!;
    }
  }

  counters(rate: number): Counters {
    return {
      received: this.receivedCount,
      shown: this.shown.length,
      kept: this.log.length,
      dropped: this.log.evicted,
      bytes: this.receivedBytes,
      rate,
    };
  }

  /** The first kept offset of each partition: reading from there again rebuilds what the panel holds. */
  firstKeptOffsets(): Record<string, string> {
    const first: Record<string, string> = {};
    for (let seq = this.log.first; seq < this.log.next; seq++) {
      const partition = String(this.log.partitionOf(seq));
      if (!(partition in first)) {
        first[partition] = this.log.offsetOf(seq);
      }
    }
    return first;
  }

  private rebuild(): void {
    this.generation++;
    this.headPos = 0;
    this.shown.clear();
    for (let seq = this.log.first; seq < this.log.next; seq++) {
      const message = this.predicate && this.log.get(seq)!;
      if (!message || this.predicate!(message.partition, message.key, message.value)) {
        this.shown.push(seq);
      }
    }
  }
}

/**
 * The kafka.tail.maxMessages setting within its bounds (settings.json may hold anything). At most a
 * million: the list is that many rows of 22 px, and chromium scrolls no element much taller than 33
 * million pixels.
 */
export function keptMessages(setting: unknown): number {
  const value = typeof setting === 'number' && Number.isFinite(setting) ? Math.floor(setting) : 100_000;
  return Math.min(1_000_000, Math.max(100, value));
}
