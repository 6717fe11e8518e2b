import * as vscode from 'vscode';
import type { ClusterConfig } from '../clusters/clusterConfig';
import type { TopicSummary } from '../kafka/admin';
import type { ExplorerNode } from './explorerNode';

export class TopicNode implements ExplorerNode {
  constructor(
    readonly cluster: ClusterConfig,
    readonly topic: TopicSummary,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.topic.name, vscode.TreeItemCollapsibleState.None);
    item.id = `cluster:${this.cluster.id}/topic:${this.topic.name}`;
    const partitions = `${this.topic.partitionCount} partition${this.topic.partitionCount === 1 ? '' : 's'}`;
    item.description = partitions;
    item.tooltip = `${this.topic.name}\n${partitions}`;
    item.iconPath = new vscode.ThemeIcon('symbol-event');
    item.contextValue = 'kafka.topic';
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
