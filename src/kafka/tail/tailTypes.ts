/** Where a tail starts reading, per partition. */
export type StartPosition =
  | { kind: 'beginning' }
  /** New messages only. */
  | { kind: 'end' }
  /** The last `count` messages of each partition. */
  | { kind: 'last'; count: number }
  /** A given offset per partition (partition number → offset); partitions not listed start at the end. */
  | { kind: 'offsets'; offsets: Record<string, string> }
  /** The first message at or after a time (milliseconds since the epoch), found with offsets-for-times. */
  | { kind: 'timestamp'; timestamp: number };

export interface TailTarget {
  start: StartPosition;
  /** Only these partitions; undefined means all. */
  partitions?: number[];
}

export type TailState = 'connecting' | 'running' | 'paused' | 'reconnecting' | 'stopped' | 'error';

export interface TailStatus {
  state: TailState;
  /** What the user should know, e.g. why the tail stopped. */
  message?: string;
}
