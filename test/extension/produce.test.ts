import * as assert from 'assert';
import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import type { ProduceTextOutcome } from '../../src/kafka/produce/produceRun';
import { childrenAt, extensionApi, kafkaBootstrap, label, setClusters, testKafka, uniqueName } from './support';

async function readValues(topic: string, count: number): Promise<string[]> {
  const kafka = testKafka();
  const groupId = `produce-ext-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId });
  const values: { partition: number; offset: bigint; value: string }[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${values.length} of ${count} records`)), 20_000);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          values.push({ partition, offset: BigInt(message.offset), value: message.value?.toString('utf8') ?? '<null>' });
          if (values.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  return values.sort((a, b) => a.partition - b.partition || Number(a.offset - b.offset)).map((v) => v.value);
}

async function recordCount(topic: string): Promise<number> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

async function openEditor(content: string, language: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ content, language });
  return vscode.window.showTextDocument(document);
}

/** Accepts the quick pick that `opened` is waiting on, once it shows; real UI, no stubs. */
async function acceptQuickPick(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 700));
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

describe('Produce commands', () => {
  const admin = testKafka().admin();
  const topic = uniqueName('produce-ext');
  const otherTopic = uniqueName('produce-ext-other');

  before(async () => {
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic, numPartitions: 1 },
        { topic: otherTopic, numPartitions: 1 },
      ],
      waitForLeaders: true,
    });
    await extensionApi();
    await setClusters([{ id: 'local', name: 'Local', bootstrapServers: kafkaBootstrap() }]);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setClusters([]);
    await admin.deleteTopics({ topics: [topic, otherTopic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('sends the selected JSON Lines of a real editor, byte for byte', async () => {
    const lines = [
      '{"orderId": 1, "note": "not selected"}',
      '{"orderId":12345678901234567890,"price":1.10}',
      '  {"orderId": 2, "items": [1.0, 2.50]}',
      '{"orderId": 3, "note": "not selected either"}',
    ];
    const editor = await openEditor(lines.join('\n'), 'json');
    editor.selection = new vscode.Selection(1, 0, 2, lines[2].length);

    const outcome = await vscode.commands.executeCommand<ProduceTextOutcome>('kafka.produce.selection', {
      clusterId: 'local',
      topic,
    });
    assert.strictEqual(outcome?.kind, 'done');
    assert.deepStrictEqual(
      outcome.result.sent.map((s) => [s.line, s.partition, s.offset]),
      [
        [2, 0, '0'],
        [3, 0, '1'],
      ],
    );
    assert.deepStrictEqual(await readValues(topic, 2), [lines[1], lines[2].trim()]);
  });

  it('marks a bad line at its line and column in the Problems panel and sends nothing', async () => {
    const before = await recordCount(topic);
    const text = ['{"ok": 1}', '{"ok": 2}', '{"ok": 3, "bad": tru}', '{"ok": 4}'].join('\n');
    const editor = await openEditor(text, 'json');

    const outcome = await vscode.commands.executeCommand<ProduceTextOutcome>('kafka.produce.document', {
      clusterId: 'local',
      topic,
    });
    assert.strictEqual(outcome?.kind, 'invalid');
    const diagnostics = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'Kafka produce');
    assert.strictEqual(diagnostics.length, 1);
    assert.strictEqual(diagnostics[0].range.start.line, 2);
    assert.strictEqual(diagnostics[0].range.start.character, '{"ok": 3, "bad": '.length);
    assert.strictEqual(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(await recordCount(topic), before);

    // Fixed and sent again: the diagnostic goes away.
    await editor.edit((edit) => edit.replace(new vscode.Range(2, 17, 2, 20), 'true'));
    const fixed = await vscode.commands.executeCommand<ProduceTextOutcome>('kafka.produce.document', {
      clusterId: 'local',
      topic,
    });
    assert.strictEqual(fixed?.kind, 'done');
    assert.strictEqual(fixed.result.sent.length, 4);
    assert.deepStrictEqual(
      vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'Kafka produce'),
      [],
    );
  });

  it('offers the topic last used for the document first, through the real quick picks', async () => {
    const editor = await openEditor('{"remembered": true}', 'json');
    const first = await vscode.commands.executeCommand<ProduceTextOutcome>('kafka.produce.document', {
      clusterId: 'local',
      topic: otherTopic,
    });
    assert.strictEqual(first?.kind, 'done');
    // Another document sent elsewhere since: the most recent target overall is now `topic`.
    await openEditor('{"elsewhere": true}', 'json');
    await vscode.commands.executeCommand('kafka.produce.document', { clusterId: 'local', topic });

    await vscode.window.showTextDocument(editor.document);
    const running = vscode.commands.executeCommand<ProduceTextOutcome>('kafka.produce.document');
    await acceptQuickPick(); // target: the document's own, first
    await acceptQuickPick(); // options: Send
    const outcome = await running;
    assert.strictEqual(outcome?.kind, 'done');
    assert.strictEqual(outcome.result.topic, otherTopic);
  });

  it('"Produce to…" on a topic node sends the active editor to that topic', async () => {
    const api = await extensionApi();
    api.tree.refresh();
    const topics = await childrenAt(api, 'Local', 'Topics');
    const node = topics.find((child) => label(child) === topic);
    assert.ok(node, `no node for ${topic}`);
    await openEditor('plain text, one record', 'plaintext');

    const running = vscode.commands.executeCommand<ProduceTextOutcome>('kafka.topic.produce', node);
    await acceptQuickPick(); // options: Send
    const outcome = await running;
    assert.strictEqual(outcome?.kind, 'done');
    assert.strictEqual(outcome.result.topic, topic);
    assert.strictEqual(outcome.result.sent.length, 1);
  });
});
