import type { TailStatus, TailTarget } from './tailTypes';
import type { PortableConnectionSettings } from '../connect/connection';
import type { LogLevel } from '../connect/log';
import type { PackedRecords } from './packedRecords';

/** What a tail worker starts with (its workerData). */
export interface TailWorkerData {
  connection: PortableConnectionSettings;
  topic: string;
  target: TailTarget;
  groupId: string;
}

/** `recycle`: buffers of packed records the extension dropped, handed back to pack later records into. */
export type ToTailWorker =
  | { type: 'seek'; id: number; target: TailTarget }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'hold'; maxMs: number }
  | { type: 'release' }
  | { type: 'stop' }
  | { type: 'recycle'; buffers: ArrayBuffer[] };

/** `next` is the next offset per tailed partition after the event. */
export type FromTailWorker =
  | { type: 'records'; packed: PackedRecords; next: Record<string, string> }
  | { type: 'status'; status: TailStatus }
  | { type: 'reset'; next: Record<string, string> }
  | { type: 'started'; partitions: number[]; next: Record<string, string> }
  | { type: 'startFailed'; message: string }
  | { type: 'seeked'; id: number; error?: string }
  | { type: 'log'; level: LogLevel; message: string }
  | { type: 'stopped' };
