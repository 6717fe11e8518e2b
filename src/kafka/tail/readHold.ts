/**
 * A pause in reading that ends on release() or after `maxMs`, whichever comes first. The panel holds
 * the tail while the webview draws what it was just sent: on a small machine the tail's thread and the
 * broker would take the cores the drawing needs.
 */
export class ReadHold {
  private holding: { until: Promise<void>; release(): void; timer: NodeJS.Timeout } | undefined;

  /** Resolves once reading may go on (at once when nothing holds it). */
  get until(): Promise<void> | undefined {
    return this.holding?.until;
  }

  hold(maxMs: number): void {
    if (this.holding) {
      return;
    }
    let release!: () => void;
    const until = new Promise<void>((resolve) => (release = resolve));
    this.holding = { until, release, timer: setTimeout(() => this.release(), maxMs) };
  }

  release(): void {
    const { holding } = this;
    if (holding) {
      this.holding = undefined;
      clearTimeout(holding.timer);
      holding.release();
    }
  }
}
