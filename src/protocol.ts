/**
 * The messages between the message panel (extension host, src/panel) and its webview
 * (browser, src/webview): one union each way, imported by both sides so the compiler checks both ends.
 * Offsets are decimal strings (64-bit); counts are numbers. The Kafka layer's types it speaks in
 * (tail targets and status, decoded values) are defined there and re-exported here for the webview.
 */
import type { DecodedValue, PreviewValue } from './kafka/decode/valueTypes';
import type { TailStatus, TailTarget } from './kafka/tail/tailTypes';

export type { DecodedValue, PreviewValue, ValueKind } from './kafka/decode/valueTypes';
export type { StartPosition, TailState, TailStatus, TailTarget } from './kafka/tail/tailTypes';

export interface FilterSpec {
  /** Case-insensitive text that the key or the value must contain. */
  text: string;
  /** Only messages of these partitions; undefined or empty means all. */
  partitions?: number[];
  /** A JSON field test, `path = value`, on the value; empty means none. */
  jsonField: string;
}

export interface MessageRow {
  /** The message's position in the panel's current view (stable until the view resets). */
  pos: number;
  partition: number;
  offset: string;
  /** Milliseconds since the epoch, as a decimal string. */
  timestamp: string;
  key: PreviewValue;
  value: PreviewValue;
  headerCount: number;
}

export interface MessageDetail {
  pos: number;
  partition: number;
  offset: string;
  timestamp: string;
  timestampType: 'CreateTime' | 'LogAppendTime' | 'unknown';
  key: DecodedValue;
  value: DecodedValue;
  headers: { name: string; value: DecodedValue }[];
}

export interface Counters {
  /** Messages received since the tail started (or last re-seek); counts everything, filtered or not. */
  received: number;
  /** Messages in the current view (kept and matching the filter). */
  shown: number;
  /** Messages kept in memory. */
  kept: number;
  /** Older messages dropped to stay within the cap. */
  dropped: number;
  /** Key and value bytes received. */
  bytes: number;
  /** Messages per second over the last second. */
  rate: number;
}

/** What the webview persists (vscode.setState) so the panel can come back after a window reload. */
export interface PanelState {
  clusterId: string;
  topic: string;
  target: TailTarget;
  filter: FilterSpec;
  follow: boolean;
  /** Where to continue after a reload: the first kept offset per partition (or the next one when none is kept). */
  resume?: Record<string, string>;
}

export interface PanelInit {
  clusterName: string;
  topic: string;
  /** The topic's partitions, for the partition choosers. */
  partitions: number[];
  target: TailTarget;
  filter: FilterSpec;
  follow: boolean;
  paused: boolean;
  maxMessages: number;
}

/** Extension → webview. */
export type ToWebview =
  | { type: 'init'; init: PanelInit }
  | {
      type: 'update';
      /** Changes whenever the view is rebuilt (filter, clear, re-seek): positions of an older generation are void. */
      generation: number;
      /** Position of the first message in the view; grows as old messages are dropped. */
      head: number;
      /** Position after the last message in the view. */
      tail: number;
      counters: Counters;
      status: TailStatus;
      /** New rows at the end, when the webview follows the tail. */
      rows?: MessageRow[];
      /** The topic's partitions, when they become known or change. */
      partitions?: number[];
      /** What to persist for a window reload, about once a second. */
      state?: PanelState;
      filterError?: string;
      /** Answer with `drawn` (this id) once the update is on screen. */
      drawnId?: number;
    }
  | { type: 'rows'; generation: number; rows: MessageRow[] }
  | { type: 'detail'; generation: number; pos: number; detail: MessageDetail | undefined }
  | { type: 'notice'; text: string };

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready' }
  /** The update with this `drawnId` is on screen. */
  | { type: 'drawn'; id: number }
  /** The rows the list shows (positions [from, to)); `follow` keeps it at the end. */
  | { type: 'viewport'; generation: number; from: number; to: number; follow: boolean }
  | { type: 'select'; generation: number; pos: number }
  | { type: 'seek'; target: TailTarget }
  | { type: 'pause'; paused: boolean }
  | { type: 'clear' }
  | { type: 'filter'; filter: FilterSpec }
  | { type: 'copy'; generation: number; pos: number }
  | { type: 'openValue'; generation: number; pos: number }
  | { type: 'export' };
