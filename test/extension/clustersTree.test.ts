import * as assert from 'assert';
import * as vscode from 'vscode';
import { childrenAt, extensionApi, kafkaBootstrap, label, setClusters, testKafka, uniqueName } from './support';

describe('Clusters tree', () => {
  const admin = testKafka().admin();
  const topic = uniqueName('tree-topic');

  before(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  });

  after(async () => {
    await setClusters([]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('lists a topic created on the configured cluster, with its partition count', async () => {
    const api = await extensionApi();
    await setClusters([{ id: 'local', name: 'Local', bootstrapServers: kafkaBootstrap() }]);
    api.tree.refresh();

    const topics = await childrenAt(api, 'Local', 'Topics');
    const node = topics.find((child) => label(child) === topic);
    assert.ok(node, `topic ${topic} missing from ${topics.map(label).join(', ')}`);
    assert.strictEqual(node.getTreeItem().description, '3 partitions · RF 1');
  });

  it('shows an error node with the reason when the cluster cannot be reached, without hanging', async () => {
    const api = await extensionApi();
    await setClusters([
      { id: 'down', name: 'Down', bootstrapServers: '127.0.0.1:1' },
      { id: 'local', name: 'Local', bootstrapServers: kafkaBootstrap() },
    ]);
    api.tree.refresh();

    const started = Date.now();
    // The cluster node itself connects first, so the reason shows right under the cluster's name.
    const children = await childrenAt(api, 'Down');
    const elapsed = Date.now() - started;
    assert.strictEqual(children.length, 1);
    const item = children[0].getTreeItem();
    assert.strictEqual(item.contextValue, 'kafka.error');
    assert.match(String(item.label), /127\.0\.0\.1:1|ECONNREFUSED|connect/i);
    const timeoutMs = vscode.workspace.getConfiguration('kafka').get<number>('connectionTimeoutMs', 5000);
    assert.ok(elapsed < timeoutMs + 1000, `took ${elapsed} ms, timeout is ${timeoutMs} ms`);

    const reachable = await childrenAt(api, 'Local', 'Topics');
    assert.ok(reachable.some((child) => label(child) === topic), 'the reachable cluster stays usable');
  });

  it('adds a cluster through "Kafka: Add Cluster" and saves no more than name and servers', async () => {
    await setClusters([]);
    await vscode.commands.executeCommand('kafka.cluster.add', { name: 'Added', bootstrapServers: kafkaBootstrap() });
    const saved = vscode.workspace.getConfiguration('kafka').get<Array<Record<string, unknown>>>('clusters', []);
    assert.strictEqual(saved.length, 1);
    assert.deepStrictEqual(Object.keys(saved[0]).sort(), ['bootstrapServers', 'id', 'name']);
    assert.strictEqual(saved[0].name, 'Added');

    const api = await extensionApi();
    const topics = await childrenAt(api, 'Added', 'Topics');
    assert.ok(topics.some((child) => label(child) === topic));
  });
});
