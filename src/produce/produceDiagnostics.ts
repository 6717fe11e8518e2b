import * as vscode from 'vscode';
import type { InputProblem } from '../kafka/produce/records';

/** Invalid input lines as entries in the Problems panel, squiggles in the editor. */
export class ProduceDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kafka-produce');
  private readonly closed = vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri));

  show(document: vscode.TextDocument, problems: readonly InputProblem[]): vscode.Diagnostic[] {
    const diagnostics = problems.map((problem) => {
      const start = new vscode.Position(problem.line - 1, problem.column - 1);
      const range = document.validateRange(new vscode.Range(start, start.translate(0, problem.length)));
      const diagnostic = new vscode.Diagnostic(range, problem.message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'Kafka produce';
      return diagnostic;
    });
    this.collection.set(document.uri, diagnostics);
    return diagnostics;
  }

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  dispose(): void {
    this.closed.dispose();
    this.collection.dispose();
  }
}
