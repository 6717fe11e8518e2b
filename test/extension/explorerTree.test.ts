import * as assert from 'assert';
import * as vscode from 'vscode';
import { description, ExplorerFixture, tooltip } from './explorerFixture';
import type { TailPanel } from '../../src/panel/tailPanel';
import { tailGroupPrefix } from '../../src/kafka/tail/tailGroups';
import { waitFor } from './hostFixture';
import { kafkaBootstrap, label, setClusters, testKafka } from './support';

describe('Explorer tree on a real broker', () => {
  const fixture = new ExplorerFixture();

  before(() => fixture.setUp());
  after(() => fixture.tearDown());
  afterEach(async () => {
    const settings = vscode.workspace.getConfiguration('kafka.explorer');
    await settings.update('showInternalTopics', undefined, vscode.ConfigurationTarget.Global);
    await settings.update('pageSize', undefined, vscode.ConfigurationTarget.Global);
  });

  it('shows Brokers, Topics and Consumer Groups under a cluster, and the brokers with address and controller', async () => {
    assert.deepStrictEqual((await fixture.children()).map(label), ['Brokers', 'Topics', 'Consumer Groups']);
    const brokers = await fixture.children('Brokers');
    assert.ok(brokers.length >= 1);
    const descriptions = brokers.map(description);
    assert.ok(descriptions.some((text) => text.includes(kafkaBootstrap().split(',')[0])), descriptions.join(' / '));
    assert.strictEqual(descriptions.filter((text) => text.includes('controller')).length, 1);
    assert.match(label(brokers[0]), /^Broker \d+$/);
  });

  it("shows a topic's partitions with leader, replicas, ISR and exact message counts, and watermarks in the tooltip", async () => {
    const topic = await fixture.createTopic(2);
    await fixture.produce(topic, 0, 5);
    fixture.api.tree.refresh((await fixture.children())[1]);
    const topicNode = await fixture.node('Topics', topic);
    assert.strictEqual(description(topicNode), '2 partitions · RF 1');
    const partitions = await fixture.children('Topics', topic, 'Partitions');
    assert.deepStrictEqual(partitions.map(label), ['Partition 0', 'Partition 1']);
    assert.match(description(partitions[0]), /^leader \d+ · replicas \[\d+\] · ISR \[\d+\] · offsets 0–5 · 5 msgs$/);
    assert.match(description(partitions[1]), / · 0 msgs$/);
    assert.match(tooltip(partitions[0]), /Low watermark: 0\nHigh watermark: 5\nMessages: 5/);
    assert.strictEqual(partitions[0].getTreeItem().contextValue, 'kafka.partition');
  });

  it("shows a topic's effective configs, the non-default ones first and marked with their source", async () => {
    const topic = await fixture.createTopic(1, { 'cleanup.policy': 'compact' });
    fixture.api.tree.refresh((await fixture.children())[1]);
    const configs = await fixture.children('Topics', topic, 'Configs');
    assert.strictEqual(label(configs[0]), 'cleanup.policy');
    assert.strictEqual(description(configs[0]), 'compact · topic');
    assert.match(tooltip(configs[0]), /Source: topic \(non-default\)/);
    const segment = configs.find((node) => label(node) === 'segment.bytes');
    assert.ok(segment);
    assert.match(tooltip(segment), /\(default\)/);
    assert.ok(!description(segment).includes('·'), description(segment));
    assert.ok(configs.length > 20, 'all effective configs, not only the overrides');
  });

  it('shows a consumer group with state, members and exact lag, down to each partition', async () => {
    const topic = await fixture.createTopic(2);
    await fixture.produce(topic, 0, 10);
    await fixture.produce(topic, 1, 4);
    const group = fixture.groupName();
    await fixture.commitAsConsumer(group, topic, [
      { partition: 0, offset: '3' },
      { partition: 1, offset: '4' },
    ]);
    fixture.api.tree.refresh((await fixture.children())[2]);
    const groupNode = await fixture.node('Consumer Groups', group);
    assert.strictEqual(description(groupNode), 'Empty · 0 members · lag 7');
    const groupChildren = await fixture.children('Consumer Groups', group);
    assert.deepStrictEqual(groupChildren.map(label), [topic]);
    assert.strictEqual(description(groupChildren[0]), 'lag 7');
    const partitions = await fixture.children('Consumer Groups', group, topic);
    assert.deepStrictEqual(partitions.map(description), ['committed 3 · end 10 · lag 7', 'committed 4 · end 4 · lag 0']);
  });

  it("leaves a message panel's throwaway group out of Consumer Groups, and the user's groups in", async () => {
    const topic = await fixture.createTopic(1);
    await fixture.produce(topic, 0, 3);
    const group = fixture.groupName();
    await fixture.commitAsConsumer(group, topic, [{ partition: 0, offset: '1' }]);
    const panel = await vscode.commands.executeCommand<TailPanel | undefined>('kafka.topic.tail', { clusterId: 'explorer', topic, start: { kind: 'beginning' } });
    assert.ok(panel, 'kafka.topic.tail returned no panel');
    try {
      await waitFor('the panel to read the topic', () => panel.stats().received === 3);
      const { groupId } = panel.stats();
      const admin = testKafka().admin();
      await admin.connect();
      const onBroker = (await admin.listGroups().finally(() => admin.disconnect())).groups.map((g) => g.groupId);
      assert.ok(onBroker.includes(groupId), `the panel's group ${groupId} is on the broker`);
      fixture.api.tree.refresh((await fixture.children())[2]);
      const shown = (await fixture.children('Consumer Groups')).map(label);
      assert.ok(shown.includes(group), `${group} is shown`);
      assert.deepStrictEqual(shown.filter((id) => id.startsWith(tailGroupPrefix)), []);
    } finally {
      panel.panel.dispose();
    }
  });

  it('lists an active member with client id, host and assigned partitions', async () => {
    const topic = await fixture.createTopic(2);
    const group = fixture.groupName();
    const { testKafka } = await import('./support');
    const consumer = testKafka().consumer({ groupId: group, maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({ eachMessage: async () => undefined });
      await joined;
      fixture.api.tree.refresh((await fixture.children())[2]);
      const groupNode = await fixture.node('Consumer Groups', group);
      assert.match(description(groupNode), /^Stable · 1 member · lag /);
      assert.strictEqual(groupNode.getTreeItem().contextValue, 'kafka.group.active');
      const [member] = await fixture.children('Consumer Groups', group);
      assert.strictEqual(label(member), 'extension-tests');
      assert.match(description(member), new RegExp(`127\\.0\\.0\\.1 · ${topic} \\[0,1\\]`));
    } finally {
      await consumer.disconnect();
    }
  });

  it('hides internal topics unless kafka.explorer.showInternalTopics is set', async () => {
    const topics = () => fixture.children('Topics').then((nodes) => nodes.map(label));
    fixture.api.tree.refresh((await fixture.children())[1]);
    assert.ok(!(await topics()).includes('__consumer_offsets'));
    await vscode.workspace.getConfiguration('kafka.explorer').update('showInternalTopics', true, vscode.ConfigurationTarget.Global);
    assert.ok((await topics()).includes('__consumer_offsets'));
  });

  it('filters the topics (the filter shows in the description), pages them with "Load more…", and clears the filter', async () => {
    await vscode.workspace.getConfiguration('kafka.explorer').update('pageSize', 10, vscode.ConfigurationTarget.Global);
    const prefix = fixture.topicName('paged');
    fixture.topics.pop();
    const names: string[] = [];
    for (let i = 0; i < 12; i++) {
      names.push(`${prefix}-${String(i).padStart(2, '0')}`);
    }
    fixture.topics.push(...names);
    await fixture.admin.createTopics({ topics: names.map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })), waitForLeaders: true });
    const topicsNode = (await fixture.children())[1];
    fixture.api.tree.refresh(topicsNode);

    const { result: filter } = await fixture.run<string>('kafka.topics.filter', [{ input: /Filter Topics/, answer: prefix }], topicsNode);
    assert.strictEqual(filter, prefix);
    assert.strictEqual(description(topicsNode), `filter: ${prefix}`);
    assert.strictEqual(topicsNode.getTreeItem().contextValue, 'kafka.topics.filtered');
    let shown = await fixture.children('Topics');
    assert.deepStrictEqual(shown.slice(0, 10).map(label), names.slice(0, 10));
    assert.strictEqual(label(shown[10]), 'Load more…');
    assert.strictEqual(description(shown[10]), '10 of 12 shown');

    await vscode.commands.executeCommand('kafka.explorer.loadMore', shown[10]);
    shown = await fixture.children('Topics');
    assert.deepStrictEqual(shown.map(label), names);

    await vscode.commands.executeCommand('kafka.topics.clearFilter', topicsNode);
    assert.strictEqual(topicsNode.getTreeItem().description, undefined);
    assert.ok((await fixture.children('Topics')).length >= 10);
  });

  it('loads children once: a second expand while loading gets the same answer, and a refresh loads again', async () => {
    const topicsNode = (await fixture.children())[1];
    fixture.api.tree.refresh(topicsNode);
    const [first, second] = await Promise.all([fixture.api.tree.getChildren(topicsNode), fixture.api.tree.getChildren(topicsNode)]);
    assert.strictEqual(first[0], second[0], 'the same node objects');
    const topic = await fixture.createTopic(1);
    assert.ok(!(await fixture.api.tree.getChildren(topicsNode)).some((node) => label(node) === topic), 'cached until refreshed');
    fixture.api.tree.refresh(topicsNode);
    assert.ok((await fixture.children('Topics')).some((node) => label(node) === topic));
  });

  it('shows an unreachable cluster as an error node with Retry, and keeps the other cluster usable', async () => {
    await setClusters([
      { id: 'down', name: 'Down', bootstrapServers: '127.0.0.1:1' },
      { id: 'explorer', name: 'Explorer', bootstrapServers: kafkaBootstrap() },
    ]);
    fixture.api.tree.refresh();
    const roots = await fixture.api.tree.getChildren();
    const down = roots.find((node) => label(node) === 'Down')!;
    const [error] = await fixture.api.tree.getChildren(down);
    const item = error.getTreeItem();
    assert.strictEqual(item.contextValue, 'kafka.error');
    assert.match(String(item.label), /cluster "Down"/);
    assert.strictEqual(item.command?.command, 'kafka.explorer.retry');
    assert.deepStrictEqual((await fixture.children()).map(label), ['Brokers', 'Topics', 'Consumer Groups']);
    await vscode.commands.executeCommand('kafka.explorer.retry', error);
    const [again] = await fixture.api.tree.getChildren(down);
    assert.notStrictEqual(again, error, 'Retry loads again');
    await setClusters([{ id: 'explorer', name: 'Explorer', bootstrapServers: kafkaBootstrap() }]);
    fixture.api.tree.refresh();
  });

  it('auto-refreshes loaded nodes while the view is visible, and not while it is hidden', async function () {
    this.timeout(60_000);
    const settings = vscode.workspace.getConfiguration('kafka.explorer');
    const topicsNode = (await fixture.children())[1];
    const names = async () => (await fixture.api.tree.getChildren(topicsNode)).map(label);
    try {
      await vscode.commands.executeCommand('kafka.clusters.focus');
      await settings.update('autoRefreshSeconds', 5, vscode.ConfigurationTarget.Global);
      fixture.api.tree.refresh(topicsNode);
      await names();
      const seen = await fixture.createTopic(1);
      assert.ok(!(await names()).includes(seen), 'cached');
      const deadline = Date.now() + 15_000;
      while (!(await names()).includes(seen)) {
        assert.ok(Date.now() < deadline, 'the visible view was not refreshed within 15 s');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }

      await vscode.commands.executeCommand('workbench.view.explorer');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const unseen = await fixture.createTopic(1);
      await new Promise((resolve) => setTimeout(resolve, 8_000));
      assert.ok(!(await names()).includes(unseen), 'a hidden view is not refreshed');
    } finally {
      await settings.update('autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('copies the name of a named node', async () => {
    const topic = await fixture.createTopic(1);
    fixture.api.tree.refresh((await fixture.children())[1]);
    const node = await fixture.node('Topics', topic);
    assert.strictEqual(await vscode.commands.executeCommand('kafka.explorer.copyName', node), topic);
    assert.strictEqual(await vscode.env.clipboard.readText(), topic);
  });
});
