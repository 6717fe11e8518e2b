import type { PortableConnectionSettings } from './connection';
import type { LogLevel } from './log';
import type { ProduceOptions, ProduceTextOutcome } from './produce';
import type { ParseOptions } from './records';

/** ProduceOptions without what cannot cross to another thread (those travel as messages). */
export type PortableProduceOptions = Omit<ProduceOptions, 'signal' | 'onProgress' | 'logger'>;

/** What a produce worker starts with (its workerData). */
export interface ProduceWorkerData {
  connection: PortableConnectionSettings;
  text: string;
  parse: ParseOptions;
  options: PortableProduceOptions;
}

export type ToProduceWorker = { type: 'cancel' };

export type FromProduceWorker =
  | { type: 'progress'; sent: number; total: number }
  | { type: 'log'; level: LogLevel; message: string }
  | { type: 'done'; outcome: ProduceTextOutcome }
  | { type: 'failed'; message: string };
