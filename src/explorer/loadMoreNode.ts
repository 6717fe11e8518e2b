import * as vscode from 'vscode';
import type { ExplorerNode } from './explorerNode';

/** The last child of a long list; clicking it shows the next page. */
export class LoadMoreNode implements ExplorerNode {
  constructor(
    readonly owner: ExplorerNode & { loadMore(): void },
    private readonly shown: number,
    private readonly total: number,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.description = `${this.shown.toLocaleString('en-US')} of ${this.total.toLocaleString('en-US')} shown`;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'kafka.loadMore';
    item.command = { command: 'kafka.explorer.loadMore', title: 'Load more…', arguments: [this] };
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
