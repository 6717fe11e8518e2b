import * as vscode from 'vscode';
import { fullValueText } from '../kafka/decode/valueDecoding';
import type { TailMessage } from '../kafka/tail/tailMessage';

export const fullValueScheme = 'kafka-message';

/**
 * "Open Full Value": a message value as a read-only editor document (content-provider documents
 * cannot be edited), formatted JSON where it is JSON. Texts are kept only while their document is open.
 */
export class FullValueDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[];
  private nextId = 1;

  constructor() {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(fullValueScheme, this),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === fullValueScheme) {
          this.texts.delete(document.uri.toString());
        }
      }),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This value is no longer available: open it again from the message panel.';
  }

  async open(topic: string, message: TailMessage): Promise<vscode.TextEditor> {
    const { text, language } = fullValueText(message.value);
    const extension = language === 'json' ? 'json' : 'txt';
    const name = `${topic}-p${message.partition}-o${message.offset}.${extension}`;
    const uri = vscode.Uri.from({ scheme: fullValueScheme, path: `/${name}`, query: `v${this.nextId++}` });
    this.texts.set(uri.toString(), text);
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== language) {
      await vscode.languages.setTextDocumentLanguage(document, language);
    }
    return vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.texts.clear();
  }
}
