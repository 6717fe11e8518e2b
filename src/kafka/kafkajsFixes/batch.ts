// kafkajs's consumer Batch (consumer/batch.js, MIT), which the bundles replace (esbuild.js). Same class, same
// results. Only its constructor's offset filter differs: kafkajs turns every message's offset into a Long (a BigInt
// parsed from the decimal, and an object around it) to compare it with the fetched offset. The offset of a record
// from the bundles' decoder (recordDecoder.ts) is compared as the number it holds while exact; a canonical decimal
// as a string, length first; anything else still goes through Long.
import { DecodedRecord } from './recordDecoder';

/* eslint-disable @typescript-eslint/no-require-imports */
const Long = require('kafkajs/src/utils/long') as LongStatic;
const filterAbortedMessages = require('kafkajs/src/consumer/filterAbortedMessages') as (args: {
  messages: BatchMessage[];
  abortedTransactions?: unknown[];
}) => BatchMessage[];
/* eslint-enable @typescript-eslint/no-require-imports */

interface KafkajsLong {
  add(value: number | KafkajsLong): KafkajsLong;
  multiply(value: number): KafkajsLong;
  gte(other: KafkajsLong): boolean;
  toString(): string;
}

interface LongStatic {
  fromValue(value: unknown): KafkajsLong;
}

interface BatchMessage {
  offset: string;
  isControlRecord?: boolean;
}

interface PartitionData {
  partition: number;
  highWatermark: string;
  abortedTransactions?: unknown[];
  messages: BatchMessage[];
}

/** A non-negative decimal without leading zeros: two of them compare as strings, the longer one being larger. */
function isCanonical(decimal: unknown): decimal is string {
  if (typeof decimal !== 'string' || decimal.length === 0 || (decimal.length > 1 && decimal.charCodeAt(0) === 48)) {
    return false;
  }
  for (let i = 0; i < decimal.length; i++) {
    const code = decimal.charCodeAt(i);
    if (code < 48 || code > 57) {
      return false;
    }
  }
  return true;
}

/** offset ≥ fetched, exactly as kafkajs decides it. */
function atOrAfter(fetched: KafkajsLong): (message: BatchMessage) => boolean {
  const decimal = fetched.toString();
  if (!isCanonical(decimal)) {
    return (message) => Long.fromValue(message.offset).gte(fetched);
  }
  const fetchedNumber = Number(decimal);
  const exact = Number.isSafeInteger(fetchedNumber);
  return (message) => {
    if (exact && message instanceof DecodedRecord && typeof message.offsetValue === 'number') {
      return message.offsetValue >= fetchedNumber;
    }
    const { offset } = message;
    return isCanonical(offset) ? offset.length > decimal.length || (offset.length === decimal.length && offset >= decimal) : Long.fromValue(offset).gte(fetched);
  };
}

export class Batch {
  readonly fetchedOffset: unknown;
  readonly topic: string;
  readonly partition: number;
  readonly highWatermark: string;
  readonly rawMessages: BatchMessage[];
  readonly messagesWithinOffset: BatchMessage[];
  readonly messages: BatchMessage[];

  constructor(topic: string, fetchedOffset: unknown, partitionData: PartitionData) {
    this.fetchedOffset = fetchedOffset;
    const longFetchedOffset = Long.fromValue(this.fetchedOffset);
    const { abortedTransactions, messages } = partitionData;

    this.topic = topic;
    this.partition = partitionData.partition;
    this.highWatermark = partitionData.highWatermark;

    this.rawMessages = messages;
    // Fetch can return messages before the requested offset (a compressed batch read whole): kafkajs discards them.
    this.messagesWithinOffset = this.rawMessages.filter(atOrAfter(longFetchedOffset));

    // Neither aborted messages nor control records are exposed.
    this.messages = filterAbortedMessages({
      messages: this.messagesWithinOffset,
      abortedTransactions,
    }).filter((message) => !message.isControlRecord);
  }

  isEmpty(): boolean {
    return this.messages.length === 0;
  }

  isEmptyIncludingFiltered(): boolean {
    return this.messagesWithinOffset.length === 0;
  }

  /** Raw messages came, but all were filtered out (log compaction, control records...). */
  isEmptyDueToFiltering(): boolean {
    return this.isEmpty() && this.rawMessages.length > 0;
  }

  isEmptyControlRecord(): boolean {
    return this.isEmpty() && this.messagesWithinOffset.some(({ isControlRecord }) => isControlRecord);
  }

  /** Messages came, all before the fetched offset: the partition was compacted there. */
  isEmptyDueToLogCompactedMessages(): boolean {
    const hasMessages = this.rawMessages.length > 0;
    return hasMessages && this.isEmptyIncludingFiltered();
  }

  firstOffset(): string | null {
    return this.isEmptyIncludingFiltered() ? null : this.messagesWithinOffset[0].offset;
  }

  lastOffset(): unknown {
    if (this.isEmptyDueToLogCompactedMessages()) {
      return this.fetchedOffset;
    }
    if (this.isEmptyIncludingFiltered()) {
      return Long.fromValue(this.highWatermark).add(-1).toString();
    }
    return this.messagesWithinOffset[this.messagesWithinOffset.length - 1].offset;
  }

  /** The lag after the last offset of the batch. */
  offsetLag(): string {
    const lastOffsetOfPartition = Long.fromValue(this.highWatermark).add(-1);
    const lastConsumedOffset = Long.fromValue(this.lastOffset());
    return lastOffsetOfPartition.add(lastConsumedOffset.multiply(-1)).toString();
  }

  /** The lag from the first offset of the batch. */
  offsetLagLow(): string {
    if (this.isEmptyIncludingFiltered()) {
      return '0';
    }
    const lastOffsetOfPartition = Long.fromValue(this.highWatermark).add(-1);
    const firstConsumedOffset = Long.fromValue(this.firstOffset());
    return lastOffsetOfPartition.add(firstConsumedOffset.multiply(-1)).toString();
  }
}
