import * as vscode from 'vscode';
import type { ExplorerNode } from './explorerNode';

/** Shows why a load failed, in place of the children it could not load; "Retry" reloads `parent`. */
export class ErrorNode implements ExplorerNode {
  constructor(
    readonly message: string,
    readonly parent?: ExplorerNode,
  ) {}

  static from(error: unknown, parent?: ExplorerNode): ErrorNode {
    return new ErrorNode(error instanceof Error ? error.message : String(error), parent);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.tooltip = new vscode.MarkdownString().appendText(this.message).appendMarkdown('\n\n*Retry* reloads this part of the tree.');
    item.contextValue = 'kafka.error';
    if (this.parent) {
      item.command = { command: 'kafka.explorer.retry', title: 'Retry', arguments: [this] };
    }
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
