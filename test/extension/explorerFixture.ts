import * as assert from 'assert';
import type { Admin } from 'kafkajs';
import * as vscode from 'vscode';
import type { KafkaExtensionApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/explorer/explorerNode';
import { ScriptedPrompts, type Step } from './scriptedPrompts';
import { childrenAt, extensionApi, kafkaBootstrap, label, setClusters, testKafka, uniqueName } from './support';

export const clusterName = 'Explorer';

/** One configured cluster pointing at the test broker, a fresh tree, and a raw admin for arranging data. */
export class ExplorerFixture {
  readonly admin: Admin = testKafka().admin();
  readonly topics: string[] = [];
  readonly groups: string[] = [];
  api!: KafkaExtensionApi;

  async setUp(): Promise<void> {
    await this.admin.connect();
    this.api = await extensionApi();
    await setClusters([{ id: 'explorer', name: clusterName, bootstrapServers: kafkaBootstrap() }]);
    this.api.tree.refresh();
  }

  async tearDown(): Promise<void> {
    this.api.usePrompts(undefined);
    await setClusters([]);
    if (this.groups.length > 0) {
      await this.admin.deleteGroups(this.groups).catch(() => undefined);
    }
    const existing = new Set(await this.admin.listTopics());
    const made = this.topics.filter((topic) => existing.has(topic));
    if (made.length > 0) {
      await this.admin.deleteTopics({ topics: made }).catch(() => undefined);
    }
    await this.admin.disconnect();
  }

  topicName(prefix = 'explorer'): string {
    const name = uniqueName(prefix);
    this.topics.push(name);
    return name;
  }

  groupName(prefix = 'explorer-group'): string {
    const name = uniqueName(prefix);
    this.groups.push(name);
    return name;
  }

  async createTopic(partitions: number, configs: Record<string, string> = {}, prefix?: string): Promise<string> {
    const topic = this.topicName(prefix);
    await this.admin.createTopics({
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1, configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })) }],
      waitForLeaders: true,
    });
    return topic;
  }

  async produce(topic: string, partition: number, count: number, timestampOf?: (index: number) => number): Promise<void> {
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: Array.from({ length: count }, (_, i) => ({ partition, key: `k${i}`, value: `m${i}`, timestamp: timestampOf ? String(timestampOf(i)) : undefined })),
    });
    await producer.disconnect();
  }

  /** Commits offsets as a real group member, then leaves: the group is Empty with those offsets. */
  async commitAsConsumer(group: string, topic: string, offsets: { partition: number; offset: string }[]): Promise<void> {
    const consumer = testKafka().consumer({ groupId: group, maxWaitTimeInMs: 100 });
    await consumer.connect();
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    consumer.pause([{ topic }]);
    await joined;
    await consumer.commitOffsets(offsets.map((entry) => ({ topic, ...entry })));
    await consumer.disconnect();
  }

  async committed(group: string, topic: string): Promise<string[]> {
    const [entry] = await this.admin.fetchOffsets({ groupId: group, topics: [topic] });
    return entry.partitions.sort((a, b) => a.partition - b.partition).map((partition) => partition.offset);
  }

  children(...path: string[]): Promise<ExplorerNode[]> {
    return childrenAt(this.api, clusterName, ...path);
  }

  async node(...path: string[]): Promise<ExplorerNode> {
    const parent = await this.children(...path.slice(0, -1));
    const found = parent.find((child) => label(child) === path[path.length - 1]);
    assert.ok(found, `no "${path[path.length - 1]}" among ${parent.map(label).join(', ')}`);
    return found;
  }

  /** Runs a command with scripted answers and checks every scripted question was asked. */
  async run<T>(command: string, steps: Step[], ...args: unknown[]): Promise<{ result: T; prompts: ScriptedPrompts }> {
    const prompts = new ScriptedPrompts(steps);
    this.api.usePrompts(prompts);
    try {
      const result = await vscode.commands.executeCommand<T>(command, ...args);
      prompts.assertDone();
      return { result, prompts };
    } finally {
      this.api.usePrompts(undefined);
    }
  }
}

export function description(node: ExplorerNode): string {
  return String(node.getTreeItem().description ?? '');
}

export function tooltip(node: ExplorerNode): string {
  const value = node.getTreeItem().tooltip;
  return typeof value === 'string' ? value : (value?.value ?? '');
}
