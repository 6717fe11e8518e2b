import type * as vscode from 'vscode';
import type { ExplorerNode } from './explorerNode';
import { ErrorNode } from './errorNode';

/**
 * A node whose children come from the broker: loaded once, reused, and a second
 * expand while a load is in flight waits for the same load.
 */
export abstract class ParentNode implements ExplorerNode {
  private children: Promise<ExplorerNode[]> | undefined;

  abstract getTreeItem(): vscode.TreeItem;
  protected abstract loadChildren(): Promise<ExplorerNode[]>;

  getChildren(): Promise<ExplorerNode[]> {
    if (!this.children) {
      this.children = this.loadChildren().catch((error: unknown) => {
        this.children = undefined;
        return [ErrorNode.from(error)];
      });
    }
    return this.children;
  }

  invalidate(): void {
    this.children = undefined;
  }
}
