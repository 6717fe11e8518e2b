import * as vscode from 'vscode';

/**
 * Every question the commands ask goes through this seam, so extension-host tests can answer
 * them (through the API object `activate()` returns) while everything else stays real.
 */
export interface Prompts {
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T[] | undefined>;
  /** A modal warning; true only when the user chose `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  openFile(options: vscode.OpenDialogOptions): Promise<string | undefined>;
  info(message: string): void;
  warn(message: string): void;
  /** A failed command's message (what failed and what to do). */
  error(message: string): void;
}

export const vscodePrompts: Prompts = {
  async input(options) {
    return vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  },
  async pick(items, options) {
    return vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options, canPickMany: false });
  },
  async pickMany(items, options) {
    return vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options, canPickMany: true });
  },
  async confirm(message, detail, action) {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  },
  async openFile(options) {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, ...options });
    return picked?.[0]?.fsPath;
  },
  info(message) {
    void vscode.window.showInformationMessage(message);
  },
  warn(message) {
    void vscode.window.showWarningMessage(message);
  },
  error(message) {
    void vscode.window.showErrorMessage(message);
  },
};

/** The prompts in use: VS Code's, unless a test has put its own in place. */
export class SwappablePrompts implements Prompts {
  private current: Prompts = vscodePrompts;

  use(prompts: Prompts | undefined): void {
    this.current = prompts ?? vscodePrompts;
  }

  input(options: vscode.InputBoxOptions) {
    return this.current.input(options);
  }
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions) {
    return this.current.pick(items, options);
  }
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions) {
    return this.current.pickMany(items, options);
  }
  confirm(message: string, detail: string, action: string) {
    return this.current.confirm(message, detail, action);
  }
  openFile(options: vscode.OpenDialogOptions) {
    return this.current.openFile(options);
  }
  info(message: string) {
    this.current.info(message);
  }
  warn(message: string) {
    this.current.warn(message);
  }
  error(message: string) {
    this.current.error(message);
  }
}
