import * as vscode from 'vscode';

/** Reloads the tree every `kafka.explorer.autoRefreshSeconds` seconds, but only while the view is visible. */
export class AutoRefresh implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly view: vscode.TreeView<unknown>,
    private readonly reload: () => void,
  ) {
    this.subscriptions = [
      view.onDidChangeVisibility(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('kafka.explorer.autoRefreshSeconds')) {
          this.update();
        }
      }),
    ];
    this.update();
  }

  /** Whether the timer runs now (for tests). */
  get running(): boolean {
    return this.timer !== undefined;
  }

  private update(): void {
    const seconds = vscode.workspace.getConfiguration('kafka.explorer').get<number>('autoRefreshSeconds', 0);
    this.stop();
    if (seconds > 0 && this.view.visible) {
      this.timer = setInterval(this.reload, Math.max(5, seconds) * 1000);
    }
  }

  private stop(): void {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  dispose(): void {
    this.stop();
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }
}
