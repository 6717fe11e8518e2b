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

/**
 * Times a panel's updates: `flush` runs at the pace above after each `schedule()`, and the rate of
 * received messages is counted once a second (a change of rate is news for the webview too).
 */
export class UpdatePacer {
  private flushTimer: NodeJS.Timeout | undefined;
  private rateTimer: NodeJS.Timeout | undefined;
  private lastFlush = 0;
  private receivedAtFlush = 0;
  private rateBase = 0;
  /** Messages received over the last whole second. */
  rate = 0;

  constructor(
    private readonly received: () => number,
    private readonly flush: () => void,
  ) {
    this.rateTimer = setInterval(() => this.tickRate(), 1000);
  }

  /** Timers held; 0 once disposed. */
  get timers(): number {
    return (this.flushTimer ? 1 : 0) + (this.rateTimer ? 1 : 0);
  }

  schedule(): void {
    if (this.flushTimer || !this.rateTimer) {
      return;
    }
    const now = Date.now();
    const interval = flushInterval({
      ratePerSecond: this.rate,
      sinceLastFlush: this.received() - this.receivedAtFlush,
      msSinceLastFlush: this.lastFlush === 0 ? 0 : now - this.lastFlush,
    });
    const wait = Math.max(0, this.lastFlush + interval - now);
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, wait);
  }

  /** An update is being sent now. */
  flushing(): void {
    this.lastFlush = Date.now();
    this.receivedAtFlush = this.received();
  }

  /** The count of received messages started again from 0 (a re-seek). */
  restartCount(): void {
    this.rateBase = 0;
    this.receivedAtFlush = 0;
  }

  dispose(): void {
    clearTimeout(this.flushTimer);
    clearInterval(this.rateTimer);
    this.flushTimer = undefined;
    this.rateTimer = undefined;
  }

  private tickRate(): void {
    const received = this.received();
    const rate = Math.max(0, received - this.rateBase);
    this.rateBase = received;
    if (rate !== this.rate) {
      this.rate = rate;
      this.schedule();
    }
  }
}
