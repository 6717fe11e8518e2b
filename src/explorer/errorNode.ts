import * as vscode from 'vscode';
import type { ExplorerNode } from './explorerNode';

/** Shows why a load failed, in place of the children it could not load. */
export class ErrorNode implements ExplorerNode {
  constructor(private readonly message: string) {}

  static from(error: unknown): ErrorNode {
    return new ErrorNode(error instanceof Error ? error.message : String(error));
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.tooltip = this.message;
    item.contextValue = 'kafka.error';
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
