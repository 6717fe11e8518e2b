import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TailPanel } from '../../src/panel/tailPanel';
import type { TailTopicArgs } from '../../src/commands/tailTopic';
import { tailGroupPrefix } from '../../src/kafka/tail/tailGroups';
import { createTopicWith, knownMessages, produceKnown } from '../e2e/panelData';
import { extensionApi, kafkaBootstrap, setClusters, testKafka, uniqueName } from './support';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function tail(args: TailTopicArgs): Promise<TailPanel> {
  const panel = await vscode.commands.executeCommand<TailPanel | undefined>('kafka.topic.tail', args);
  assert.ok(panel, 'kafka.topic.tail returned no panel');
  return panel;
}

async function groupIds(): Promise<string[]> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    return (await admin.listGroups()).groups.map((g) => g.groupId);
  } finally {
    await admin.disconnect();
  }
}

/** Every record of `topic` read with a raw consumer: key, value, headers, partition, timestamp. */
async function readAll(topic: string, count: number) {
  const kafka = testKafka();
  const groupId = uniqueName('tail-ext-check');
  const consumer = kafka.consumer({ groupId });
  const records: { partition: number; key: string | null; value: string | null; headers: Record<string, string>; timestamp: string }[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        records.push({ partition, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers, timestamp: message.timestamp });
      },
    });
    await waitFor(`${count} records on ${topic}`, () => records.length >= count);
  } finally {
    await consumer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  return records;
}

describe('Message panel (extension host, real broker)', function () {
  this.timeout(120_000);
  const bootstrap = kafkaBootstrap();
  const topic = uniqueName('tail-ext');
  const copyTopic = uniqueName('tail-ext-copy');

  before(async () => {
    await createTopicWith(bootstrap, topic, 1);
    await createTopicWith(bootstrap, copyTopic, 1);
    await produceKnown(bootstrap, topic);
    await extensionApi();
    await setClusters([{ id: 'local', name: 'Local', bootstrapServers: bootstrap }]);
  });

  afterEach(async () => {
    await (await extensionApi()).tailPanels.closeAll();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setClusters([]);
    const admin = testKafka().admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, copyTopic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('opens from kafka.topic.tail args, titled by the topic, and reads every message', async () => {
    const panel = await tail({ clusterId: 'local', topic, start: { kind: 'beginning' } });
    assert.strictEqual(panel.panel.title, topic);
    assert.strictEqual(panel.panel.viewType, 'kafka.messages');
    await waitFor('all known messages', () => panel.stats().received === knownMessages.length);
    assert.strictEqual(panel.stats().status.state, 'running');
    // Each update with new rows holds the tail until the webview says it drew it (not until the hold times out).
    await waitFor('the webview to report its draws', () => panel.stats().drawsAwaited > 0 && panel.stats().drawsReported === panel.stats().drawsAwaited);
    assert.ok(panel.stats().groupId.startsWith(tailGroupPrefix));
  });

  it('puts no names or data into the page: a hostile topic name reaches the webview only as a message', async () => {
    const hostile = '<img src=x onerror="alert(1)"></script><script>alert(2)</script>';
    const first = await tail({ clusterId: 'local', topic: hostile, start: { kind: 'end' } });
    const second = await tail({ clusterId: 'local', topic, start: { kind: 'end' } });
    await waitFor('the missing topic to be reported', () => first.stats().status.state === 'error');
    assert.match(first.stats().status.message ?? '', /does not exist/);
    assert.strictEqual(first.panel.title, hostile);
    const html = first.panel.webview.html;
    assert.ok(!html.includes('<img') && !html.includes('alert'), html);
    const nonceOf = (page: string) => /script-src 'nonce-([^']+)'/.exec(page)?.[1];
    assert.ok(nonceOf(html));
    assert.notStrictEqual(nonceOf(html), nonceOf(second.panel.webview.html), 'every page load gets a fresh nonce');
  });

  it('opens several panels at once, one per tail, each with its own start', async () => {
    const all = await tail({ clusterId: 'local', topic, start: { kind: 'beginning' } });
    const lastTwo = await tail({ clusterId: 'local', topic, start: { kind: 'last', count: 2 } });
    const fromOffset = await tail({ clusterId: 'local', topic, start: { kind: 'offsets', offsets: { '0': '5' } }, partitions: [0] });
    await waitFor('three tails', () => all.stats().received === 9 && lastTwo.stats().received === 2 && fromOffset.stats().received === 4);
    const api = await extensionApi();
    assert.strictEqual(api.tailPanels.list().length, 3);
    assert.strictEqual(new Set([all, lastTwo, fromOffset].map((p) => p.stats().groupId)).size, 3);
  });

  it('closing a panel disconnects its consumer, deletes its group and leaves no timer', async () => {
    const tailGroupsBefore = (await groupIds()).filter((id) => id.startsWith(tailGroupPrefix));
    const panel = await tail({ clusterId: 'local', topic, start: { kind: 'beginning' } });
    await waitFor('messages', () => panel.stats().received === knownMessages.length);
    const { groupId } = panel.stats();
    assert.ok((await groupIds()).includes(groupId), 'the tail group exists while the panel is open');
    assert.ok(panel.stats().timers > 0, 'an open panel holds its rate timer');

    panel.panel.dispose();
    await waitFor('the group to be deleted', async () => !(await groupIds()).includes(groupId));
    // The tail thread deletes the group and then says it stopped: that message may still be on its way.
    await waitFor('the tail to say it stopped', () => panel.stats().status.state === 'stopped');
    const stats = panel.stats();
    assert.strictEqual(stats.disposed, true);
    assert.strictEqual(stats.timers, 0);
    assert.deepStrictEqual((await extensionApi()).tailPanels.list(), []);
    const newTailGroups = (await groupIds()).filter((id) => id.startsWith(tailGroupPrefix) && !tailGroupsBefore.includes(id));
    assert.deepStrictEqual(newTailGroups, []);
  });

  it('keeps tailing while hidden and carries on when shown again', async () => {
    const panel = await tail({ clusterId: 'local', topic, start: { kind: 'beginning' } });
    await waitFor('messages', () => panel.stats().received === knownMessages.length);
    const { groupId } = panel.stats();
    const document = await vscode.workspace.openTextDocument({ content: 'hide the panel' });
    await vscode.window.showTextDocument(document, { viewColumn: panel.panel.viewColumn, preview: false });
    await waitFor('the panel to be hidden', () => !panel.panel.visible);
    await produceKnown(bootstrap, topic, knownMessages.slice(0, 2));
    await waitFor('messages produced while hidden', () => panel.stats().received === knownMessages.length + 2);
    panel.panel.reveal();
    await waitFor('the panel to be visible', () => panel.panel.visible);
    await produceKnown(bootstrap, topic, knownMessages.slice(0, 1));
    await waitFor('messages produced after showing again', () => panel.stats().received === knownMessages.length + 3);
    assert.strictEqual(panel.stats().groupId, groupId, 'the same tail, not a new one');
  });

  it('exports the shown messages as envelope JSON Lines that Produce Document sends again unchanged', async () => {
    const panel = await tail({ clusterId: 'local', topic, start: { kind: 'offsets', offsets: { '0': '0' } } });
    const total = knownMessages.length + 3; // the previous test produced three more
    await waitFor('messages', () => panel.stats().received === total);
    const file = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tail-export-')), 'export.jsonl'));
    const written = await panel.exportTo(file);
    assert.strictEqual(written.count, total);
    assert.strictEqual(written.lossy, 1, 'only the binary value cannot be written as text');

    const lines = fs.readFileSync(file.fsPath, 'utf8').trimEnd().split('\n');
    const textual = lines.filter((line) => !line.includes('"key":"bin"'));
    fs.writeFileSync(file.fsPath, `${textual.join('\n')}\n`);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    await vscode.commands.executeCommand('kafka.produce.document', { clusterId: 'local', topic: copyTopic, format: 'envelope' });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor', editor.document.uri);

    const original = (await readAll(topic, total)).filter((r) => r.key !== 'bin');
    const copy = await readAll(copyTopic, textual.length);
    assert.deepStrictEqual(copy, original);
    fs.rmSync(path.dirname(file.fsPath), { recursive: true, force: true });
  });
});
