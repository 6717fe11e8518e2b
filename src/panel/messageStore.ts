import type { TailMessage } from '../kafka/tail';
import type { Counters, FilterSpec } from '../protocol';
import { compileFilter, type MessagePredicate } from './filter';
import { Ring } from './ring';

/**
 * The messages one panel keeps: at most `maxMessages` (the oldest drop first), and the view of
 * those that pass the filter. A view position (`pos`) names a shown message until the view is rebuilt
 * (new `generation`); positions only grow, so the webview can keep its scroll place while old ones drop.
 */
export class MessageStore {
  private kept: Ring<TailMessage>;
  private shown: Ring<TailMessage>;
  private predicate: MessagePredicate | undefined;
  private headPos = 0;
  private receivedCount = 0;
  private receivedBytes = 0;
  private droppedCount = 0;
  generation = 1;

  constructor(readonly maxMessages: number) {
    this.kept = new Ring(maxMessages);
    this.shown = new Ring(maxMessages);
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

  add(messages: TailMessage[]): void {
    for (const message of messages) {
      this.receivedCount++;
      this.receivedBytes += (message.key?.length ?? 0) + (message.value?.length ?? 0);
      const evicted = this.kept.push(message);
      if (evicted !== undefined) {
        this.droppedCount++;
        if (this.shown.at(0) === evicted) {
          this.shown.shift();
          this.headPos++;
        }
      }
      if (this.predicate === undefined || this.predicate(message)) {
        this.shown.push(message);
      }
    }
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
    this.kept.clear();
    this.rebuild();
  }

  /** Starts over (a re-seek): empties the list and zeroes the counters. */
  reset(): void {
    this.clear();
    this.receivedCount = 0;
    this.receivedBytes = 0;
    this.droppedCount = 0;
  }

  at(pos: number): TailMessage | undefined {
    return this.shown.at(pos - this.headPos);
  }

  shownMessages(): Iterable<TailMessage> {
    return this.shown;
  }

  counters(rate: number): Counters {
    return {
      received: this.receivedCount,
      shown: this.shown.length,
      kept: this.kept.length,
      dropped: this.droppedCount,
      bytes: this.receivedBytes,
      rate,
    };
  }

  /** The first kept offset of each partition: reading from there again rebuilds what the panel holds. */
  firstKeptOffsets(): Record<string, string> {
    const first: Record<string, string> = {};
    for (const message of this.kept) {
      const partition = String(message.partition);
      if (!(partition in first)) {
        first[partition] = message.offset;
      }
    }
    return first;
  }

  private rebuild(): void {
    this.generation++;
    this.headPos = 0;
    this.shown = new Ring(this.maxMessages);
    for (const message of this.kept) {
      if (this.predicate === undefined || this.predicate(message)) {
        this.shown.push(message);
      }
    }
  }
}
