// Leader failover on a real 3-node KRaft cluster (its own, small heaps). One scenario, two properties:
// the project's produce sends 100,000 records (acks=all, idempotent) while the project's tail reads the same
// topic, and the leader of partition 0 (replication factor 3) stops in the middle. Nothing is lost or repeated.
import * as assert from 'assert';
import { randomUUID } from 'crypto';
import { Kafka, logLevel, type Admin, type PartitionMetadata } from 'kafkajs';
import { startKafka, type KafkaCluster } from '../../scripts/kafka/broker';
import { createKafka } from '../../src/kafka/connect/connection';
import { produceRecords, type ProduceResult } from '../../src/kafka/produce/produceRun';
import { createTopic } from '../../src/kafka/admin/topics';
import type { InputRecord } from '../../src/kafka/produce/records';
import { RecordingLogger } from './faultFixture';
import { range, RecordingTail, sleep, waitFor } from './tailFixture';

const partitions = 3;
const total = 100_000;
const keyOf = (seq: number) => `k${seq % 997}`;
/** FAILOVER_KILL=1: the leader dies (SIGKILL) instead of shutting down; the controller notices only after its session timeout. */
const kill = !!process.env.FAILOVER_KILL;

describe('leader failover (3-node cluster, replication factor 3)', function () {
  this.timeout(120_000);
  let cluster: KafkaCluster;
  let raw: Kafka;
  let admin: Admin;
  let topic: string;
  let tail: RecordingTail;
  let result: ProduceResult;
  let leader: number;
  /** Records acknowledged when the metadata first showed another leader for partition 0. */
  let sentWhenMoved = -1;
  /** Sum of the partitions' end offsets once the produce is done. */
  let highs: { partition: number; high: string }[] = [];

  async function partitionInfo(partition: number): Promise<PartitionMetadata> {
    const { topics: [meta] } = await admin.fetchTopicMetadata({ topics: [topic] });
    return meta.partitions.find((p) => p.partitionId === partition)!;
  }

  before(async function () {
    this.timeout(300_000);
    let started = Date.now();
    cluster = await startKafka({ nodes: 3, version: process.env.KAFKA_VERSION });
    console.log(`      3-node cluster ready in ${Date.now() - started} ms`);
    // A node is expected to be down: kafkajs's own connection errors would only be noise here.
    raw = new Kafka({ clientId: 'failover-tests', brokers: cluster.bootstrap.split(','), logLevel: logLevel.NOTHING });
    admin = raw.admin();
    await admin.connect();
    topic = `failover-${randomUUID().slice(0, 8)}`;
    await cluster.untilAllNodesListed();
    // The project's create waits for the partitions itself (kafkajs's waitForLeaders can fail on a fresh cluster).
    await createTopic(admin, { name: topic, partitions, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } });
    leader = (await partitionInfo(0)).leader;

    tail = new RecordingTail(cluster.bootstrap, topic, { start: { kind: 'beginning' } });
    await tail.session.start();
    await waitFor('the tail to run', () => tail.state === 'running', 60_000);

    const records: InputRecord[] = Array.from({ length: total }, (_, seq) => ({
      line: seq + 1,
      key: keyOf(seq),
      value: `{"seq":${seq},"pad":"${'x'.repeat(seq % 20)}"}`,
    }));
    const kafka = createKafka(
      { clientId: 'failover-produce', brokers: cluster.bootstrap.split(','), connectionTimeoutMs: 5000, requestTimeoutMs: 15000 },
      new RecordingLogger(),
    );
    let progress = 0;
    let stopping: Promise<void> | undefined;
    let watching: Promise<void> | undefined;
    let producing = true;
    const watchLeader = async (): Promise<void> => {
      while (producing) {
        const current = await partitionInfo(0).catch(() => undefined);
        if (current && current.leader !== leader && current.leader >= 0) {
          sentWhenMoved = progress;
          return;
        }
        await sleep(50);
      }
    };
    started = Date.now();
    result = await produceRecords(kafka, records, {
      topic,
      acks: -1,
      idempotent: true,
      // Small batches: the run lasts long enough for the stop to land in the middle of it.
      maxBatchBytes: 16 * 1024,
      onProgress: (sent) => {
        progress = sent;
        if (!stopping && sent >= total / 10) {
          stopping = cluster.stopNode(leader, { kill });
          watching = watchLeader();
        }
      },
    });
    producing = false;
    await Promise.all([stopping, watching]);
    console.log(`      produced ${total} in ${Date.now() - started} ms; leadership moved after ${sentWhenMoved} records`);

    // A new leader's high watermark can trail the records it already acknowledged for a moment.
    const deadline = Date.now() + 30_000;
    for (;;) {
      highs = await admin.fetchTopicOffsets(topic);
      if (highs.reduce((sum, p) => sum + Number(p.high), 0) >= total || Date.now() > deadline) break;
      await sleep(200);
    }
  });

  after(async function () {
    this.timeout(60_000);
    await tail?.session.stop();
    if (admin) {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
    await cluster?.stop();
  });

  it('the leader of partition 0 stopped in the middle of the produce, and another replica took over', async () => {
    assert.ok(sentWhenMoved >= 0 && sentWhenMoved < total, `leadership did not move while producing (${sentWhenMoved})`);
    const now = await partitionInfo(0);
    assert.ok(now.leader !== leader && now.leader >= 0, `leader of partition 0 is still ${now.leader}`);
    assert.ok(!now.isr.includes(leader));
  });

  it('produce: every record is on the topic exactly once, in order per partition, at the offset it reported', async () => {
    assert.strictEqual(result.failure, undefined, result.failure?.message);
    assert.strictEqual(result.sent.length, total);
    assert.strictEqual(highs.reduce((sum, p) => sum + Number(p.high), 0), total, 'records on the topic');

    const lineAt = new Map(result.sent.map((s) => [`${s.partition}:${s.offset}`, s.line]));
    const seen = new Uint8Array(total);
    const lastSeq = new Map<number, number>();
    let read = 0;
    const check = (partition: number, message: { key: Buffer | null; value: Buffer | null; offset: string }): void => {
      const seq = JSON.parse(message.value!.toString()).seq as number;
      assert.strictEqual(seen[seq], 0, `seq ${seq} twice`);
      seen[seq] = 1;
      assert.ok(seq > (lastSeq.get(partition) ?? -1), `partition ${partition} out of order at seq ${seq}`);
      lastSeq.set(partition, seq);
      assert.strictEqual(lineAt.get(`${partition}:${message.offset}`), seq + 1, 'offset reported by produce');
      assert.strictEqual(message.key?.toString(), keyOf(seq));
      read++;
    };
    // A plain kafkajs consumer as the second opinion.
    const groupId = `failover-reader-${randomUUID()}`;
    const consumer = raw.consumer({ groupId, maxBytes: 10 * 1024 * 1024 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('read timed out')), 90_000);
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              try {
                batch.messages.forEach((message) => check(batch.partition, message));
              } catch (error) {
                reject(error);
              }
              if (read === total) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      }).catch((error: Error) => {
        throw new Error(`after ${read} records: ${error.message}`);
      });
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    assert.strictEqual(seen.reduce((sum, v) => sum + v, 0), total);
  });

  it('tail: it kept running through the failover and saw every offset exactly once, in order per partition', async () => {
    await tail.waitForCount(total, 90_000);
    await sleep(1000); // anything repeated late would show up now
    const expected = highs.sort((a, b) => a.partition - b.partition).flatMap((p) => range(p.partition, 0, Number(p.high)));
    assert.strictEqual(tail.messages.length, total);
    assert.deepStrictEqual(tail.positions(), expected);
    // Delivery order: offsets only ever go up within a partition.
    const last = new Map<number, bigint>();
    for (const m of tail.messages) {
      const offset = BigInt(m.offset);
      assert.ok(offset > (last.get(m.partition) ?? -1n), `partition ${m.partition}: ${offset} after ${last.get(m.partition)}`);
      last.set(m.partition, offset);
    }
    assert.strictEqual(tail.resets, 0);
    // A connection to the stopped node can still fail after the last record arrived; the tail must come back by itself.
    await waitFor('the tail to run again', () => tail.state === 'running', 30_000).catch((error: Error) => {
      throw new Error(`${error.message}; statuses: ${JSON.stringify(tail.statuses)}`);
    });
    assert.ok(!tail.statuses.some((s) => s.state === 'error'), JSON.stringify(tail.statuses));
  });
});
