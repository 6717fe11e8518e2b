import type { PanelState } from '../protocol';

/**
 * Decides when the panel hands the webview a new state to persist for a window reload: whenever a
 * choice (target, filter, follow) changes, and about once a second while messages move.
 */
export class ReloadState {
  private choices = '';
  private receivedAt = -1;
  private madeAt = 0;
  private state: PanelState | undefined;

  /** The last state handed out. */
  get last(): PanelState | undefined {
    return this.state;
  }

  /** A new state when one is due (the choices changed, or `received` moved a second ago), else undefined. */
  next(currentChoices: readonly unknown[], received: number, make: () => PanelState): PanelState | undefined {
    const choices = JSON.stringify(currentChoices);
    const now = Date.now();
    const moved = received !== this.receivedAt && now - this.madeAt >= 1000;
    if (choices === this.choices && !moved) {
      return undefined;
    }
    this.choices = choices;
    this.receivedAt = received;
    this.madeAt = now;
    this.state = make();
    return this.state;
  }
}
