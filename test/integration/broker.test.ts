// Proves the Kafka harness: kafkajs and the console tools see the same broker and the same data.
import * as assert from 'assert';
import { randomUUID } from 'crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { consoleConsume, consoleProduce, consumerGroupsTool, startKafka, topicsTool, type KafkaCluster } from '../../scripts/kafka/broker';
import { createTopic } from '../../src/kafka/admin/topics';
import { kafka } from './setup';

// Right after creation, metadata can lag on a broker: retry briefly.
async function retrying<T>(fn: () => Promise<T>, attempts = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      const type = (e as { type?: string }).type ?? '';
      if (i >= attempts || !/UNKNOWN_TOPIC_OR_PARTITION|LEADER_NOT_AVAILABLE|NOT_LEADER/.test(type + (e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

describe('Kafka test broker', function () {
  let client: Kafka;
  let admin: Admin;
  const topic = `harness-${randomUUID()}`;
  const groups: string[] = [];

  before(async () => {
    client = new Kafka({ clientId: 'harness-test', brokers: kafka().bootstrap.split(','), logLevel: logLevel.WARN });
    admin = client.admin();
    await admin.connect();
    // kafkajs's waitForLeaders gives up on UNKNOWN_TOPIC_OR_PARTITION on a busy broker: retry, then check.
    await retrying(() =>
      admin.createTopics({
        topics: [{ topic, numPartitions: 3, replicationFactor: Math.max(1, Math.min(3, kafka().nodeIds.length)) }],
        waitForLeaders: true,
      }),
    );
    assert.ok((await admin.listTopics()).includes(topic));
  });

  after(async () => {
    if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] });
    // Deletion propagates to the metadata cache asynchronously.
    for (let i = 0; i < 40 && (await admin.listTopics()).includes(topic); i++) await new Promise((r) => setTimeout(r, 250));
    assert.ok(!(await admin.listTopics()).includes(topic));
    await admin.disconnect();
  });

  it('kafkajs producer → console consumer reads back exactly the same records', async () => {
    const records = Array.from({ length: 9 }, (_, i) => ({
      partition: i % 3,
      key: `k${i}`,
      value: JSON.stringify({ n: i, text: 'é ✓ "quoted"', big: '12345678901234567890' }),
    }));
    const producer = client.producer();
    await producer.connect();
    try {
      await retrying(() => producer.send({ topic, acks: -1, messages: records }));
    } finally {
      await producer.disconnect();
    }

    const out = await consoleConsume(kafka(), topic, { maxMessages: records.length, printKey: true, printPartition: true });
    assert.strictEqual(out.code, 0, out.stderr);
    // Order is only defined within a partition, so compare partition by partition.
    const got = out.lines.map((line) => {
      const m = /^Partition:(\d+)\t([^\t]*)\t(.*)$/.exec(line);
      assert.ok(m, `unexpected console-consumer line: ${line}`);
      return { partition: Number(m[1]), key: m[2], value: m[3] };
    });
    for (const p of [0, 1, 2]) {
      assert.deepStrictEqual(got.filter((r) => r.partition === p), records.filter((r) => r.partition === p));
    }
  });

  it('topics tool lists and describes the topic created with kafkajs', async () => {
    const list = await topicsTool(kafka(), ['--list']);
    assert.strictEqual(list.code, 0, list.stderr);
    assert.ok(list.stdout.split('\n').includes(topic), list.stdout);
    const describe = await topicsTool(kafka(), ['--describe', '--topic', topic]);
    assert.strictEqual(describe.code, 0, describe.stderr);
    assert.match(describe.stdout, /PartitionCount:\s*3\b/);
  });

  it('console producer → kafkajs consumer group; the group tool sees its committed offsets', async () => {
    const lines = ['a\t{"x":1}', 'b\t{"x":2}', 'c\t{"x":3}'];
    const produced = await consoleProduce(kafka(), topic, lines, { parseKey: true });
    assert.strictEqual(produced.code, 0, produced.stderr);

    const groupId = `harness-group-${randomUUID()}`;
    groups.push(groupId);
    const expectedTotal = 9 + lines.length; // the 9 records of the first test are there too
    const consumer = client.consumer({ groupId });
    const seen: { key: string; value: string }[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${seen.length} of ${expectedTotal} records after 30 s`)), 30_000);
        consumer
          .run({
            eachMessage: async ({ message }) => {
              seen.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '' });
              if (seen.length === expectedTotal) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect(); // commits the processed offsets
    }
    for (const line of lines) {
      const [key, value] = line.split('\t');
      assert.deepStrictEqual(seen.filter((r) => r.key === key), [{ key, value }]);
    }

    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = offsets[0].partitions.reduce((sum, p) => sum + BigInt(p.offset), 0n);
    assert.strictEqual(committed, BigInt(expectedTotal));

    const described = await consumerGroupsTool(kafka(), ['--describe', '--group', groupId]);
    assert.strictEqual(described.code, 0, described.stderr);
    const rows = described.stdout.split('\n').filter((l) => l.includes(topic));
    assert.strictEqual(rows.length, 3, described.stdout);
    for (const row of rows) {
      const lag = row.trim().split(/\s+/)[5];
      assert.strictEqual(lag, '0', row);
    }
  });
});

// Opt-in (KAFKA_MULTINODE=1): starts its own 3-node cluster, ~3 JVMs of 512 MB and 20-60 s.
describe('Kafka 3-node test cluster (KAFKA_MULTINODE=1)', function () {
  this.timeout(180_000);
  let cluster: KafkaCluster | undefined;

  before(async function () {
    if (!process.env.KAFKA_MULTINODE) this.skip();
    cluster = await startKafka({ nodes: 3, version: process.env.KAFKA_VERSION });
  });

  after(async () => {
    await cluster?.stop();
  });

  it('moves partition leadership when the leader stops, and takes the node back', async () => {
    const k = cluster!;
    const client = new Kafka({ clientId: 'failover-test', brokers: k.bootstrap.split(','), logLevel: logLevel.NOTHING }); // a stopped node is expected
    const admin = client.admin();
    const producer = client.producer();
    const topic = `failover-${randomUUID()}`;
    await admin.connect();
    await producer.connect();
    try {
      await k.untilAllNodesListed();
      // The project's create waits for the partitions itself (kafkajs's waitForLeaders can fail on a fresh cluster).
      await createTopic(admin, { name: topic, partitions: 1, replicationFactor: 3 });
      const partition0 = async () => (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions[0];
      await retrying(() => producer.send({ topic, acks: -1, messages: [{ value: 'before' }] }));
      const leader = (await partition0()).leader;

      await k.stopNode(leader);
      let next = await partition0();
      for (let i = 0; i < 100 && (next.leader === leader || next.leader < 0); i++) {
        await new Promise((r) => setTimeout(r, 200));
        next = await partition0();
      }
      assert.notStrictEqual(next.leader, leader);
      assert.ok(!next.isr.includes(leader), `isr ${next.isr}`);
      await retrying(() => producer.send({ topic, acks: -1, messages: [{ value: 'after' }] }));

      await k.startNode(leader);
      let back = await partition0();
      for (let i = 0; i < 150 && back.isr.length < 3; i++) {
        await new Promise((r) => setTimeout(r, 200));
        back = await partition0();
      }
      assert.strictEqual(back.isr.length, 3, `isr ${back.isr}`);
      const out = await consoleConsume(k, topic, { maxMessages: 2 });
      assert.deepStrictEqual(out.lines, ['before', 'after']);
      await admin.deleteTopics({ topics: [topic] });
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
  });
});
