import * as vscode from 'vscode';
import type { ClusterConfig } from '../clusters/clusterConfig';
import type { ClusterConnections } from '../clusters/connections';
import type { ExplorerNode } from './explorerNode';
import { ParentNode } from './parentNode';
import { TopicsNode } from './topicsNode';

export class ClusterNode extends ParentNode {
  constructor(
    readonly cluster: ClusterConfig,
    private readonly connections: ClusterConnections,
  ) {
    super();
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.cluster.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `cluster:${this.cluster.id}`;
    item.description = this.cluster.bootstrapServers;
    item.tooltip = `${this.cluster.name}\n${this.cluster.bootstrapServers}`;
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.contextValue = 'kafka.cluster';
    return item;
  }

  protected async loadChildren(): Promise<ExplorerNode[]> {
    return [new TopicsNode(this.cluster, this.connections)];
  }
}
