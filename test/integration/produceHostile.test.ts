// Bad input through the project's produce path (produceText) against the real broker:
// where validation fails nothing reaches the topic; byte-order marks and CRLF never end up in a record.
import * as assert from 'assert';
import { produceText, type ProduceTextOutcome } from '../../src/kafka/produce/produceRun';
import type { ParseOptions } from '../../src/kafka/produce/records';
import { createTopic, deleteTopics, projectKafka, readBack, recordCount, uniqueTopic } from './produceFixture';

describe('produce: bad and hostile input (real broker)', function () {
  this.timeout(120_000);
  const topics: string[] = [];

  async function newTopic(prefix: string): Promise<string> {
    const topic = uniqueTopic(prefix);
    topics.push(topic);
    try {
      await createTopic(topic, 1);
    } catch (error) {
      // kafkajs's wait for the new topic's leader gives up on UNKNOWN_TOPIC_OR_PARTITION (seen on a busy Kafka 3.9).
      if (!isUnknownTopic(error)) throw error;
    }
    await settled(() => recordCount(topic));
    return topic;
  }

  after(async () => {
    await deleteTopics(topics);
  });

  function send(topic: string, text: string, parse: ParseOptions): Promise<ProduceTextOutcome> {
    return produceText(projectKafka(), text, parse, { topic });
  }

  async function expectNothingSent(topic: string, outcome: ProduceTextOutcome, lines: number[]): Promise<void> {
    assert.strictEqual(outcome.kind, 'invalid', JSON.stringify(outcome).slice(0, 300));
    if (outcome.kind !== 'invalid') return;
    assert.deepStrictEqual(outcome.problems.map((p) => p.line), lines);
    assert.strictEqual(outcome.problemCount, lines.length);
    assert.strictEqual(await settled(() => recordCount(topic)), 0);
  }

  function isUnknownTopic(error: unknown): boolean {
    return (error as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION';
  }

  // Right after creation a broker may still answer UNKNOWN_TOPIC_OR_PARTITION for a moment.
  async function settled<T>(read: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await read();
      } catch (error) {
        if (attempt >= 40 || !isUnknownTopic(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  it('100,000 JSON Lines with invalid lines at the start, the middle and the end: all three named, nothing sent', async () => {
    const topic = await newTopic('hostile-100k');
    const lines = Array.from({ length: 100_000 }, (_, i) => `{"seq":${i},"v":"${'x'.repeat(i % 30)}"}`);
    lines[0] = '{"seq":0,';
    lines[50_000] = '{"seq":50000 "v":1}';
    lines[99_999] = 'not json';
    const started = Date.now();
    const outcome = await send(topic, lines.join('\n'), { format: 'jsonl' });
    console.log(`      validated 100,000 lines in ${Date.now() - started} ms`);
    await expectNothingSent(topic, outcome, [1, 50_001, 100_000]);
  });

  it('a truncated file, and headers that are not strings: named at their lines, nothing sent', async () => {
    const topic = await newTopic('hostile-truncated');
    await expectNothingSent(topic, await send(topic, '{"a":1}\n{"a":2}\n{"a":[1,', { format: 'jsonl' }), [3]);
    const envelopes = ['{"value":1,"headers":{"ok":"yes"}}', '{"value":2,"headers":{"n":1}}', '{"value":3,"headers":{"b":true}}'];
    await expectNothingSent(topic, await send(topic, envelopes.join('\n'), { format: 'envelope' }), [2, 3]);
  });

  it('a byte-order mark and CRLF line ends never reach the records', async () => {
    const topic = await newTopic('hostile-bom-crlf');
    const lines = Array.from({ length: 500 }, (_, i) => `{"seq":${i},"text":"ünïcødé"}`);
    const outcome = await send(topic, `\uFEFF${lines.join('\r\n')}\r\n`, { format: 'jsonl' });
    assert.strictEqual(outcome.kind, 'done');
    assert.strictEqual(outcome.kind === 'done' && outcome.result.sent.length, 500);
    const read = await readBack(topic, 500);
    assert.deepStrictEqual(read.map((r) => r.value?.toString('utf8')), lines);
    assert.ok(read.every((r) => !r.value!.includes(0x0d) && r.value![0] !== 0xef));
  });
});
