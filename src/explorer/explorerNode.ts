import type * as vscode from 'vscode';

/** One kind of thing in the Kafka tree; each kind is its own class. */
export interface ExplorerNode {
  getTreeItem(): vscode.TreeItem;
  getChildren(): Promise<ExplorerNode[]>;
  /** Forgets cached children (and theirs) so the next expand asks the broker again. */
  invalidate?(): void;
  /** What "Copy Name" copies; nodes without a name have none. */
  readonly copyName?: string;
}
