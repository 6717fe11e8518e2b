import * as assert from 'assert';
import { consoleProduce } from '../../scripts/kafka/broker';
import type { CompressionName } from '../../src/kafka/connect/codecs';
import { produceRecords, produceText, type ProduceOptions, type ProduceResult } from '../../src/kafka/produce/produceRun';
import { parseRecords, type ParseOptions } from '../../src/kafka/produce/records';
import {
  consoleRead,
  createTopic,
  deleteTopics,
  logBytes,
  projectKafka,
  readBack,
  recordCount,
  topicExists,
  uniqueTopic,
} from './produceFixture';
import { kafka as testCluster } from './setup';

function orderLine(i: number): string {
  return `{"orderId":1234567890123456789${i % 10},"seq":${i},"price":${i}.10,"customer":"c-${i % 13}","note":"ünïcødé ${'x'.repeat(i % 40)}"}`;
}

async function produce(text: string, parse: ParseOptions, options: ProduceOptions): Promise<ProduceResult> {
  const outcome = await produceText(projectKafka(), text, parse, options);
  assert.strictEqual(outcome.kind, 'done', JSON.stringify(outcome).slice(0, 500));
  const { result } = outcome as { result: ProduceResult };
  assert.strictEqual(result.failure, undefined, result.failure?.message);
  return result;
}

describe('produce (integration)', function () {
  this.timeout(120_000);
  const topics: string[] = [];

  async function newTopic(prefix: string, partitions = 1, configs: Record<string, string> = {}): Promise<string> {
    const topic = uniqueTopic(prefix);
    topics.push(topic);
    await createTopic(topic, partitions, configs);
    return topic;
  }

  after(async () => {
    await deleteTopics(topics);
  });

  it('sends one multi-line JSON value byte for byte, big numbers included', async () => {
    const topic = await newTopic('produce-single');
    const value = '{\n  "orderId": 12345678901234567890,\n  "price": 1.10,\n  "items": [1e400, -0.0]\n}';
    const result = await produce(`\n${value}\n`, { format: 'json' }, { topic });
    assert.strictEqual(result.sent.length, 1);
    assert.deepStrictEqual(result.sent[0], { line: 2, partition: 0, offset: '0' });

    const [record] = await readBack(topic, 1);
    assert.ok(record.value?.equals(Buffer.from(value, 'utf8')), record.value?.toString());
    assert.strictEqual(record.key, null);
    assert.strictEqual(await consoleRead(topic, 1), `${value}\n`);
  });

  it('sends JSON Lines as one record per line, in order, with exact offsets', async () => {
    const topic = await newTopic('produce-jsonl');
    const lines = Array.from({ length: 1000 }, (_, i) => orderLine(i));
    const text = lines.map((line, i) => (i % 100 === 0 ? `\n${line}` : line)).join('\n');
    const result = await produce(text, { format: 'jsonl' }, { topic, maxBatchBytes: 16 * 1024 });
    assert.strictEqual(result.sent.length, 1000);
    assert.deepStrictEqual(result.partitions, [{ partition: 0, first: '0', last: '999', count: 1000 }]);

    const read = await readBack(topic, 1000);
    assert.deepStrictEqual(
      read.map((r) => r.value?.toString('utf8')),
      lines,
    );
    const sentOffsets = new Map(result.sent.map((s) => [s.offset, s.line]));
    const parsedLines = parseRecords(text, { format: 'jsonl' }).records.map((r) => r.line);
    read.forEach((r, i) => assert.strictEqual(sentOffsets.get(r.offset), parsedLines[i]));
    assert.strictEqual(await consoleRead(topic, 1000), lines.join('\n') + '\n');
  });

  it('sends plain text as one record, or one record per line', async () => {
    const topic = await newTopic('produce-text');
    const text = 'first line\r\n  second, not JSON {\n\nthird\n';
    await produce(text, { format: 'text' }, { topic });
    await produce(text, { format: 'text-lines' }, { topic });
    const read = await readBack(topic, 4);
    assert.deepStrictEqual(
      read.map((r) => r.value?.toString()),
      [text, 'first line', '  second, not JSON {', 'third'],
    );
  });

  it('sends envelopes with key, headers, partition and timestamp', async () => {
    const topic = await newTopic('produce-envelope', 3);
    const text = [
      '{"key": "k-1", "value": {"orderId": 12345678901234567890}, "headers": {"source": "editor", "trace": "t1"}, "partition": 2, "timestamp": 1700000000123}',
      '{"key": 98765432109876543210, "value": "plain text value", "partition": 1, "timestamp": "2024-02-29T12:00:00.000Z"}',
      '{"key": null, "value": [1.10, 2.20], "partition": 0, "headers": {}}',
    ].join('\n');
    const result = await produce(text, { format: 'envelope' }, { topic });
    assert.deepStrictEqual(
      result.sent.map((s) => [s.line, s.partition, s.offset]),
      [
        [1, 2, '0'],
        [2, 1, '0'],
        [3, 0, '0'],
      ],
    );

    const read = await readBack(topic, 3);
    assert.deepStrictEqual(
      read.map((r) => [r.partition, r.key?.toString() ?? null, r.value?.toString(), r.headers, r.timestamp]),
      [
        [0, null, '[1.10, 2.20]', {}, read[0].timestamp],
        [1, '98765432109876543210', 'plain text value', {}, String(Date.parse('2024-02-29T12:00:00.000Z'))],
        [2, 'k-1', '{"orderId": 12345678901234567890}', { source: 'editor', trace: 't1' }, '1700000000123'],
      ],
    );

    const printed = await consoleRead(topic, 3, {
      'print.key': 'true',
      'print.headers': 'true',
      'print.partition': 'true',
      'print.timestamp': 'true',
      'key.separator': '|',
    });
    const lines = printed.trim().split('\n').sort();
    assert.ok(
      lines.includes('CreateTime:1700000000123|Partition:2|source:editor,trace:t1|k-1|{"orderId": 12345678901234567890}'),
      printed,
    );
    assert.ok(lines.some((line) => line.endsWith('|Partition:1|NO_HEADERS|98765432109876543210|plain text value')), printed);
  });

  it('takes the key from a field and partitions by it as the Java producer does', async () => {
    const topic = await newTopic('produce-key', 4);
    const lines = Array.from({ length: 40 }, (_, i) => `{"order":{"id":"order-${i}"},"n":${i}}`);
    const result = await produce(lines.join('\n'), { format: 'jsonl', key: { kind: 'field', path: 'order.id' } }, { topic });
    assert.strictEqual(result.sent.length, 40);
    assert.ok(result.partitions.length > 1, 'keys spread over partitions');

    // Kafka's console producer (Java's partitioner) with the same keys must pick the same partitions.
    const javaTopic = await newTopic('produce-key-java', 4);
    const produced = await consoleProduce(
      testCluster(),
      javaTopic,
      lines.map((_, i) => `order-${i}|x`),
      { parseKey: true, keySeparator: '|' },
    );
    assert.strictEqual(produced.code, 0, produced.stderr);
    const ours = new Map((await readBack(topic, 40)).map((r) => [r.key?.toString(), r.partition]));
    const java = new Map((await readBack(javaTopic, 40)).map((r) => [r.key?.toString(), r.partition]));
    assert.strictEqual(ours.size, 40);
    assert.deepStrictEqual([...ours.entries()].sort(), [...java.entries()].sort());
  });

  for (const compression of ['gzip', 'snappy', 'lz4', 'zstd'] as CompressionName[]) {
    it(`compresses with ${compression}: Kafka's consumer and ours read the exact bytes, and the log is smaller`, async () => {
      const plainTopic = await newTopic(`produce-none`);
      const topic = await newTopic(`produce-${compression}`);
      const lines = Array.from({ length: 2000 }, (_, i) => orderLine(i));
      const text = lines.join('\n');
      await produce(text, { format: 'jsonl' }, { topic: plainTopic, compression: 'none' });
      const result = await produce(text, { format: 'jsonl' }, { topic, compression });
      assert.strictEqual(result.sent.length, 2000);

      const read = await readBack(topic, 2000);
      assert.deepStrictEqual(read.map((r) => r.value?.toString('utf8')), lines);
      assert.strictEqual(await consoleRead(topic, 2000), text + '\n');
      const [plain, compressed] = [await logBytes(plainTopic), await logBytes(topic)];
      assert.ok(compressed < plain / 2, `${compression}: ${compressed} bytes on disk vs ${plain} uncompressed`);
    });
  }

  it('sends nothing when one line in the middle of 10,000 is invalid', async () => {
    const topic = await newTopic('produce-invalid');
    const lines = Array.from({ length: 10_000 }, (_, i) => orderLine(i));
    lines[5000] = '{"orderId": 1, "price": 1.10,, "x": 2}';
    const outcome = await produceText(projectKafka(), lines.join('\n'), { format: 'jsonl' }, { topic });
    assert.strictEqual(outcome.kind, 'invalid');
    if (outcome.kind === 'invalid') {
      assert.deepStrictEqual(
        outcome.problems.map((p) => [p.line, p.column]),
        [[5001, 30]],
      );
    }
    assert.strictEqual(await recordCount(topic), 0);
  });

  it('stops after the batch in flight when cancelled and reports exactly what was sent', async () => {
    const topic = await newTopic('produce-cancel', 2);
    const records = parseRecords(
      Array.from({ length: 20_000 }, (_, i) => orderLine(i)).join('\n'),
      { format: 'jsonl' },
    ).records;
    const controller = new AbortController();
    let lastReported = 0;
    const result = await produceRecords(projectKafka(), records, {
      topic,
      maxBatchBytes: 8 * 1024,
      signal: controller.signal,
      onProgress: (sent) => {
        lastReported = sent;
        if (sent >= 3000) {
          controller.abort();
        }
      },
    });
    assert.strictEqual(result.cancelled, true);
    assert.ok(result.sent.length >= 3000 && result.sent.length < 20_000, `${result.sent.length} sent`);
    assert.strictEqual(result.sent.length + result.unsentLines.length, 20_000);
    assert.strictEqual(await recordCount(topic), result.sent.length);
    const sentLines = new Set(result.sent.map((s) => s.line));
    assert.ok(result.unsentLines.every((line) => !sentLines.has(line)));
    assert.strictEqual(lastReported, result.sent.length, 'the progress reported every batch that went');
    const read = await readBack(topic, result.sent.length);
    const expected = new Map(result.sent.map((s) => [`${s.partition}/${s.offset}`, records[s.line - 1].value]));
    for (const r of read) {
      assert.strictEqual(r.value?.toString(), expected.get(`${r.partition}/${r.offset}`));
    }
  });

  it('names the record larger than max.message.bytes; the records before it are sent, the rest are not', async () => {
    const topic = await newTopic('produce-too-large', 1, { 'max.message.bytes': '10000' });
    const lines = Array.from({ length: 11 }, (_, i) => orderLine(i));
    lines[5] = `{"blob":"${'y'.repeat(20_000)}"}`;
    const outcome = await produceText(projectKafka(), lines.join('\n'), { format: 'jsonl' }, { topic });
    assert.strictEqual(outcome.kind, 'done');
    const { result } = outcome as { result: ProduceResult };
    assert.ok(result.failure);
    assert.strictEqual(result.failure.type, 'MESSAGE_TOO_LARGE');
    assert.deepStrictEqual(result.failure.lines, [6]);
    assert.match(result.failure.message, /line 6 is too large: 20011 bytes.*at most 10000 bytes \(max\.message\.bytes\)/);
    assert.deepStrictEqual(
      result.sent.map((s) => s.line),
      [1, 2, 3, 4, 5],
    );
    assert.deepStrictEqual(result.unsentLines, [6, 7, 8, 9, 10, 11]);
    assert.strictEqual(await recordCount(topic), 5);
  });

  it('sends key-less JSON Lines over 3 partitions, every offset exact', async () => {
    const topic = await newTopic('produce-spread', 3);
    const lines = Array.from({ length: 3000 }, (_, i) => orderLine(i));
    const result = await produce(lines.join('\n'), { format: 'jsonl' }, { topic, maxBatchBytes: 8 * 1024 });
    assert.strictEqual(result.sent.length, 3000);
    assert.deepStrictEqual(
      result.partitions.map((p) => p.partition),
      [0, 1, 2],
    );
    const read = await readBack(topic, 3000);
    assert.strictEqual(read.length, 3000);
    const onTopic = new Map(read.map((r) => [`${r.partition}/${r.offset}`, r.value?.toString('utf8')]));
    for (const sent of result.sent) {
      assert.strictEqual(onTopic.get(`${sent.partition}/${sent.offset}`), lines[sent.line - 1], `line ${sent.line}`);
    }
  });

  it('over 3 partitions, a record too large: reports exactly what was written, no record written twice', async () => {
    const topic = await newTopic('produce-refused-spread', 3, { 'max.message.bytes': '20000' });
    const lines = Array.from({ length: 300 }, (_, i) => orderLine(i));
    lines[149] = `{"blob":"${'y'.repeat(30_000)}"}`;
    const outcome = await produceText(projectKafka(), lines.join('\n'), { format: 'jsonl' }, { topic, maxBatchBytes: 4 * 1024 });
    assert.strictEqual(outcome.kind, 'done');
    const { result } = outcome as { result: ProduceResult };
    assert.strictEqual(result.failure?.type, 'MESSAGE_TOO_LARGE', result.failure?.message);
    assert.deepStrictEqual(result.failure.lines, [150]);
    assert.ok(result.sent.length > 100, `${result.sent.length} sent`);
    assert.ok(!result.sent.some((s) => s.line === 150));
    assert.strictEqual(result.sent.length + result.unsentLines.length, 300);
    // On the topic: exactly the records reported sent, each once, at the offsets reported.
    assert.strictEqual(await recordCount(topic), result.sent.length);
    const read = await readBack(topic, result.sent.length);
    const onTopic = new Map(read.map((r) => [`${r.partition}/${r.offset}`, r.value?.toString('utf8')]));
    for (const sent of result.sent) {
      assert.strictEqual(onTopic.get(`${sent.partition}/${sent.offset}`), lines[sent.line - 1], `line ${sent.line}`);
    }
  });

  it('refuses a topic that does not exist and does not create it', async () => {
    const topic = uniqueTopic('produce-missing');
    const outcome = await produceText(projectKafka(), '{"a":1}\n{"a":2}', { format: 'jsonl' }, { topic });
    const { result } = outcome as { result: ProduceResult };
    assert.match(result.failure?.message ?? '', /does not exist/);
    assert.deepStrictEqual(result.unsentLines, [1, 2]);
    assert.strictEqual(await topicExists(topic), false);
  });

  it('refuses an envelope partition the topic does not have, before sending anything', async () => {
    const topic = await newTopic('produce-bad-partition', 2);
    const text = '{"value": 1, "partition": 0}\n{"value": 2, "partition": 5}';
    const outcome = await produceText(projectKafka(), text, { format: 'envelope' }, { topic });
    const { result } = outcome as { result: ProduceResult };
    assert.match(result.failure?.message ?? '', /has 2 partitions .* line 2 names another/);
    assert.strictEqual(await recordCount(topic), 0);
  });
});
