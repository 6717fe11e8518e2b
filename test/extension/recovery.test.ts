// The tree and the message panel on a broker that stops and comes back: a clear error while it is down
// (fast, logged), everything working again after Refresh, and a tail that reconnects by itself and
// sees every offset exactly once.
import * as assert from 'assert';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import * as vscode from 'vscode';
import type { KafkaCluster } from '../../scripts/kafka/broker';
import type { ClusterConfig } from '../../src/clusters/clusterConfig';
import type { KafkaExtensionApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/explorer/explorerNode';
import { openTail, sleep, startOwnKafka, waitFor, waitForLogLine } from './hostFixture';
import { childrenAt, extensionApi, label, setClusters, uniqueName } from './support';

describe('Recovery once the broker is back (extension host, a broker of its own)', function () {
  this.timeout(120_000);
  const name = `Recovery ${randomUUID().slice(0, 8)}`;
  const treeTopic = uniqueName('recovery-tree');
  const tailTopic = uniqueName('recovery-tail');
  const connectionTimeoutMs = vscode.workspace.getConfiguration('kafka').get<number>('connectionTimeoutMs', 5000);
  let kafka: KafkaCluster;
  let client: Kafka;
  let api: KafkaExtensionApi;
  let cluster: ClusterConfig;
  let workspaceFile: string | undefined;

  before(async function () {
    this.timeout(120_000);
    api = await extensionApi();
    kafka = await startOwnKafka();
    client = new Kafka({ clientId: 'recovery-tests', brokers: [kafka.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 10 } });
    const admin = client.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic: treeTopic, numPartitions: 1, replicationFactor: 1 },
        { topic: tailTopic, numPartitions: 2, replicationFactor: 1 },
      ],
      waitForLeaders: true,
    });
    await admin.disconnect();
    const added = await vscode.commands.executeCommand<ClusterConfig>('kafka.cluster.add', { name, bootstrapServers: kafka.bootstrap });
    assert.ok(added, 'Add Cluster saved the cluster');
    cluster = added;
  });

  after(async function () {
    this.timeout(60_000);
    await api?.tailPanels.closeAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setClusters([]);
    api?.tree.refresh();
    if (workspaceFile) fs.rmSync(workspaceFile, { force: true });
    // The broker's data folder, with the topics, goes with it.
    await kafka?.stop();
  });

  const node = () => api.tree.clusterNode(cluster.id)!;

  async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const started = Date.now();
    const value = await work();
    return { value, ms: Date.now() - started };
  }

  function assertError(children: ExplorerNode[], ms: number, what: string): string {
    assert.strictEqual(children.length, 1, `${what}: ${children.map(label).join(', ')}`);
    const item = children[0].getTreeItem();
    assert.strictEqual(item.contextValue, 'kafka.error', `${what}: ${label(children[0])}`);
    assert.ok(ms < connectionTimeoutMs + 1500, `${what} took ${ms} ms (connection timeout ${connectionTimeoutMs} ms)`);
    return label(children[0]);
  }

  it('tree: an error node while the broker is down, topics and commands back after Refresh', async () => {
    assert.ok((await childrenAt(api, name, 'Topics')).map(label).includes(treeTopic), 'the tree lists the topic');

    const stoppedAt = Date.now();
    await kafka.stopNode(kafka.nodeIds[0]);

    // Refresh on the Topics node: the cached connection is dead, the reload fails fast.
    await vscode.commands.executeCommand('kafka.explorer.refresh', node().topics);
    const topicsDown = await timed(() => childrenAt(api, name, 'Topics'));
    const topicsError = assertError(topicsDown.value, topicsDown.ms, 'Topics while the broker is down');
    assert.match(topicsError, new RegExp(`list topics on cluster "${name}"`));

    // Refresh of the whole view: new connections, the cluster itself shows why.
    await vscode.commands.executeCommand('kafka.explorer.refresh');
    const clusterDown = await timed(() => childrenAt(api, name));
    const clusterError = assertError(clusterDown.value, clusterDown.ms, 'the cluster while the broker is down');
    assert.match(clusterError, new RegExp(`cluster "${name}"`));
    assert.match(clusterError, /refused|connect/i);
    console.log(`      broker down: Topics error in ${topicsDown.ms} ms ("${topicsError}"), cluster error in ${clusterDown.ms} ms ("${clusterError}")`);

    // The log has the detail: which address refused, written after the broker stopped.
    const port = kafka.bootstrap.split(':')[1];
    await waitForLogLine('the refused connection', (line) => line.includes(`127.0.0.1:${port}`) && /ECONNREFUSED/.test(line) && logTime(line) >= stoppedAt - 1000);

    const restarted = await timed(() => kafka.startNode(kafka.nodeIds[0]));
    // The error node's own action (Retry) reloads the cluster; a Refresh of the view does the same with new connections.
    const retry = clusterDown.value[0].getTreeItem().command!;
    assert.strictEqual(retry.command, 'kafka.explorer.retry');
    await vscode.commands.executeCommand(retry.command, ...(retry.arguments ?? []));
    assert.deepStrictEqual((await childrenAt(api, name)).map(label), ['Brokers', 'Topics', 'Consumer Groups'], 'the cluster is back after Retry');
    await vscode.commands.executeCommand('kafka.explorer.refresh');
    assert.ok((await childrenAt(api, name, 'Topics')).map(label).includes(treeTopic), 'the topic is back after Refresh');

    // Commands work again: Produce Document to the topic.
    workspaceFile = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, `recovery-${Date.now()}.jsonl`);
    fs.writeFileSync(workspaceFile, '{"after":"restart","n":1}\n{"after":"restart","n":2}\n');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(workspaceFile));
    const outcome = await vscode.commands.executeCommand<{ kind: string; result?: { sent: unknown[]; failure?: unknown } }>(
      'kafka.produce.document',
      { clusterId: cluster.id, topic: treeTopic, format: 'jsonl' },
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor', editor.document.uri);
    assert.strictEqual(outcome?.kind, 'done', JSON.stringify(outcome));
    assert.strictEqual(outcome.result?.sent.length, 2);
    assert.strictEqual(outcome.result?.failure, undefined);
    const admin = client.admin();
    await admin.connect();
    try {
      assert.deepStrictEqual((await admin.fetchTopicOffsets(treeTopic)).map((p) => p.high), ['2'], 'both records are on the topic');
    } finally {
      await admin.disconnect();
    }
    console.log(`      broker restarted in ${restarted.ms} ms`);
  });

  it('panel: reconnecting while the broker is down, then every offset exactly once', async () => {
    const before = 40;
    const after = 30;
    await produce(0, before);
    const panel = await openTail({ clusterId: cluster.id, topic: tailTopic, start: { kind: 'beginning' } });
    await waitFor('the records produced before the stop', () => panel.stats().received === 2 * before);
    assert.strictEqual(panel.stats().status.state, 'running');

    const states: string[] = [];
    const watch = setInterval(() => {
      const state = panel.stats().status.state;
      if (states[states.length - 1] !== state) states.push(state);
    }, 50);
    const t0 = Date.now();
    const marks: string[] = [];
    const mark = (what: string) => marks.push(`${what} ${Date.now() - t0} ms`);
    try {
      await kafka.stopNode(kafka.nodeIds[0]);
      mark('stopped');
      await waitFor('the panel to say it is reconnecting', () => panel.stats().status.state === 'reconnecting', 60_000);
      mark('reconnecting');
      const down = panel.stats().status;
      assert.match(down.message ?? '', /reconnect/i);
      await kafka.startNode(kafka.nodeIds[0]);
      mark('restarted');
      await produce(before, after);
      mark('produced');
      await waitFor('the records produced after the restart', () => panel.stats().received >= 2 * (before + after), 90_000);
      mark('received');
      await waitFor('the panel to run again', () => panel.stats().status.state === 'running');
      mark('running');
      console.log(`      ${marks.join(', ')}; status while down: "${down.message}"`);
      // Time for a late duplicate to show up.
      await sleep(1500);
    } finally {
      clearInterval(watch);
    }

    assert.ok(states.indexOf('reconnecting') >= 0 && states.indexOf('reconnecting') < states.lastIndexOf('running'), states.join(' → '));
    assert.strictEqual(panel.stats().received, 2 * (before + after), 'nothing received twice');
    const positions = panel.shownPositions().map((p) => `${p.partition}:${p.offset}`);
    const expected = [0, 1].flatMap((partition) => Array.from({ length: before + after }, (_, offset) => `${partition}:${offset}`));
    assert.deepStrictEqual([...positions].sort(byPartitionOffset), expected, 'every offset once, no gap');
    for (const partition of [0, 1]) {
      const offsets = positions.filter((p) => p.startsWith(`${partition}:`)).map((p) => Number(p.split(':')[1]));
      assert.deepStrictEqual(offsets, [...offsets].sort((a, b) => a - b), `partition ${partition} in offset order`);
    }
    console.log(`      panel states: ${states.join(' → ')}`);
  });

  /** `count` records into each of the two partitions, values numbered from `from`. */
  async function produce(from: number, count: number): Promise<void> {
    const producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      await producer.send({
        topic: tailTopic,
        messages: [0, 1].flatMap((partition) => Array.from({ length: count }, (_, i) => ({ partition, value: `m-${partition}-${from + i}` }))),
      });
    } finally {
      await producer.disconnect();
    }
  }
});

function byPartitionOffset(a: string, b: string): number {
  const [pa, oa] = a.split(':').map(Number);
  const [pb, ob] = b.split(':').map(Number);
  return pa - pb || oa - ob;
}

/** The time at the start of a log channel line ("2026-01-01 12:00:00.000 [error] ..."), local time. */
function logTime(line: string): number {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}\.\d{3})/.exec(line);
  return match ? new Date(`${match[1]}T${match[2]}`).getTime() : 0;
}
