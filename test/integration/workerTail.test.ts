import * as assert from 'assert';
import * as path from 'path';
import { silentLogger } from '../../src/kafka/connect/log';
import type { PortableConnectionSettings } from '../../src/kafka/connect/connection';
import { TailThread } from '../../src/kafka/tail/tailThread';
import { MessageStore } from '../../src/panel/messageStore';
import type { TailStatus, TailTarget } from '../../src/protocol';
import { kafka } from './setup';
import { createTopic, deleteTopics, produce, range, uniqueTopic, waitFor, withAdmin } from './tailFixture';

// The compiled worker next to this build of the Kafka layer (the extension ships its bundle, dist/worker.js).
const workerScript = path.resolve(__dirname, '../../src/kafka/threads/worker.js');

/** A TailThread feeding a real MessageStore, as a message panel does. */
class StoreTail {
  readonly store: MessageStore;
  readonly statuses: TailStatus[] = [];
  resets = 0;
  recycled = 0;
  readonly tail: TailThread;

  constructor(
    connection: PortableConnectionSettings,
    topic: string,
    target: TailTarget,
    maxMessages = 10_000,
    onBatch?: (from: number, store: MessageStore) => void,
  ) {
    // As the panel does: a dropped batch's buffer goes back to the worker.
    this.store = new MessageStore(maxMessages, undefined, (buffer) => {
      this.recycled++;
      this.tail.recycle(buffer);
    });
    this.tail = new TailThread(
      workerScript,
      async () => connection,
      topic,
      target,
      {
        records: (packed) => {
          const from = this.store.tail;
          this.store.addPacked(packed);
          onBatch?.(from, this.store);
        },
        status: (status) => this.statuses.push(status),
        reset: () => {
          this.resets++;
          this.store.reset();
        },
      },
      silentLogger,
    );
  }

  positions(): string[] {
    return Array.from(this.store.shownMessages(), (m) => `${m.partition}:${m.offset}`).sort(
      (a, b) => Number(a.split(':')[0]) - Number(b.split(':')[0]) || Number(a.split(':')[1]) - Number(b.split(':')[1]),
    );
  }
}

describe('TailThread: a tail in a worker thread (real broker)', function () {
  let bootstrap: string;
  let connection: PortableConnectionSettings;
  let topic: string;
  const topics: string[] = [];
  const tails: StoreTail[] = [];
  const open = (target: TailTarget, on = topic) => {
    const tail = new StoreTail(connection, on, target);
    tails.push(tail);
    return tail;
  };

  before(async () => {
    bootstrap = kafka().bootstrap;
    connection = { clientId: 'worker-tail-test', brokers: bootstrap.split(','), connectionTimeoutMs: 5000, requestTimeoutMs: 15000 };
    topic = uniqueTopic('worker-tail');
    topics.push(topic);
    await createTopic(bootstrap, topic, 2);
    for (const partition of [0, 1]) {
      await produce(
        bootstrap,
        topic,
        Array.from({ length: 20 }, (_, i) => ({
          partition,
          key: i === 2 ? null : `k-${partition}-${i}`,
          value: i === 3 ? null : `{"orderId":12345678901234567890,"price":1.10,"i":${i}}`,
          timestamp: String(1_700_000_000_000 + i),
          headers: i % 2 === 0 ? { 'trace-id': `t-${i}`, dup: ['a', 'b'] } : undefined,
        })),
      );
    }
  });

  afterEach(async () => {
    await Promise.all(tails.splice(0).map((t) => t.tail.stop()));
  });

  after(async () => {
    await deleteTopics(bootstrap, topics);
  });

  it('reads every record from the beginning, bytes, keys, headers and timestamps exact', async () => {
    const t = open({ start: { kind: 'beginning' } });
    await t.tail.start();
    await waitFor('40 messages', () => t.store.received >= 40);
    assert.deepStrictEqual(t.positions(), [...range(0, 0, 20), ...range(1, 0, 20)]);
    assert.deepStrictEqual(t.tail.topicPartitions, [0, 1]);
    assert.deepStrictEqual(t.tail.nextOffsets(), { '0': '20', '1': '20' });
    const byPosition = new Map(Array.from(t.store.shownMessages(), (m) => [`${m.partition}:${m.offset}`, m]));
    const fourth = byPosition.get('1:4')!;
    assert.strictEqual(fourth.key?.toString(), 'k-1-4');
    assert.strictEqual(fourth.value?.toString(), '{"orderId":12345678901234567890,"price":1.10,"i":4}');
    assert.strictEqual(fourth.timestamp, '1700000000004');
    assert.strictEqual(fourth.timestampType, 0);
    assert.strictEqual(fourth.headers?.['trace-id']?.toString(), 't-4');
    assert.deepStrictEqual((fourth.headers?.dup as Buffer[]).map(String), ['a', 'b']);
    assert.strictEqual(byPosition.get('0:2')!.key, null);
    assert.strictEqual(byPosition.get('0:3')!.value, null);
    assert.strictEqual(byPosition.get('0:3')!.headers, undefined);
    assert.strictEqual(t.statuses.at(-1)?.state, 'running');
  });

  it('re-seeks, pauses and resumes through the worker', async () => {
    const t = open({ start: { kind: 'last', count: 5 }, partitions: [1] });
    await t.tail.start();
    await waitFor('5 messages', () => t.store.received >= 5);
    assert.deepStrictEqual(t.positions(), range(1, 15, 20));

    await t.tail.seek({ start: { kind: 'offsets', offsets: { '0': '18', '1': '19' } } });
    await waitFor('3 messages after the seek', () => t.store.received >= 3);
    assert.strictEqual(t.resets, 1);
    assert.deepStrictEqual(t.positions(), ['0:18', '0:19', '1:19']);

    t.tail.pause();
    await waitFor('paused', () => t.tail.status.state === 'paused');
    await produce(bootstrap, topic, [{ partition: 0, value: 'while paused' }]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.strictEqual(t.store.received, 3, 'nothing arrives while paused');
    t.tail.resume();
    await waitFor('the record produced while paused', () => t.store.received >= 4);
    assert.deepStrictEqual(t.positions(), ['0:18', '0:19', '0:20', '1:19']);
  });

  it('packs later batches into the buffers of dropped ones, and every message still reads exactly as produced', async function () {
    this.timeout(120_000);
    const big = uniqueTopic('worker-tail-recycle');
    topics.push(big);
    await createTopic(bootstrap, big, 1);
    const total = 12_000;
    const valueOf = (i: number) => `{"seq":${i},"pad":"${String(i % 10).repeat(1000)}"}`;
    for (let from = 0; from < total; from += 500) {
      await produce(bootstrap, big, Array.from({ length: 500 }, (_, k) => ({ partition: 0, key: `k${from + k}`, value: valueOf(from + k) })));
    }
    const wrong: string[] = [];
    let checked = 0;
    // Fetches of about 1 MiB (1,000 of these records): a 3,000-message panel drops a batch every fetch or so.
    const t = new StoreTail(connection, big, { start: { kind: 'beginning' } }, 3_000, (from, store) => {
      // Each batch read as it arrives, before the next one can reuse anything.
      for (let pos = from; pos < store.tail; pos++) {
        const message = store.at(pos)!;
        const seq = Number(message.offset);
        if (message.value?.toString() !== valueOf(seq) || message.key?.toString() !== `k${seq}`) {
          wrong.push(message.offset);
        }
        checked++;
      }
    });
    tails.push(t);
    await t.tail.start();
    await waitFor(`${total} messages`, () => t.store.received >= total, 60_000);
    assert.strictEqual(checked, total);
    assert.deepStrictEqual(wrong, []);
    assert.ok(t.recycled >= 5, `batch buffers went back to the worker (${t.recycled})`);
    // The messages still kept read back exactly too, after all that reuse.
    const kept = Array.from(t.store.shownMessages());
    assert.strictEqual(kept.length, 3_000);
    assert.deepStrictEqual(
      kept.filter((m) => m.value?.toString() !== valueOf(Number(m.offset))).map((m) => m.offset),
      [],
    );
    assert.strictEqual(kept.at(-1)!.offset, String(total - 1));
  });

  it('stops: the worker leaves, its group is deleted, and the status says stopped', async () => {
    const t = open({ start: { kind: 'end' } });
    await t.tail.start();
    await waitFor('running', () => t.tail.status.state === 'running');
    const groups = async () => withAdmin(bootstrap, async (admin) => (await admin.listGroups()).groups.map((g) => g.groupId));
    assert.ok((await groups()).includes(t.tail.groupId), 'the throwaway group exists while tailing');
    await t.tail.stop();
    assert.strictEqual(t.tail.status.state, 'stopped');
    assert.ok(!(await groups()).includes(t.tail.groupId), 'the group is gone after stop');
  });

  it('a missing topic fails start with a clear message, and the worker ends', async () => {
    const t = open({ start: { kind: 'beginning' } }, uniqueTopic('no-such-topic'));
    await assert.rejects(t.tail.start(), /does not exist/);
    assert.strictEqual(t.tail.status.state, 'error');
    await t.tail.stop();
    assert.strictEqual(t.tail.status.state, 'stopped');
  });
});
