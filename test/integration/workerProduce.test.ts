import * as assert from 'assert';
import * as path from 'path';
import type { PortableConnectionSettings } from '../../src/kafka/connect/connection';
import type { LogLevel } from '../../src/kafka/connect/log';
import { ProduceThread } from '../../src/kafka/produce/produceThread';
import { createTopic, deleteTopics, readBack, recordCount, uniqueTopic } from './produceFixture';
import { kafka as testCluster } from './setup';

// The compiled worker next to this build of the Kafka layer (the extension ships its bundle, dist/worker.js).
const workerScript = path.resolve(__dirname, '../../src/kafka/threads/worker.js');

function orderLine(i: number): string {
  return `{"orderId":1234567890123456789${i % 10},"seq":${i},"price":${i}.10,"note":"${'x'.repeat(i % 50)}"}`;
}

describe('produce in a worker thread (real broker)', function () {
  this.timeout(120_000);
  const topics: string[] = [];
  let connection: PortableConnectionSettings;
  // One thread for all the jobs below, as in the extension: it stays up between produces.
  const thread = new ProduceThread(workerScript);

  async function newTopic(prefix: string, partitions = 1): Promise<string> {
    const topic = uniqueTopic(prefix);
    topics.push(topic);
    await createTopic(topic, partitions);
    return topic;
  }

  before(() => {
    connection = { clientId: 'worker-produce-test', brokers: testCluster().bootstrap.split(','), connectionTimeoutMs: 10_000, requestTimeoutMs: 30_000 };
  });

  after(async () => {
    thread.dispose();
    await deleteTopics(topics);
  });

  it('validates and sends JSON Lines byte for byte, with progress and the log coming back from the thread', async () => {
    const topic = await newTopic('worker-produce', 3);
    const lines = Array.from({ length: 5000 }, (_, i) => orderLine(i));
    const progress: number[] = [];
    const logged: LogLevel[] = [];
    const outcome = await thread.produceText(connection, lines.join('\n'), { format: 'jsonl', key: { kind: 'field', path: 'seq' } }, {
      topic,
      maxBatchBytes: 16 * 1024,
      onProgress: (sent) => progress.push(sent),
      logger: { log: (level) => logged.push(level) },
    });
    assert.strictEqual(outcome.kind, 'done');
    const { result } = outcome as Extract<typeof outcome, { kind: 'done' }>;
    assert.strictEqual(result.failure, undefined, result.failure?.message);
    assert.strictEqual(result.sent.length, 5000);
    assert.deepStrictEqual(
      result.partitions.map((p) => p.partition),
      [0, 1, 2],
    );
    assert.ok(progress.length > 3 && progress.at(-1) === 5000, `progress ${progress.join(',')}`);
    assert.ok(logged.length > 0, 'kafkajs log lines reach the logger');

    const read = await readBack(topic, 5000);
    const byPosition = new Map(read.map((r) => [`${r.partition}/${r.offset}`, r]));
    for (const sent of result.sent) {
      const record = byPosition.get(`${sent.partition}/${sent.offset}`);
      assert.strictEqual(record?.value?.toString('utf8'), lines[sent.line - 1]);
      assert.strictEqual(record?.key?.toString('utf8'), String(sent.line - 1));
    }
  });

  it("a shorter, non-ASCII text after a longer one: the reused input buffer carries nothing of the earlier text", async () => {
    const send = async (text: string) => {
      const topic = await newTopic('worker-produce-reuse');
      const outcome = await thread.produceText(connection, text, { format: 'jsonl' }, { topic });
      assert.strictEqual(outcome.kind, 'done');
      return readBack(topic, text.split('\n').length);
    };
    const long = Array.from({ length: 2000 }, (_, i) => orderLine(i)).join('\n');
    await send(long);
    const short = ['{"name":"Zoë","city":"Kraków"}', '{"emoji":"🚀","n":1}', '{"last":true}'];
    // The thread hands the first text's buffer back before the second produce asks for one.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const read = await send(short.join('\n'));
    assert.deepStrictEqual(
      read.map((r) => r.value?.toString('utf8')),
      short,
    );
  });

  it('reports an invalid line with its line and column and sends nothing', async () => {
    const topic = await newTopic('worker-produce-invalid');
    const lines = Array.from({ length: 2000 }, (_, i) => orderLine(i));
    lines[1234] = '{"orderId": 1,, "x": 2}';
    const outcome = await thread.produceText(connection, lines.join('\n'), { format: 'jsonl' }, { topic });
    assert.strictEqual(outcome.kind, 'invalid');
    assert.deepStrictEqual(
      (outcome as Extract<typeof outcome, { kind: 'invalid' }>).problems.map((p) => [p.line, p.column]),
      [[1235, 15]],
    );
    assert.strictEqual(await recordCount(topic), 0);
  });

  it('cancels between batches and says exactly which lines went', async () => {
    const topic = await newTopic('worker-produce-cancel', 2);
    const cancel = new AbortController();
    const outcome = await thread.produceText(
      connection,
      Array.from({ length: 20_000 }, (_, i) => orderLine(i)).join('\n'),
      { format: 'jsonl' },
      { topic, maxBatchBytes: 8 * 1024, signal: cancel.signal, onProgress: (sent) => sent >= 3000 && cancel.abort() },
    );
    assert.strictEqual(outcome.kind, 'done');
    const { result } = outcome as Extract<typeof outcome, { kind: 'done' }>;
    assert.strictEqual(result.cancelled, true);
    assert.ok(result.sent.length >= 3000 && result.sent.length < 20_000, `${result.sent.length} sent`);
    assert.strictEqual(result.sent.length + result.unsentLines.length, 20_000);
    assert.strictEqual(await recordCount(topic), result.sent.length);
  });

  it('an unreachable broker fails within the timeouts, with the reason', async () => {
    const started = Date.now();
    const outcome = await thread.produceText(
      { ...connection, brokers: ['127.0.0.1:1'], connectionTimeoutMs: 1000, requestTimeoutMs: 2000 },
      '{"a":1}',
      { format: 'json' },
      { topic: 'anything' },
    );
    assert.strictEqual(outcome.kind, 'done');
    const { result } = outcome as Extract<typeof outcome, { kind: 'done' }>;
    assert.deepStrictEqual(result.unsentLines, [1]);
    assert.match(result.failure?.message ?? '', /connect|refused|reach/i);
    assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  });
});
