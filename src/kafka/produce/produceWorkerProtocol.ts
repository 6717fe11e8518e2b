import type { PortableConnectionSettings } from '../connect/connection';
import type { LogLevel } from '../connect/log';
import { resultWithColumns, sentColumns, type ProduceFailure, type ProduceOptions, type ProduceResult, type ProduceTextOutcome } from './produceRun';
import type { ParseOptions } from './records';

/** ProduceOptions without what cannot cross to another thread (those travel as messages). */
export type PortableProduceOptions = Omit<ProduceOptions, 'signal' | 'onProgress' | 'logger'>;

/**
 * A produce job. The text travels as UTF-8 bytes in a transferred buffer (a cloned string of 20 MB took
 * the receiving thread 80 ms more), and the buffer comes back (`inputReturned`) once the thread has
 * made its string, for the next job's text: memory touched for the first time is slow.
 * The thread stays up between jobs, its code already compiled.
 */
export type ToProduceWorker =
  | {
      type: 'start';
      id: number;
      connection: PortableConnectionSettings;
      parse: ParseOptions;
      options: PortableProduceOptions;
      text: Uint8Array;
      /** Every byte of `text` is below 0x80. */
      ascii: boolean;
    }
  | { type: 'cancel'; id: number };

/**
 * A ProduceResult with its per-record lists in typed arrays: a hundred thousand small objects take
 * the receiving thread hundreds of milliseconds to deserialize; typed arrays are transferred whole.
 */
export interface PackedProduceResult extends Omit<ProduceResult, 'sent' | 'unsentLines' | 'failure'> {
  sentLines: Int32Array;
  sentPartitions: Int32Array;
  sentOffsets: BigInt64Array;
  unsentLines: Int32Array;
  failure?: Omit<ProduceFailure, 'lines'> & { lines: Int32Array };
}

export type PackedProduceOutcome = Exclude<ProduceTextOutcome, { kind: 'done' }> | { kind: 'done'; result: PackedProduceResult };

export type FromProduceWorker =
  | { type: 'progress'; id: number; sent: number; total: number }
  | { type: 'log'; id: number; level: LogLevel; message: string }
  | { type: 'done'; id: number; outcome: PackedProduceOutcome }
  | { type: 'failed'; id: number; message: string }
  | { type: 'inputReturned'; id: number; buffer: ArrayBuffer };

export function packOutcome(outcome: ProduceTextOutcome): { outcome: PackedProduceOutcome; transfer: ArrayBuffer[] } {
  if (outcome.kind !== 'done') {
    return { outcome, transfer: [] };
  }
  const { lines, partitions, offsets } = sentColumns(outcome.result);
  const { topic, total, unsentLines, cancelled, failure, partitions: ranges, elapsedMs } = outcome.result;
  const result: PackedProduceResult = {
    topic,
    total,
    cancelled,
    partitions: ranges,
    elapsedMs,
    sentLines: lines,
    sentPartitions: partitions,
    sentOffsets: offsets,
    unsentLines: Int32Array.from(unsentLines),
    failure: failure && { ...failure, lines: Int32Array.from(failure.lines) },
  };
  const transfer = [result.sentLines, result.sentPartitions, result.sentOffsets, result.unsentLines, result.failure?.lines];
  return { outcome: { kind: 'done', result }, transfer: transfer.filter((a) => a !== undefined).map((a) => a.buffer as ArrayBuffer) };
}

export function unpackOutcome(outcome: PackedProduceOutcome): ProduceTextOutcome {
  if (outcome.kind !== 'done') {
    return outcome;
  }
  const { sentLines, sentPartitions, sentOffsets, unsentLines, failure, ...rest } = outcome.result;
  return {
    kind: 'done',
    result: resultWithColumns(
      { ...rest, unsentLines: Array.from(unsentLines), failure: failure && { ...failure, lines: Array.from(failure.lines) } },
      { lines: sentLines, partitions: sentPartitions, offsets: sentOffsets },
    ),
  };
}
