import * as vscode from 'vscode';

const scheme = 'kafka-workbench';

export interface ReadOnlyDocument {
  /** The tab's title, a file name: `orders (local).txt`. */
  title: string;
  content: string;
  /** The editor's language when the title's extension would not pick it (default: the title's). */
  language?: string;
  /** Opens beside the active editor instead of in it. */
  beside?: boolean;
  /** A preview tab, which the next preview replaces. */
  preview?: boolean;
}

/**
 * Read-only text documents (Describe Topic, the reset preview, a message's full value, where produced
 * records went): content-provider documents cannot be edited and never ask to be saved. Each content
 * is kept while its document is open.
 */
export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[];
  private counter = 0;

  constructor() {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(scheme, this),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === scheme) {
          this.contents.delete(document.uri.toString());
        }
      }),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? 'This document is no longer available: run its command again.';
  }

  async show({ title, content, language, beside = false, preview = false }: ReadOnlyDocument): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme, path: `/${title.replace(/[\\/]/g, '_')}`, query: String(++this.counter) });
    this.contents.set(uri.toString(), content);
    let document = await vscode.workspace.openTextDocument(uri);
    if (language !== undefined && document.languageId !== language) {
      document = await vscode.languages.setTextDocumentLanguage(document, language);
    }
    await vscode.window.showTextDocument(document, { preview, viewColumn: beside ? vscode.ViewColumn.Beside : undefined });
    return document;
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.contents.clear();
  }
}
