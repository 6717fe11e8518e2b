// Names at the edges of what Kafka allows, through the project's own admin, produce and tail.
import * as assert from 'assert';
import { randomUUID } from 'crypto';
import * as path from 'path';
import { consumerGroupsTool } from '../../scripts/kafka/broker';
import type { ClusterAdmin } from '../../src/kafka/admin/clusterAdmin';
import { createKafka } from '../../src/kafka/connect/connection';
import { silentLogger } from '../../src/kafka/connect/log';
import { produceRecords } from '../../src/kafka/produce/produceRun';
import { TailThread } from '../../src/kafka/tail/tailThread';
import { MessageStore } from '../../src/panel/messageStore';
import { clusterAdmin, deleteGroupsQuietly, deleteTopicsQuietly, rawKafka, testCluster } from './adminFixture';
import { waitFor } from './tailFixture';

/** Every character a topic name may have: ASCII letters, digits, '.', '_' and '-'. */
const legal = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-';

describe('names at the limits (real broker)', function () {
  this.timeout(120_000);
  let admin: ClusterAdmin;
  const topics: string[] = [];
  const groups: string[] = [];

  before(async () => {
    admin = await clusterAdmin();
  });

  after(async () => {
    await deleteGroupsQuietly(groups);
    await deleteTopicsQuietly(topics);
    await admin.dispose();
  });

  it('a 249-character topic name with every legal character: created, listed, produced to, tailed and deleted', async () => {
    const name = `${legal}-${randomUUID()}-`.padEnd(249, 'z');
    assert.strictEqual(name.length, 249);
    topics.push(name);
    await admin.createTopic({ name, partitions: 2, replicationFactor: 1 });
    assert.ok((await admin.listTopics()).some((t) => t.name === name && t.partitionCount === 2));
    assert.deepStrictEqual(
      (await admin.describePartitions(name)).map((p) => p.partition),
      [0, 1],
    );

    const connection = { clientId: 'names-test', brokers: (await testCluster()).bootstrap.split(','), connectionTimeoutMs: 10_000, requestTimeoutMs: 30_000 };
    const kafka = createKafka(connection, silentLogger);
    const sent = await produceRecords(
      kafka,
      [1, 2, 3].map((line) => ({ line, key: `k${line}`, value: `{"n":${line}}` })),
      { topic: name },
    );
    assert.strictEqual(sent.failure, undefined, sent.failure?.message);
    assert.strictEqual(sent.sent.length, 3);

    const store = new MessageStore(100);
    const tail = new TailThread(
      path.resolve(__dirname, '../../src/kafka/threads/worker.js'),
      async () => connection,
      name,
      { start: { kind: 'beginning' } },
      { records: (packed) => store.addPacked(packed), status: () => undefined, reset: () => store.reset() },
      silentLogger,
    );
    try {
      await tail.start();
      await waitFor('3 messages', () => store.received >= 3);
      assert.deepStrictEqual(Array.from(store.shownMessages(), (m) => String(m.value)).sort(), ['{"n":1}', '{"n":2}', '{"n":3}']);
    } finally {
      await tail.stop();
    }

    await admin.deleteTopic(name);
    const deadline = Date.now() + 20_000;
    while ((await admin.listTopics()).some((t) => t.name === name)) {
      assert.ok(Date.now() < deadline, 'the topic is still listed 20 s after its deletion');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  it('a group id with spaces, slashes, non-ASCII and punctuation: listed, described with lag, reset and deleted', async () => {
    const topic = `odd-group-topic-${randomUUID().slice(0, 8)}`;
    const group = `consumerGroupId / ünïcødé ✓ #%?*&=:;'"<>{}[] ${randomUUID().slice(0, 8)}`;
    topics.push(topic);
    groups.push(group);
    await admin.createTopic({ name: topic, partitions: 1, replicationFactor: 1 });
    const raw = await rawKafka();
    const producer = raw.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 5 }, (_, i) => ({ value: `v${i}` })) });
    await producer.disconnect();
    const consumer = raw.consumer({ groupId: group });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    await consumer.run({ autoCommit: false, eachMessage: async () => void seen++ });
    await waitFor('5 messages', () => seen >= 5);
    await consumer.commitOffsets([{ topic, partition: 0, offset: '2' }]);
    await consumer.disconnect();

    assert.ok((await admin.listGroups()).some((g) => g.id === group), 'listed under its exact id');
    const details = await admin.describeGroup(group);
    assert.deepStrictEqual(
      details.offsets.map((o) => [o.topic, o.partition, o.committed, o.end, o.lag]),
      [[topic, 0, '2', '5', '3']],
    );
    // Kafka's own tool agrees about the same group, whatever its name.
    const described = await consumerGroupsTool(await testCluster(), ['--describe', '--group', group]);
    assert.strictEqual(described.code, 0, described.stderr);
    assert.match(described.stdout, new RegExp(`${topic}\\s+0\\s+2\\s+5\\s+3`));

    const rows = await admin.previewReset(group, { kind: 'earliest' }, { all: true });
    assert.deepStrictEqual(rows.map((r) => [r.partition, r.current, r.next, r.lagAfter]), [[0, '2', '0', '5']]);
    await admin.applyReset(group, rows);
    assert.strictEqual((await admin.describeGroup(group)).offsets[0].committed, '0');

    await admin.deleteGroup(group);
    assert.ok(!(await admin.listGroups()).some((g) => g.id === group), 'deleted');
  });
});
