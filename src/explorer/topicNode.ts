import * as vscode from 'vscode';
import type { ClusterConfig } from '../clusters/clusterConfig';
import type { ConfigEntry, PartitionDetails, TopicSummary } from '../kafka/admin/topics';
import type { ExplorerContext } from './explorerContext';
import type { ExplorerNode } from './explorerNode';
import { brokerList, formatCount, plural } from './format';
import { InfoNode } from './infoNode';
import { ParentNode } from './parentNode';

export class TopicNode implements ExplorerNode {
  readonly partitions: PartitionsNode;
  readonly configs: ConfigsNode;

  constructor(
    readonly cluster: ClusterConfig,
    public topic: TopicSummary,
    context: ExplorerContext,
  ) {
    this.partitions = new PartitionsNode(cluster, topic.name, context);
    this.configs = new ConfigsNode(cluster, topic.name, context);
  }

  get copyName(): string {
    return this.topic.name;
  }

  update(topic: TopicSummary): void {
    this.topic = topic;
  }

  getTreeItem(): vscode.TreeItem {
    const { name, partitionCount, replicationFactor, internal } = this.topic;
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `cluster:${this.cluster.id}/topic:${name}`;
    item.description = `${plural(partitionCount, 'partition')} · RF ${replicationFactor}`;
    item.tooltip = [
      name,
      `Partitions: ${partitionCount}`,
      `Replication factor: ${replicationFactor}`,
      internal ? 'Internal topic' : undefined,
    ]
      .filter(Boolean)
      .join('\n');
    item.iconPath = new vscode.ThemeIcon(internal ? 'lock' : 'symbol-event');
    item.contextValue = internal ? 'kafka.topic.internal' : 'kafka.topic';
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [this.partitions, this.configs];
  }

  invalidate(): void {
    this.partitions.invalidate();
    this.configs.invalidate();
  }
}

export class PartitionsNode extends ParentNode {
  constructor(
    readonly cluster: ClusterConfig,
    readonly topicName: string,
    private readonly context: ExplorerContext,
  ) {
    super();
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Partitions', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `cluster:${this.cluster.id}/topic:${this.topicName}/partitions`;
    item.iconPath = new vscode.ThemeIcon('layers');
    item.contextValue = 'kafka.partitions';
    return item;
  }

  protected async loadChildren(): Promise<ExplorerNode[]> {
    const partitions = await this.context.connections.admin(this.cluster).describePartitions(this.topicName);
    return partitions.map((partition) => new PartitionNode(this.cluster, this.topicName, partition));
  }
}

export class PartitionNode implements ExplorerNode {
  constructor(
    readonly cluster: ClusterConfig,
    readonly topicName: string,
    readonly partition: PartitionDetails,
  ) {}

  get copyName(): string {
    return `${this.topicName}-${this.partition.partition}`;
  }

  getTreeItem(): vscode.TreeItem {
    const p = this.partition;
    const item = new vscode.TreeItem(`Partition ${p.partition}`, vscode.TreeItemCollapsibleState.None);
    item.id = `cluster:${this.cluster.id}/topic:${this.topicName}/partition:${p.partition}`;
    item.description = `leader ${p.leader} · replicas ${brokerList(p.replicas)} · ISR ${brokerList(p.isr)} · offsets ${formatCount(p.low)}–${formatCount(p.high)} · ${formatCount(p.messages)} msgs`;
    item.tooltip = [
      `${this.topicName} partition ${p.partition}`,
      `Leader: ${p.leader}`,
      `Replicas: ${brokerList(p.replicas)}`,
      `In-sync replicas: ${brokerList(p.isr)}`,
      p.offlineReplicas.length > 0 ? `Offline replicas: ${brokerList(p.offlineReplicas)}` : undefined,
      p.underReplicated ? 'UNDER-REPLICATED: fewer in-sync replicas than replicas' : undefined,
      `Low watermark: ${formatCount(p.low)}`,
      `High watermark: ${formatCount(p.high)}`,
      `Messages: ${formatCount(p.messages)}`,
    ]
      .filter(Boolean)
      .join('\n');
    item.iconPath = p.underReplicated
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon('symbol-number');
    item.contextValue = p.underReplicated ? 'kafka.partition.underReplicated' : 'kafka.partition';
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}

export class ConfigsNode extends ParentNode {
  constructor(
    readonly cluster: ClusterConfig,
    readonly topicName: string,
    private readonly context: ExplorerContext,
  ) {
    super();
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Configs', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `cluster:${this.cluster.id}/topic:${this.topicName}/configs`;
    item.iconPath = new vscode.ThemeIcon('settings-gear');
    item.contextValue = 'kafka.configs';
    return item;
  }

  protected async loadChildren(): Promise<ExplorerNode[]> {
    const configs = await this.context.connections.admin(this.cluster).topicConfigs(this.topicName);
    if (configs.length === 0) {
      return [new InfoNode('No configs reported', { icon: 'info' })];
    }
    // Overrides first: they are what makes this topic different.
    const ordered = [...configs.filter((entry) => !entry.isDefault), ...configs.filter((entry) => entry.isDefault)];
    return ordered.map((entry) => new ConfigNode(this.cluster, this.topicName, entry));
  }
}

export class ConfigNode implements ExplorerNode {
  constructor(
    readonly cluster: ClusterConfig,
    readonly topicName: string,
    readonly entry: ConfigEntry,
  ) {}

  get copyName(): string {
    return this.entry.name;
  }

  getTreeItem(): vscode.TreeItem {
    const { name, value, source, isDefault, sensitive, readOnly } = this.entry;
    const shown = sensitive ? '(sensitive)' : (value ?? '(null)');
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
    item.id = `cluster:${this.cluster.id}/topic:${this.topicName}/config:${name}`;
    item.description = isDefault ? shown : `${shown} · ${source}`;
    item.tooltip = [
      `${name} = ${shown}`,
      `Source: ${source}${isDefault ? ' (default)' : ' (non-default)'}`,
      readOnly ? 'Read-only' : undefined,
      sensitive ? 'Sensitive' : undefined,
    ]
      .filter(Boolean)
      .join('\n');
    item.iconPath = isDefault ? new vscode.ThemeIcon('circle-outline') : new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor('charts.blue'));
    item.contextValue = readOnly ? 'kafka.topicConfig.readOnly' : 'kafka.topicConfig';
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
