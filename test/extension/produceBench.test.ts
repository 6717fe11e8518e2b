// A measurement, not a timed test: runs only with KW_PRODUCE_BENCH=1, e.g.
//   KW_PRODUCE_BENCH=1 KW_TEST_GREP="produce benchmark" node out/scripts/vscode/runExtensionTests.js
// Produces 100,000 JSON Lines of about 200 bytes with "Kafka: Produce Document" inside the real
// extension host, watching the host's event loop, and raw kafkajs batched sends of the same
// records in the same host for comparison. Prints the figures; asserts only that all records went.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Partitioners } from 'kafkajs';
import * as vscode from 'vscode';
import type { ProduceTextOutcome } from '../../src/kafka/produce/produceRun';
import { orderLine, watchEventLoop } from '../../scripts/bench/measure';
import { extensionApi, kafkaBootstrap, setClusters, testKafka, uniqueName } from './support';

const records = Number(process.env.KW_PRODUCE_BENCH_RECORDS) || 100_000;

(process.env.KW_PRODUCE_BENCH === '1' ? describe : describe.skip)('produce benchmark (extension host)', function () {
  this.timeout(600_000);
  const admin = testKafka().admin();
  const topics: string[] = [];
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-produce-bench-'));
  const file = path.join(folder, 'orders.jsonl');

  before(async () => {
    await admin.connect();
    fs.writeFileSync(file, Array.from({ length: records }, (_, i) => orderLine(i)).join('\n') + '\n');
    await extensionApi();
    await setClusters([{ id: 'bench', name: 'Bench', bootstrapServers: kafkaBootstrap() }]);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setClusters([]);
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  async function newTopic(): Promise<string> {
    const topic = uniqueName('produce-bench');
    topics.push(topic);
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    return topic;
  }

  it(`produces ${records} JSON Lines from a document, watching the event loop`, async () => {
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const bytes = Buffer.byteLength(document.getText());
    const figures: string[] = [];
    for (let round = 0; round < 3; round++) {
      const ours = await newTopic();
      const stop = watchEventLoop();
      const started = performance.now();
      const outcome = await vscode.commands.executeCommand<ProduceTextOutcome>('kafka.produce.document', {
        clusterId: 'bench',
        topic: ours,
      });
      const oursMs = performance.now() - started;
      const block = stop();
      assert.strictEqual(outcome?.kind === 'done' && outcome.result.sent.length, records);

      const raw = await newTopic();
      const messages = document.getText().split('\n').filter((line) => line !== '').map((value) => ({ value }));
      const rawStarted = performance.now();
      const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      const perBatch = Math.floor((128 * 1024) / (bytes / records + 24));
      for (let i = 0; i < messages.length; i += perBatch) {
        await producer.send({ topic: raw, acks: -1, messages: messages.slice(i, i + perBatch) });
      }
      await producer.disconnect();
      const rawMs = performance.now() - rawStarted;
      figures.push(
        `round ${round + 1}: Produce Document ${oursMs.toFixed(0)} ms (${((records / oursMs) * 1000).toFixed(0)} records/s), ` +
          `raw kafkajs ${rawMs.toFixed(0)} ms, ratio ${(rawMs / oursMs).toFixed(2)}×, longest event-loop block ${block.wallMs.toFixed(0)} ms wall-clock (${block.cpuMs.toFixed(0)} ms of CPU), ` +
          `load ${os.loadavg()[0].toFixed(1)}`,
      );
      await admin.deleteTopics({ topics: [ours, raw] });
      topics.splice(0, topics.length);
    }
    console.log(`    ${records} lines, ${(bytes / 1e6).toFixed(1)} MB\n    ${figures.join('\n    ')}`);
  });
});
