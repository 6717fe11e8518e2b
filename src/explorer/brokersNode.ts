import * as vscode from 'vscode';
import type { ClusterConfig } from '../clusters/clusterConfig';
import type { BrokerInfo, ClusterDescription } from '../kafka/admin/brokers';
import type { ExplorerContext } from './explorerContext';
import type { ExplorerNode } from './explorerNode';
import { ParentNode } from './parentNode';

export class BrokersNode extends ParentNode {
  private description: ClusterDescription | undefined;

  constructor(
    readonly cluster: ClusterConfig,
    private readonly context: ExplorerContext,
  ) {
    super();
  }

  /** The cluster node's connection check already described the cluster: reuse it for the first expand. */
  update(description: ClusterDescription): void {
    this.description = description;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Brokers', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `cluster:${this.cluster.id}/brokers`;
    item.description = this.description ? String(this.description.brokers.length) : undefined;
    item.tooltip = this.description ? `Cluster id ${this.description.clusterId}` : undefined;
    item.iconPath = new vscode.ThemeIcon('server');
    item.contextValue = 'kafka.brokers';
    return item;
  }

  protected async loadChildren(): Promise<ExplorerNode[]> {
    const description = this.description ?? (await this.context.connections.admin(this.cluster).describeCluster());
    this.description = undefined;
    return description.brokers.map((broker) => new BrokerNode(this.cluster, broker));
  }
}

export class BrokerNode implements ExplorerNode {
  constructor(
    readonly cluster: ClusterConfig,
    readonly broker: BrokerInfo,
  ) {}

  get copyName(): string {
    return `${this.broker.host}:${this.broker.port}`;
  }

  getTreeItem(): vscode.TreeItem {
    const { id, host, port, rack, controller } = this.broker;
    const item = new vscode.TreeItem(`Broker ${id}`, vscode.TreeItemCollapsibleState.None);
    item.id = `cluster:${this.cluster.id}/broker:${id}`;
    item.description = [`${host}:${port}`, rack ? `rack ${rack}` : undefined, controller ? 'controller' : undefined]
      .filter(Boolean)
      .join(' · ');
    item.tooltip = [`Broker ${id}`, `Address: ${host}:${port}`, `Rack: ${rack ?? '(none)'}`, controller ? 'Controller' : undefined]
      .filter(Boolean)
      .join('\n');
    item.iconPath = new vscode.ThemeIcon(controller ? 'star-full' : 'server');
    item.contextValue = controller ? 'kafka.broker.controller' : 'kafka.broker';
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
