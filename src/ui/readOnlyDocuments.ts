import * as vscode from 'vscode';

const scheme = 'kafka-workbench';

/** Read-only text documents (Describe Topic, the reset preview): no "save?" prompt, no edits. */
export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly registration: vscode.Disposable;
  private counter = 0;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(scheme, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens `content` in an editor tab titled `title`. */
  async show(title: string, content: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme, path: `/${title.replace(/[\\/]/g, '_')}`, query: String(++this.counter) });
    this.contents.set(uri.toString(), content);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  }

  dispose(): void {
    this.registration.dispose();
    this.contents.clear();
  }
}
