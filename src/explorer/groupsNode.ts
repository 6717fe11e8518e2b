import * as vscode from 'vscode';
import type { ClusterConfig } from '../clusters/clusterConfig';
import type { GroupDetails, GroupMember, GroupPartitionOffset, GroupSummary } from '../kafka/admin/groups';
import type { ExplorerContext } from './explorerContext';
import type { ExplorerNode } from './explorerNode';
import { formatCount, plural } from './format';
import { InfoNode } from './infoNode';
import { Paging } from './paging';
import { ParentNode } from './parentNode';

export class GroupsNode extends ParentNode {
  private readonly nodes = new Map<string, GroupNode>();
  private readonly paging: Paging;
  private groups: GroupSummary[] = [];
  private listValid = false;

  constructor(
    readonly cluster: ClusterConfig,
    private readonly context: ExplorerContext,
  ) {
    super();
    this.paging = new Paging(() => context.settings().pageSize);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Consumer Groups', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `cluster:${this.cluster.id}/groups`;
    item.iconPath = new vscode.ThemeIcon('organization');
    item.contextValue = 'kafka.groups';
    return item;
  }

  /** The group ids of the last load, for pickers. */
  async groupIds(): Promise<string[]> {
    await this.getChildren();
    return this.groups.map((group) => group.id);
  }

  loadMore(): void {
    this.paging.more();
    this.forgetChildren();
    this.context.changed(this);
  }

  protected async loadChildren(): Promise<ExplorerNode[]> {
    if (!this.listValid) {
      this.groups = await this.context.connections.admin(this.cluster).listGroups();
      this.listValid = true;
    }
    const ids = new Set(this.groups.map((group) => group.id));
    for (const id of this.nodes.keys()) {
      if (!ids.has(id)) {
        this.nodes.delete(id);
      }
    }
    if (this.groups.length === 0) {
      return [new InfoNode('No consumer groups', { icon: 'info' })];
    }
    return this.paging.page(this.groups, (group) => this.nodeFor(group), this);
  }

  override invalidate(): void {
    this.listValid = false;
    super.invalidate();
  }

  private nodeFor(group: GroupSummary): GroupNode {
    let node = this.nodes.get(group.id);
    if (node) {
      node.update(group);
    } else {
      node = new GroupNode(this.cluster, group, this.context);
      this.nodes.set(group.id, node);
    }
    return node;
  }
}

export class GroupNode extends ParentNode {
  constructor(
    readonly cluster: ClusterConfig,
    public group: GroupSummary,
    private readonly context: ExplorerContext,
  ) {
    super();
  }

  get copyName(): string {
    return this.group.id;
  }

  update(group: GroupSummary): void {
    this.group = group;
  }

  getTreeItem(): vscode.TreeItem {
    const { id, state, memberCount, totalLag, protocolType } = this.group;
    const lag = totalLag === undefined ? 'lag ?' : `lag ${formatCount(totalLag)}`;
    const item = new vscode.TreeItem(id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `cluster:${this.cluster.id}/group:${id}`;
    item.description = `${state} · ${plural(memberCount, 'member')} · ${lag}`;
    item.tooltip = [
      id,
      `State: ${state}`,
      `Protocol type: ${protocolType || '(none)'}`,
      `Members: ${memberCount}`,
      `Total lag: ${totalLag === undefined ? 'unknown' : formatCount(totalLag)}`,
    ].join('\n');
    item.iconPath = new vscode.ThemeIcon(memberCount > 0 ? 'pass-filled' : 'circle-large-outline');
    item.contextValue = memberCount > 0 ? 'kafka.group.active' : 'kafka.group';
    return item;
  }

  protected async loadChildren(): Promise<ExplorerNode[]> {
    const details = await this.context.connections.admin(this.cluster).describeGroup(this.group.id);
    this.group = {
      ...this.group,
      state: details.state,
      memberCount: details.members.length,
      totalLag: details.totalLag,
    };
    const children: ExplorerNode[] = details.members.map((member) => new MemberNode(this.cluster, this.group.id, member));
    children.push(...groupTopics(details).map(([topic, offsets]) => new GroupTopicNode(this.cluster, this.group.id, topic, offsets)));
    if (children.length === 0) {
      return [new InfoNode('No members and no committed offsets', { icon: 'info' })];
    }
    return children;
  }
}

function groupTopics(details: GroupDetails): [string, GroupPartitionOffset[]][] {
  const byTopic = new Map<string, GroupPartitionOffset[]>();
  for (const offset of details.offsets) {
    const list = byTopic.get(offset.topic) ?? [];
    list.push(offset);
    byTopic.set(offset.topic, list);
  }
  return [...byTopic];
}

export class MemberNode implements ExplorerNode {
  constructor(
    readonly cluster: ClusterConfig,
    readonly groupId: string,
    readonly member: GroupMember,
  ) {}

  get copyName(): string {
    return this.member.clientId;
  }

  getTreeItem(): vscode.TreeItem {
    const { clientId, host, memberId, assignments } = this.member;
    const assigned = assignments.map(({ topic, partitions }) => `${topic} [${partitions.join(',')}]`);
    const item = new vscode.TreeItem(clientId, vscode.TreeItemCollapsibleState.None);
    item.id = `cluster:${this.cluster.id}/group:${this.groupId}/member:${memberId}`;
    item.description = [host, ...assigned].join(' · ');
    item.tooltip = [`Client id: ${clientId}`, `Host: ${host}`, `Member id: ${memberId}`, 'Assigned partitions:', ...(assigned.length > 0 ? assigned : ['(none)'])]
      .map((line, index) => (index > 3 ? `  ${line}` : line))
      .join('\n');
    item.iconPath = new vscode.ThemeIcon('person');
    item.contextValue = 'kafka.groupMember';
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}

export class GroupTopicNode implements ExplorerNode {
  constructor(
    readonly cluster: ClusterConfig,
    readonly groupId: string,
    readonly topic: string,
    readonly offsets: GroupPartitionOffset[],
  ) {}

  get copyName(): string {
    return this.topic;
  }

  private lag(): bigint {
    return this.offsets.reduce((sum, offset) => sum + (offset.lag === undefined ? 0n : BigInt(offset.lag)), 0n);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.topic, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `cluster:${this.cluster.id}/group:${this.groupId}/topic:${this.topic}`;
    item.description = `lag ${formatCount(this.lag())}`;
    item.tooltip = `Offsets of group ${this.groupId} on ${this.topic}\n${plural(this.offsets.length, 'partition')}, total lag ${formatCount(this.lag())}`;
    item.iconPath = new vscode.ThemeIcon('symbol-event');
    item.contextValue = 'kafka.groupTopic';
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return this.offsets.map((offset) => new GroupPartitionNode(this.cluster, this.groupId, offset));
  }
}

export class GroupPartitionNode implements ExplorerNode {
  constructor(
    readonly cluster: ClusterConfig,
    readonly groupId: string,
    readonly offset: GroupPartitionOffset,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const { topic, partition, committed, end, lag } = this.offset;
    const show = (value: string | undefined) => (value === undefined ? '-' : formatCount(value));
    const item = new vscode.TreeItem(`Partition ${partition}`, vscode.TreeItemCollapsibleState.None);
    item.id = `cluster:${this.cluster.id}/group:${this.groupId}/topic:${topic}/partition:${partition}`;
    item.description = `committed ${show(committed)} · end ${show(end)} · lag ${show(lag)}`;
    item.tooltip = [
      `${topic} partition ${partition}`,
      `Committed offset: ${committed ?? 'none'}`,
      `End offset: ${end ?? 'unknown'}`,
      `Lag: ${lag ?? 'unknown'}`,
    ].join('\n');
    item.iconPath = new vscode.ThemeIcon(lag !== undefined && lag !== '0' ? 'arrow-circle-down' : 'check');
    item.contextValue = 'kafka.groupPartition';
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
