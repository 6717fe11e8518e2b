import * as vscode from 'vscode';
import type { ClusterConfig } from '../clusters/clusterConfig';
import type { TopicSummary } from '../kafka/admin/topics';
import { ErrorNode } from './errorNode';
import type { ExplorerContext } from './explorerContext';
import type { ExplorerNode } from './explorerNode';
import { InfoNode } from './infoNode';
import { Paging } from './paging';
import { TopicNode } from './topicNode';

/**
 * The cluster's topics. The list is loaded once and reused; filtering and paging work on it
 * without asking the broker again, and topic nodes keep their own caches across reloads.
 */
export class TopicsNode implements ExplorerNode {
  private topics: Promise<TopicSummary[]> | undefined;
  private readonly nodes = new Map<string, TopicNode>();
  private readonly creating = new Set<string>();
  private readonly paging: Paging;
  private filterText = '';

  constructor(
    readonly cluster: ClusterConfig,
    private readonly context: ExplorerContext,
  ) {
    this.paging = new Paging(() => context.settings().pageSize);
  }

  get filter(): string {
    return this.filterText;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Topics', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `cluster:${this.cluster.id}/topics`;
    item.iconPath = new vscode.ThemeIcon(this.filterText ? 'filter' : 'list-unordered');
    item.description = this.filterText ? `filter: ${this.filterText}` : undefined;
    item.tooltip = this.filterText ? `Topics whose name contains "${this.filterText}"` : 'Topics';
    item.contextValue = this.filterText ? 'kafka.topics.filtered' : 'kafka.topics';
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    let topics: TopicSummary[];
    try {
      topics = await this.load();
    } catch (error) {
      return [ErrorNode.from(error, this)];
    }
    const { showInternalTopics } = this.context.settings();
    const needle = this.filterText.toLowerCase();
    const visible = topics.filter(
      (topic) => (showInternalTopics || !topic.internal) && (!needle || topic.name.toLowerCase().includes(needle)),
    );
    const children: ExplorerNode[] = [...this.creating]
      .filter((name) => !topics.some((topic) => topic.name === name))
      .map((name) => new InfoNode(name, { description: 'Creating…', icon: 'loading~spin', id: `cluster:${this.cluster.id}/creating:${name}` }));
    if (visible.length === 0 && children.length === 0) {
      return [new InfoNode(needle ? `No topic matches "${this.filterText}"` : 'No topics', { icon: 'info' })];
    }
    children.push(...this.paging.page(visible, (topic) => this.nodeFor(topic), this));
    return children;
  }

  /** The names of all topics (cached), for pickers and name checks. */
  async topicNames(): Promise<string[]> {
    return (await this.load()).map((topic) => topic.name);
  }

  /** The node of a topic already shown, if any. */
  topicNode(name: string): TopicNode | undefined {
    return this.nodes.get(name);
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.paging.reset();
    this.context.changed(this);
  }

  loadMore(): void {
    this.paging.more();
    this.context.changed(this);
  }

  /** Shows `name` as "Creating…" until `work` settles, then reloads the list. */
  async whileCreating<T>(name: string, work: Promise<T>): Promise<T> {
    this.creating.add(name);
    this.context.changed(this);
    try {
      return await work;
    } finally {
      this.creating.delete(name);
      this.invalidate();
      this.context.changed(this);
    }
  }

  invalidate(): void {
    this.topics = undefined;
    for (const node of this.nodes.values()) {
      node.invalidate();
    }
  }

  private load(): Promise<TopicSummary[]> {
    if (!this.topics) {
      const load = this.context.connections
        .admin(this.cluster)
        .listTopics()
        .then((topics) => {
          this.forgetDeleted(topics);
          return topics;
        });
      load.catch(() => {
        if (this.topics === load) {
          this.topics = undefined;
        }
      });
      this.topics = load;
    }
    return this.topics;
  }

  private nodeFor(topic: TopicSummary): TopicNode {
    let node = this.nodes.get(topic.name);
    if (node) {
      node.update(topic);
    } else {
      node = new TopicNode(this.cluster, topic, this.context);
      this.nodes.set(topic.name, node);
    }
    return node;
  }

  private forgetDeleted(topics: TopicSummary[]): void {
    if (this.nodes.size === 0) {
      return;
    }
    const names = new Set(topics.map((topic) => topic.name));
    for (const name of this.nodes.keys()) {
      if (!names.has(name)) {
        this.nodes.delete(name);
      }
    }
  }
}
