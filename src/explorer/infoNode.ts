import * as vscode from 'vscode';
import type { ExplorerNode } from './explorerNode';

/** A leaf that only says something ("No consumer groups", "Creating…"). */
export class InfoNode implements ExplorerNode {
  constructor(
    private readonly label: string,
    private readonly options: { description?: string; icon?: string; tooltip?: string; id?: string; contextValue?: string } = {},
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.options.id;
    item.description = this.options.description;
    item.tooltip = this.options.tooltip;
    item.contextValue = this.options.contextValue ?? 'kafka.info';
    if (this.options.icon) {
      item.iconPath = new vscode.ThemeIcon(this.options.icon);
    }
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
