import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { description, ExplorerFixture } from './explorerFixture';
import { kafkaBootstrap, label, setClusters } from './support';

describe('Explorer commands on a real broker', () => {
  const fixture = new ExplorerFixture();

  before(() => fixture.setUp());
  after(() => fixture.tearDown());

  async function topicConfig(topic: string, name: string): Promise<string | undefined> {
    const { resources } = await fixture.admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: topic }] });
    return resources[0].configEntries.find((entry) => entry.configName === name)?.configValue;
  }

  it('creates a topic from the palette, validating the name as Kafka does and showing "Creating…" meanwhile', async () => {
    const name = fixture.topicName('created');
    const topicsNode = (await fixture.children())[1];
    const seen: string[] = [];
    const watch = fixture.api.tree.onDidChangeTreeData(async (node) => {
      if (node === topicsNode) {
        for (const child of await fixture.api.tree.getChildren(topicsNode)) {
          seen.push(`${label(child)}:${description(child)}`);
        }
      }
    });
    try {
      const { result, prompts } = await fixture.run<string>('kafka.topic.create', [
        {
          input: /Create Topic on Explorer \(1\/4\) \| Topic name/,
          answer: name,
          expectInvalid: [
            { value: 'has space', message: /not space/ },
            { value: '..', message: /cannot be named/ },
            { value: 'x'.repeat(250), message: /at most 249/ },
          ],
        },
        { input: /\(2\/4\) \| Number of partitions/, answer: '3', expectInvalid: [{ value: '0', message: /at least 1/ }] },
        { input: /\(3\/4\) \| Replication factor \(the broker's default is 1; the cluster has 1 broker\)/, answer: '1', expectInvalid: [{ value: '2', message: /larger than the number of brokers \(1\)/ }] },
        { input: /\(4\/4\) \| Configs/, answer: 'cleanup.policy=compact, retention.ms=3600000', expectInvalid: [{ value: 'retention.ms', message: /is not key=value/ }] },
      ]);
      assert.strictEqual(result, name);
      assert.deepStrictEqual(prompts.infos, [`Topic "${name}" created on Explorer.`]);
    } finally {
      watch.dispose();
    }
    assert.ok(seen.includes(`${name}:Creating…`), `no "Creating…" node among ${seen.slice(0, 5).join(', ')}`);
    const metadata = await fixture.admin.fetchTopicMetadata({ topics: [name] });
    assert.strictEqual(metadata.topics[0].partitions.length, 3);
    assert.strictEqual(await topicConfig(name, 'cleanup.policy'), 'compact');
    assert.strictEqual(await topicConfig(name, 'retention.ms'), '3600000');
    assert.ok((await fixture.children('Topics')).some((node) => label(node) === name), 'the tree shows the new topic');
  });

  it('warns about "." and "_" in a new name and refuses one that collides with an existing topic', async () => {
    const existing = await fixture.createTopic(1, {}, 'dots_and');
    fixture.api.tree.refresh((await fixture.children())[1]);
    const { result, prompts } = await fixture.run<string>('kafka.topic.create', [
      { input: /Topic name/, answer: undefined, expectInvalid: [{ value: existing.replace('_', '.'), message: new RegExp(`collides with the existing topic "${existing}"`) }] },
    ]);
    assert.strictEqual(result, undefined);
    assert.deepStrictEqual(prompts.errors, []);
  });

  it('says what failed when the topic exists already', async () => {
    const existing = await fixture.createTopic(1);
    // The cached list does not know it yet, so the name passes the picker and the broker refuses it.
    const { result, prompts } = await fixture.run<string>(
      'kafka.topic.create',
      [
        { input: /Topic name/, answer: existing },
        { input: /partitions/, answer: '1' },
        { input: /Replication factor/, answer: '1' },
        { input: /Configs/, answer: '' },
      ],
      (await fixture.children())[1],
    );
    assert.strictEqual(result, undefined);
    assert.strictEqual(prompts.errors.length, 1);
    assert.match(prompts.errors[0], new RegExp(`Topic "${existing}" exists already`));
  });

  it('deletes a topic after a modal confirmation that names it', async () => {
    const topic = await fixture.createTopic(1);
    fixture.api.tree.refresh((await fixture.children())[1]);
    const node = await fixture.node('Topics', topic);
    const { result: declined } = await fixture.run<boolean>('kafka.topic.delete', [{ confirm: new RegExp(`Delete topic "${topic}" from cluster "Explorer"`), answer: false }], node);
    assert.strictEqual(declined, false);
    assert.ok((await fixture.admin.listTopics()).includes(topic));
    const { result } = await fixture.run<boolean>('kafka.topic.delete', [{ confirm: /Delete topic/, answer: true, detail: /cannot be undone/ }], node);
    assert.strictEqual(result, true);
    assert.ok(!(await fixture.admin.listTopics()).includes(topic));
    assert.ok(!(await fixture.children('Topics')).some((child) => label(child) === topic));
  });

  it('adds partitions, refusing a count that is not more than today', async () => {
    const topic = await fixture.createTopic(2);
    fixture.api.tree.refresh((await fixture.children())[1]);
    const node = await fixture.node('Topics', topic);
    const { result } = await fixture.run<number>(
      'kafka.topic.addPartitions',
      [{ input: /New total number of partitions \(now 2\)/, answer: '4', expectInvalid: [{ value: '2', message: /must be more than 2/ }] }],
      node,
    );
    assert.strictEqual(result, 4);
    assert.strictEqual((await fixture.admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions.length, 4);
    assert.strictEqual(description(await fixture.node('Topics', topic)), '4 partitions · RF 1');
  });

  it('edits one config from its node and leaves the other configs untouched; an invalid value says which', async () => {
    const topic = await fixture.createTopic(1, { 'cleanup.policy': 'compact', 'max.message.bytes': '200000' });
    fixture.api.tree.refresh((await fixture.children())[1]);
    const retention = await fixture.node('Topics', topic, 'Configs', 'retention.ms');
    await fixture.run('kafka.topic.editConfig', [{ input: /retention\.ms of .* \| New value of retention\.ms \(now 604800000, default\)/, answer: '86400000' }], retention);
    assert.strictEqual(await topicConfig(topic, 'retention.ms'), '86400000');
    assert.strictEqual(await topicConfig(topic, 'cleanup.policy'), 'compact');
    assert.strictEqual(await topicConfig(topic, 'max.message.bytes'), '200000');
    const configs = await fixture.children('Topics', topic, 'Configs');
    assert.strictEqual(description(configs.find((node) => label(node) === 'retention.ms')!), '86400000 · topic');

    const { prompts } = await fixture.run('kafka.topic.editConfig', [
      { pick: /Edit config of/, answer: 'retention.ms' },
      { input: /New value of retention\.ms/, answer: 'tomorrow' },
    ], await fixture.node('Topics', topic));
    assert.match(prompts.errors[0], /rejected retention\.ms=tomorrow/);
    assert.strictEqual(await topicConfig(topic, 'retention.ms'), '86400000');
  });

  it('describes a topic in a read-only document like kafka-topics --describe', async () => {
    const topic = await fixture.createTopic(2, { 'cleanup.policy': 'compact' });
    await fixture.produce(topic, 1, 3);
    const { result: document } = await fixture.run<vscode.TextDocument>('kafka.topic.describe', [{ pick: /Topic on Explorer/, answer: topic }]);
    const text = document.getText();
    assert.match(text, new RegExp(`Topic: ${topic}\\tCluster: Explorer\\tPartitionCount: 2\\tReplicationFactor: 1\\tConfigs: cleanup.policy=compact`));
    assert.match(text, /^PARTITION\s+LEADER\s+REPLICAS\s+ISR\s+LOW\s+HIGH\s+MESSAGES\s+STATUS$/m);
    assert.match(text, /^1\s+\d+\s+\d+\s+\d+\s+0\s+3\s+3\s+ok$/m);
    assert.match(text, /^cleanup\.policy\s+compact\s+topic\s+NON-DEFAULT$/m);
    assert.strictEqual(document.uri.scheme, 'kafka-workbench');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('deletes an empty consumer group and refuses one with members, saying why', async () => {
    const topic = await fixture.createTopic(1);
    const empty = fixture.groupName();
    await fixture.commitAsConsumer(empty, topic, [{ partition: 0, offset: '0' }]);
    fixture.api.tree.refresh((await fixture.children())[2]);
    const { result } = await fixture.run<boolean>('kafka.group.delete', [
      { pick: /Consumer group on Explorer/, answer: empty },
      { confirm: new RegExp(`Delete consumer group "${empty}"`), answer: true },
    ]);
    assert.strictEqual(result, true);
    assert.ok(!(await fixture.admin.listGroups()).groups.some((group) => group.groupId === empty));

    const active = fixture.groupName();
    const { testKafka } = await import('./support');
    const consumer = testKafka().consumer({ groupId: active, maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      await consumer.subscribe({ topics: [topic] });
      await consumer.run({ eachMessage: async () => undefined });
      await joined;
      fixture.api.tree.refresh((await fixture.children())[2]);
      const node = await fixture.node('Consumer Groups', active);
      const { prompts } = await fixture.run('kafka.group.delete', [{ confirm: /Delete consumer group/, answer: true }], node);
      assert.match(prompts.errors[0], new RegExp(`Group "${active}" was not deleted: it has 1 active member .* stop its consumers`));
      const { prompts: reset } = await fixture.run('kafka.group.resetOffsets', [], node);
      assert.match(reset.errors[0], /Cannot reset the offsets of group .* while it has 1 active member/);
    } finally {
      await consumer.disconnect();
    }
  });

  it('resets a group to the earliest offsets: preview first, applied only on confirmation', async () => {
    const topic = await fixture.createTopic(2);
    await fixture.produce(topic, 0, 10);
    await fixture.produce(topic, 1, 4);
    const group = fixture.groupName();
    await fixture.commitAsConsumer(group, topic, [
      { partition: 0, offset: '3' },
      { partition: 1, offset: '4' },
    ]);
    fixture.api.tree.refresh((await fixture.children())[2]);
    const node = await fixture.node('Consumer Groups', group);
    const steps = (apply: boolean) => [
      { pick: /Reset offsets of .* \(1\/2\)/, answer: 'All topics of the group' },
      { pick: /\(2\/2\) \| Reset to/, answer: 'Earliest' },
      { confirm: new RegExp(`Reset the offsets of group "${group}" to the earliest offset`), answer: apply, detail: /2 partitions on Explorer/ },
    ];
    const { result: declined } = await fixture.run<{ applied: boolean; preview: vscode.TextDocument }>('kafka.group.resetOffsets', steps(false), node);
    assert.strictEqual(declined.applied, false);
    const preview = declined.preview.getText();
    assert.match(preview, /^TOPIC\s+PARTITION\s+CURRENT-OFFSET\s+NEW-OFFSET\s+LAG-AFTER$/m);
    assert.match(preview, new RegExp(`^${topic}\\s+0\\s+3\\s+0\\s+10$`, 'm'));
    assert.match(preview, new RegExp(`^${topic}\\s+1\\s+4\\s+0\\s+4$`, 'm'));
    assert.deepStrictEqual(await fixture.committed(group, topic), ['3', '4'], 'declined: nothing changed');

    const { result: applied, prompts } = await fixture.run<{ applied: boolean }>('kafka.group.resetOffsets', steps(true), node);
    assert.strictEqual(applied.applied, true);
    assert.deepStrictEqual(await fixture.committed(group, topic), ['0', '0']);
    assert.deepStrictEqual(prompts.infos, [`Offsets of group "${group}" reset on 2 partitions.`]);
    assert.strictEqual(description(await fixture.node('Consumer Groups', group)), 'Empty · 0 members · lag 14');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('replays from a date-time, a shift and a specific offset on chosen partitions', async () => {
    const base = Date.UTC(2024, 0, 15, 12, 0, 0);
    const topic = await fixture.createTopic(2);
    await fixture.produce(topic, 0, 10, (i) => base + i * 1000);
    await fixture.produce(topic, 1, 10, (i) => base + i * 1000);
    const group = fixture.groupName();
    await fixture.commitAsConsumer(group, topic, [
      { partition: 0, offset: '10' },
      { partition: 1, offset: '10' },
    ]);
    fixture.api.tree.refresh((await fixture.children())[2]);
    const node = await fixture.node('Consumer Groups', group);

    await fixture.run('kafka.group.resetOffsets', [
      { pick: /\(1\/2\)/, answer: 'All topics of the group' },
      { pick: /\(2\/2\)/, answer: 'Date-time…' },
      { input: /date-time/, answer: '2024-01-15T12:00:03.500Z', expectInvalid: [{ value: '2024-13-01T00:00:00Z', message: /not a valid date-time/ }] },
      { confirm: /to 2024-01-15T12:00:03\.500Z/, answer: true },
    ], node);
    assert.deepStrictEqual(await fixture.committed(group, topic), ['4', '4']);

    await fixture.run('kafka.group.resetOffsets', [
      { pick: /\(1\/2\)/, answer: 'Choose topics and partitions…' },
      { pickMany: /topics/, answer: [topic] },
      { input: /Partitions of/, answer: '1' },
      { pick: /\(2\/2\)/, answer: 'Shift by ±N…' },
      { input: /shift/, answer: '-3', expectInvalid: [{ value: '1.5', message: /whole number/ }] },
      { confirm: /shifted by -3/, answer: true, detail: /1 partition on/ },
    ], node);
    assert.deepStrictEqual(await fixture.committed(group, topic), ['4', '1']);

    await fixture.run('kafka.group.resetOffsets', [
      { pick: /\(1\/2\)/, answer: 'Choose topics…' },
      { pickMany: /topics/, answer: [topic] },
      { pick: /\(2\/2\)/, answer: 'Specific offset…' },
      { input: /offset/, answer: '7' },
      { confirm: /to offset 7/, answer: true },
    ], node);
    assert.deepStrictEqual(await fixture.committed(group, topic), ['7', '7']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('adds a SCRAM cluster with the password in secret storage only, then edits and removes it', async () => {
    const { result: added } = await fixture.run<{ id: string }>('kafka.cluster.add', [
      { input: /name/, answer: 'Secured', expectInvalid: [{ value: 'Explorer', message: /exists already/ }] },
      { input: /bootstrap servers/, answer: '127.0.0.1:9093' },
      { pick: /authentication/, answer: 'SASL SCRAM-SHA-256' },
      { input: /user name/, answer: 'alice' },
      { input: /password for alice/, answer: 'pa55-word-never-in-settings' },
      { pick: /TLS/, answer: "On, DON'T verify the server certificate" },
      { confirm: /Don't verify the brokers' TLS certificates\?/, answer: true },
      { pick: /client certificate/, answer: 'No client certificate' },
    ]);
    const saved = vscode.workspace.getConfiguration('kafka').get<Array<Record<string, unknown>>>('clusters', []);
    const entry = saved.find((cluster) => cluster.id === added.id)!;
    assert.deepStrictEqual(entry.auth, { mechanism: 'scram-sha-256', username: 'alice' });
    assert.deepStrictEqual(entry.tls, { enabled: true, rejectUnauthorized: false });
    assert.ok(!JSON.stringify(saved).includes('pa55-word'), 'no secret in settings');

    const clusterNode = fixture.api.tree.clusterNodes().find((node) => node.cluster.id === added.id)!;
    await fixture.run('kafka.cluster.edit', [
      { input: /Edit Cluster Secured: name/, answer: 'Secured' },
      { input: /bootstrap servers/, answer: '127.0.0.1:9094' },
      { pick: /authentication/, answer: 'None' },
      { pick: /TLS/, answer: 'Off' },
    ], clusterNode);
    const edited = vscode.workspace.getConfiguration('kafka').get<Array<Record<string, unknown>>>('clusters', []).find((cluster) => cluster.id === added.id)!;
    assert.deepStrictEqual(edited, { id: added.id, name: 'Secured', bootstrapServers: '127.0.0.1:9094' });

    const removed = fixture.api.tree.clusterNodes().find((node) => node.cluster.id === added.id)!;
    await fixture.run('kafka.cluster.remove', [{ confirm: /Remove cluster "Secured"/, answer: true }], removed);
    assert.ok(!vscode.workspace.getConfiguration('kafka').get<Array<Record<string, unknown>>>('clusters', []).some((cluster) => cluster.id === added.id));
  });

  it('adds a cluster from a client.properties file, naming the settings it does not use', async () => {
    const file = path.join(os.tmpdir(), `client-${Date.now()}.properties`);
    fs.writeFileSync(
      file,
      [`bootstrap.servers=${kafkaBootstrap()}`, 'security.protocol=PLAINTEXT', 'client.id=my-app', 'ssl.truststore.location=/etc/kafka/truststore.jks', 'linger.ms=5'].join('\n'),
    );
    try {
      const { result, prompts } = await fixture.run<{ id: string; bootstrapServers: string }>('kafka.cluster.addFromProperties', [
        { openFile: /client properties/, answer: file },
        { confirm: /has 3 settings the workbench does not use/, answer: true, detail: /ssl\.truststore\.location: ignored because security\.protocol is PLAINTEXT[\s\S]*client\.id: a producer\/consumer setting[\s\S]*linger\.ms/ },
        { input: /name/, answer: 'From file' },
      ]);
      assert.strictEqual(result.bootstrapServers, kafkaBootstrap());
      assert.deepStrictEqual(prompts.errors, []);
      const { result: tested } = await fixture.run<string>('kafka.cluster.test', [], fixture.api.tree.clusterNodes().find((node) => node.cluster.id === result.id));
      assert.match(tested, /Connected to "From file": 1 broker/);
    } finally {
      fs.rmSync(file, { force: true });
      await setClusters([{ id: 'explorer', name: 'Explorer', bootstrapServers: kafkaBootstrap() }]);
      fixture.api.tree.refresh();
    }
  });

  it('says what failed when testing a cluster that cannot be reached', async () => {
    await setClusters([
      { id: 'explorer', name: 'Explorer', bootstrapServers: kafkaBootstrap() },
      { id: 'nowhere', name: 'Nowhere', bootstrapServers: '127.0.0.1:1' },
    ]);
    fixture.api.tree.refresh();
    const { prompts } = await fixture.run('kafka.cluster.test', [{ pick: /Kafka cluster/, answer: 'Nowhere' }]);
    assert.match(prompts.errors[0], /cluster "Nowhere"/);
    await setClusters([{ id: 'explorer', name: 'Explorer', bootstrapServers: kafkaBootstrap() }]);
    fixture.api.tree.refresh();
  });
});
