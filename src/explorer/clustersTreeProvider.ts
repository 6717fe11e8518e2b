import * as vscode from 'vscode';
import type { ClusterStore } from '../clusters/clusterStore';
import type { ClusterConnections } from '../clusters/connections';
import { ClusterNode } from './clusterNode';
import type { ExplorerContext, ExplorerSettings } from './explorerContext';
import type { ExplorerNode } from './explorerNode';

export const clustersViewId = 'kafka.clusters';

/** The "Clusters" tree: saved clusters at the root, everything else loaded from the brokers. */
export class ClustersTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changedEmitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changedEmitter.event;
  private roots: ClusterNode[] | undefined;
  private readonly context: ExplorerContext;

  constructor(
    private readonly store: ClusterStore,
    private readonly connections: ClusterConnections,
  ) {
    this.context = {
      connections,
      settings: readSettings,
      changed: (node) => this.changedEmitter.fire(node),
    };
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const item = node.getTreeItem();
    // Without this a screen reader reads a string tooltip instead of what the row shows.
    item.accessibilityInformation ??= { label: [labelText(item.label), item.description].filter(Boolean).join(', ') };
    return item;
  }

  getChildren(node?: ExplorerNode): Thenable<ExplorerNode[]> {
    if (!node) {
      return Promise.resolve(this.clusterNodes());
    }
    return vscode.window.withProgress({ location: { viewId: clustersViewId } }, () => node.getChildren());
  }

  settings(): ExplorerSettings {
    return readSettings();
  }

  clusterNodes(): ClusterNode[] {
    this.roots ??= this.store.list().map((cluster) => new ClusterNode(cluster, this.context));
    return this.roots;
  }

  clusterNode(clusterId: string): ClusterNode | undefined {
    return this.clusterNodes().find((node) => node.cluster.id === clusterId);
  }

  /** Reloads `node`'s children from the broker, or the whole tree (and every connection) when no node is given. */
  refresh(node?: ExplorerNode): void {
    if (node) {
      node.invalidate?.();
      this.changedEmitter.fire(node);
      return;
    }
    this.roots = undefined;
    this.connections.reset();
    this.changedEmitter.fire(undefined);
  }

  /** Reloads everything that is loaded, keeping connections, filters, pages and expanded nodes (auto-refresh). */
  reloadLoaded(): void {
    for (const root of this.roots ?? []) {
      root.invalidate();
    }
    this.changedEmitter.fire(undefined);
  }

  /** Redraws after a change of the explorer settings (internal topics, page size) without reloading. */
  redraw(): void {
    this.changedEmitter.fire(undefined);
  }

  dispose(): void {
    this.changedEmitter.dispose();
  }
}

function labelText(label: string | vscode.TreeItemLabel | undefined): string {
  return typeof label === 'string' ? label : (label?.label ?? '');
}

function readSettings(): ExplorerSettings {
  const settings = vscode.workspace.getConfiguration('kafka.explorer');
  return {
    showInternalTopics: settings.get<boolean>('showInternalTopics', false),
    pageSize: settings.get<number>('pageSize', 500),
  };
}
