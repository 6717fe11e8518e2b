import * as vscode from 'vscode';

/** Registers a command whose failures are shown to the user and written to the log. */
export function registerCommand(
  id: string,
  log: vscode.LogOutputChannel,
  handler: (...args: any[]) => unknown,
  showError: (message: string) => void = (message) => void vscode.window.showErrorMessage(message),
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`${id} failed: ${error instanceof Error && error.stack ? error.stack : message}`);
      showError(message);
      return undefined;
    }
  });
}
