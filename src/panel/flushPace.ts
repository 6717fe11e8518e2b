/**
 * How often the message panel updates its webview. At most ~30 updates a second; a stream no one can
 * read gets ~10, and a firehose ~4: every update costs the browser a layout and a paint, CPU the tail
 * needs on a small machine.
 */
const flushIntervalMs = 33;
const busyFlushIntervalMs = 100;
const busyRate = 2000;
const firehoseFlushIntervalMs = 250;
const firehoseRate = 50_000;

export interface FlushPaceInput {
  /** Messages counted in the last whole second. */
  ratePerSecond: number;
  /** Messages received since the last update, and the milliseconds since it. */
  sinceLastFlush: number;
  msSinceLastFlush: number;
}

/**
 * Milliseconds between updates. The pace is the faster of the last second's rate and the rate since
 * the last update, so a firehose slows the updates from its first fetches on, not a second later.
 */
export function flushInterval({ ratePerSecond, sinceLastFlush, msSinceLastFlush }: FlushPaceInput): number {
  const recent = msSinceLastFlush > 0 ? (sinceLastFlush * 1000) / msSinceLastFlush : 0;
  const pace = Math.max(ratePerSecond, recent);
  return pace > firehoseRate ? firehoseFlushIntervalMs : pace > busyRate ? busyFlushIntervalMs : flushIntervalMs;
}
