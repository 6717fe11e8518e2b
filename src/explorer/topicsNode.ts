import * as vscode from 'vscode';
import type { ClusterConfig } from '../clusters/clusterConfig';
import type { ClusterConnections } from '../clusters/connections';
import type { ExplorerNode } from './explorerNode';
import { ParentNode } from './parentNode';
import { TopicNode } from './topicNode';

export class TopicsNode extends ParentNode {
  constructor(
    readonly cluster: ClusterConfig,
    private readonly connections: ClusterConnections,
  ) {
    super();
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Topics', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `cluster:${this.cluster.id}/topics`;
    item.iconPath = new vscode.ThemeIcon('list-unordered');
    item.contextValue = 'kafka.topics';
    return item;
  }

  protected async loadChildren(): Promise<ExplorerNode[]> {
    const topics = await this.connections.admin(this.cluster).listTopics();
    return topics
      .filter((topic) => !topic.internal)
      .map((topic) => new TopicNode(this.cluster, topic));
  }
}
