import * as vscode from 'vscode';
import type { ClusterConfig } from '../clusters/clusterConfig';
import { BrokersNode } from './brokersNode';
import type { ExplorerContext } from './explorerContext';
import type { ExplorerNode } from './explorerNode';
import { GroupsNode } from './groupsNode';
import { ParentNode } from './parentNode';
import { TopicsNode } from './topicsNode';

/** A saved cluster. Expanding it checks the connection; its three folders keep their state across refreshes. */
export class ClusterNode extends ParentNode {
  readonly brokers: BrokersNode;
  readonly topics: TopicsNode;
  readonly groups: GroupsNode;

  constructor(
    readonly cluster: ClusterConfig,
    private readonly context: ExplorerContext,
  ) {
    super();
    this.brokers = new BrokersNode(cluster, context);
    this.topics = new TopicsNode(cluster, context);
    this.groups = new GroupsNode(cluster, context);
  }

  get copyName(): string {
    return this.cluster.name;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.cluster.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `cluster:${this.cluster.id}`;
    item.description = this.cluster.bootstrapServers;
    item.tooltip = clusterTooltip(this.cluster);
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.contextValue = 'kafka.cluster';
    return item;
  }

  protected async loadChildren(): Promise<ExplorerNode[]> {
    // Connecting here puts an unreachable cluster's reason right under its name.
    const description = await this.context.connections.admin(this.cluster).describeCluster();
    this.brokers.update(description);
    return [this.brokers, this.topics, this.groups];
  }
}

function clusterTooltip(cluster: ClusterConfig): vscode.MarkdownString {
  const auth = cluster.auth && cluster.auth.mechanism !== 'none' ? `SASL ${cluster.auth.mechanism.toUpperCase()} as ${cluster.auth.username}` : 'none';
  const tls = cluster.tls?.enabled
    ? `on${cluster.tls.rejectUnauthorized === false ? ' (server certificate NOT verified)' : ''}${cluster.tls.caFile ? `, CA ${cluster.tls.caFile}` : ''}`
    : 'off';
  return new vscode.MarkdownString()
    .appendMarkdown(`**${escape(cluster.name)}**\n\n`)
    .appendMarkdown(`Bootstrap servers: \`${cluster.bootstrapServers}\`\n\n`)
    .appendMarkdown(`Authentication: ${escape(auth)}\n\n`)
    .appendMarkdown(`TLS: ${escape(tls)}`);
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
