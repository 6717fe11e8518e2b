import * as vscode from 'vscode';
import type { ClusterStore } from '../clusters/clusterStore';
import type { ClusterConnections } from '../clusters/connections';
import { ClusterNode } from './clusterNode';
import type { ExplorerNode } from './explorerNode';

export const clustersViewId = 'kafka.clusters';

/** The "Clusters" tree: saved clusters at the root, everything else loaded from the brokers. */
export class ClustersTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ClusterNode[] | undefined;

  constructor(
    private readonly store: ClusterStore,
    private readonly connections: ClusterConnections,
  ) {}

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getChildren(node?: ExplorerNode): Thenable<ExplorerNode[]> {
    if (!node) {
      this.roots ??= this.store.list().map((cluster) => new ClusterNode(cluster, this.connections));
      return Promise.resolve(this.roots);
    }
    return vscode.window.withProgress({ location: { viewId: clustersViewId } }, () => node.getChildren());
  }

  /** Reloads `node`'s children, or the whole tree (and every connection) when no node is given. */
  refresh(node?: ExplorerNode): void {
    if (node) {
      node.invalidate?.();
      this.changed.fire(node);
      return;
    }
    this.roots = undefined;
    this.connections.reset();
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
