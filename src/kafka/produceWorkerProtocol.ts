import type { PortableConnectionSettings } from './connection';
import type { LogLevel } from './log';
import type { ProduceFailure, ProduceOptions, ProduceResult, ProduceTextOutcome } from './produce';
import type { ParseOptions } from './records';

/** ProduceOptions without what cannot cross to another thread (those travel as messages). */
export type PortableProduceOptions = Omit<ProduceOptions, 'signal' | 'onProgress' | 'logger'>;

/**
 * A produce job, in three steps so that no single message is big: `start`, the text in slices
 * (`text`), then `run`. The thread stays up between jobs, its code already compiled.
 */
export type ToProduceWorker =
  | { type: 'start'; id: number; connection: PortableConnectionSettings; parse: ParseOptions; options: PortableProduceOptions }
  | { type: 'text'; id: number; slice: string }
  | { type: 'run'; id: number }
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
  | { type: 'failed'; id: number; message: string };

export function packOutcome(outcome: ProduceTextOutcome): { outcome: PackedProduceOutcome; transfer: ArrayBuffer[] } {
  if (outcome.kind !== 'done') {
    return { outcome, transfer: [] };
  }
  const { sent, unsentLines, failure, ...rest } = outcome.result;
  const result: PackedProduceResult = {
    ...rest,
    sentLines: Int32Array.from(sent, (s) => s.line),
    sentPartitions: Int32Array.from(sent, (s) => s.partition),
    sentOffsets: BigInt64Array.from(sent, (s) => BigInt(s.offset)),
    unsentLines: Int32Array.from(unsentLines),
    failure: failure && { ...failure, lines: Int32Array.from(failure.lines) },
  };
  const transfer = [result.sentLines, result.sentPartitions, result.sentOffsets, result.unsentLines, result.failure?.lines];
  return { outcome: { kind: 'done', result }, transfer: transfer.filter((a) => a !== undefined).map((a) => a.buffer as ArrayBuffer) };
}

/** Records unpacked between two turns of the event loop (a few milliseconds' work). */
const unpackSlice = 10_000;

export async function unpackOutcome(outcome: PackedProduceOutcome): Promise<ProduceTextOutcome> {
  if (outcome.kind !== 'done') {
    return outcome;
  }
  const { sentLines, sentPartitions, sentOffsets, unsentLines, failure, ...rest } = outcome.result;
  const sent = new Array<ProduceResult['sent'][number]>(sentLines.length);
  for (let i = 0; i < sent.length; i++) {
    sent[i] = { line: sentLines[i], partition: sentPartitions[i], offset: sentOffsets[i].toString() };
    if (i % unpackSlice === unpackSlice - 1) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return {
    kind: 'done',
    result: { ...rest, sent, unsentLines: Array.from(unsentLines), failure: failure && { ...failure, lines: Array.from(failure.lines) } },
  };
}
