import type * as vscode from 'vscode';
import type { ExplorerNode } from './explorerNode';
import { ErrorNode } from './errorNode';

/**
 * A node whose children come from the broker: loaded once, reused, and a second
 * expand while a load is in flight waits for the same load. A failed load becomes
 * an error node with a Retry action instead of an exception.
 */
export abstract class ParentNode implements ExplorerNode {
  private children: Promise<ExplorerNode[]> | undefined;
  private loaded: ExplorerNode[] = [];

  abstract getTreeItem(): vscode.TreeItem;
  protected abstract loadChildren(): Promise<ExplorerNode[]>;

  getChildren(): Promise<ExplorerNode[]> {
    if (!this.children) {
      const load = this.loadChildren().then(
        (children) => {
          this.loaded = children;
          return children;
        },
        (error: unknown) => {
          if (this.children === load) {
            this.children = undefined;
          }
          return [ErrorNode.from(error, this)];
        },
      );
      this.children = load;
    }
    return this.children;
  }

  /** Forgets this node's children and, below it, every child's children. */
  invalidate(): void {
    this.forgetChildren();
    for (const child of this.loaded) {
      child.invalidate?.();
    }
  }

  /** Builds this node's children again on the next expand; the children keep their own caches. */
  protected forgetChildren(): void {
    this.children = undefined;
  }
}
