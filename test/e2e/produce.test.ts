import * as assert from 'assert';
import { randomUUID } from 'crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { openWorkbench, runCommand, screenshot, teardown, type Workbench } from './harness';

describe('e2e: producing a JSON Lines file from the editor', function () {
  const bootstrap = process.env.KAFKA_BOOTSTRAP;
  const topic = `e2e-produce-${randomUUID().slice(0, 8)}`;
  const admin = new Kafka({ clientId: 'e2e-produce', brokers: [bootstrap ?? ''], logLevel: logLevel.NOTHING }).admin();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-e2e-produce-'));
  const count = 40_000;
  let wb: Workbench | undefined;

  before(async function () {
    this.timeout(240_000);
    assert.ok(bootstrap, 'KAFKA_BOOTSTRAP must name the test broker');
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    const lines = Array.from(
      { length: count },
      (_, i) => `{"orderId":${9_000_000_000_000_000_000n + BigInt(i)},"customer":"c-${i % 97}","total":${i}.10}`,
    );
    fs.writeFileSync(path.join(folder, 'orders.jsonl'), lines.join('\n') + '\n');
    wb = await openWorkbench({
      folder,
      settings: {
        'kafka.clusters': [{ id: 'local', name: 'Local Kafka', bootstrapServers: bootstrap }],
        // Small batches, so that the progress notification stays up long enough to be seen.
        'kafka.produce.batchBytes': 2048,
      },
    });
  });

  after(async () => {
    await teardown(wb);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('shows progress with a Cancel button, then where the records went', async function () {
    this.timeout(180_000);
    const page = wb!.page;
    await page.keyboard.press('Control+P');
    const quickInput = page.locator('.quick-input-widget');
    const input = quickInput.locator('.quick-input-box input');
    await input.fill('orders.jsonl');
    await quickInput.locator('.monaco-list-row', { hasText: 'orders.jsonl' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'orders.jsonl' }).waitFor();
    // The editor shows the text: the document is open, not only its tab.
    await page.locator('.monaco-editor .view-lines', { hasText: 'orderId' }).first().waitFor();

    await runCommand(page, 'Kafka: Produce Document');
    // One cluster: straight to the topic.
    await input.waitFor({ state: 'visible' });
    await input.fill(topic);
    await quickInput.locator('.monaco-list-row', { hasText: topic }).first().waitFor();
    await page.keyboard.press('Enter');
    // The last step: Enter sends.
    await quickInput.locator('.monaco-list-row', { hasText: `Send the document to ${topic}` }).waitFor();
    await page.keyboard.press('Enter');

    const progress = page.locator('.notification-toast', { hasText: `Producing to ${topic}` });
    await progress.locator('text=/records sent/').waitFor({ timeout: 60_000 });
    assert.ok(await progress.getByRole('button', { name: 'Cancel' }).isVisible(), 'progress has a Cancel button');
    await screenshot(page, 'e2e-produce-progress');

    const result = page.locator('.notification-toast', { hasText: `Sent ${count} records to ${topic}` });
    await result.waitFor({ timeout: 120_000 });
    const text = await result.innerText();
    assert.match(text, /partition \d offsets 0–\d+/);
    assert.ok(await result.getByRole('button', { name: 'Show Messages' }).isVisible());
    await screenshot(page, 'e2e-produce-result');

    const offsets = await admin.fetchTopicOffsets(topic);
    assert.strictEqual(
      offsets.reduce((sum, p) => sum + Number(p.high), 0),
      count,
    );

    // "Show Messages": the message panel from the first offsets written.
    await result.getByRole('button', { name: 'Show Messages' }).click();
    await page.locator('.tab.active', { hasText: topic }).waitFor();
    const panel = page.locator('iframe.webview.ready:visible').first().contentFrame().locator('#active-frame').contentFrame();
    await panel.locator('#messages .row').first().waitFor({ timeout: 60_000 });
    assert.match(await panel.locator('#messages').innerText(), /90000000000000\d{5}/);
    await screenshot(page, 'e2e-produce-show-messages');
  });

  it('sends a selection to the topic the file went to last, and lists line, partition and offset', async function () {
    this.timeout(120_000);
    const page = wb!.page;
    await page.locator('.tab', { hasText: 'orders.jsonl' }).click();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Shift+ArrowDown');
    }
    await runCommand(page, 'Kafka: Produce Selection');
    const quickInput = page.locator('.quick-input-widget');
    const remembered = quickInput.locator('.monaco-list-row', { hasText: topic }).first();
    await remembered.waitFor();
    assert.match(await remembered.innerText(), /last used for this file/);
    await page.keyboard.press('Enter');
    await quickInput.locator('.monaco-list-row', { hasText: `Send the selection to ${topic}` }).waitFor();
    await page.keyboard.press('Enter');

    const result = page.locator('.notification-toast', { hasText: `Sent 3 records to ${topic}` });
    await result.waitFor({ timeout: 60_000 });
    await result.getByRole('button', { name: 'Record Offsets' }).click();
    const listing = page.locator('.tab.active', { hasText: `${topic}-` });
    await listing.waitFor();
    await page.locator('.view-lines', { hasText: 'line' }).first().waitFor();
    assert.match(await page.locator('.monaco-editor .view-lines').first().innerText(), /3\s+of\s+3\s+records\s+sent/);
    await screenshot(page, 'e2e-produce-record-offsets');
  });
});
