import * as assert from 'assert';
import { randomUUID } from 'crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { Locator, Page } from 'playwright-core';
import { openView, openWorkbench, screenshot, teardown, waitForSidebarReady, type Workbench } from './harness';

describe('e2e: exploring and administering a cluster in the Kafka view', function () {
  const bootstrap = process.env.KAFKA_BOOTSTRAP;
  const suffix = randomUUID().slice(0, 8);
  const topic = `e2e-payments-${suffix}`;
  const group = `e2e-billing-${suffix}`;
  const kafka = new Kafka({ clientId: 'e2e-explorer', brokers: [bootstrap ?? ''], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  let wb: Workbench | undefined;
  let sidebar: Locator;

  const row = (name: RegExp) => sidebar.getByRole('treeitem', { name }).first();

  async function expand(name: RegExp): Promise<Locator> {
    const item = row(name);
    await item.waitFor({ timeout: 30_000 });
    if ((await item.getAttribute('aria-expanded')) !== 'true') {
      await item.click();
    }
    return item;
  }

  async function collapse(name: RegExp): Promise<void> {
    const item = row(name);
    if ((await item.getAttribute('aria-expanded')) === 'true') {
      await item.click();
    }
  }

  before(async function () {
    this.timeout(240_000);
    assert.ok(bootstrap, 'KAFKA_BOOTSTRAP must name the test broker');
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    for (const [partition, count] of [120, 80, 45].entries()) {
      await producer.send({ topic, messages: Array.from({ length: count }, (_, i) => ({ partition, key: `p${i}`, value: `{"payment":${i}}` })) });
    }
    await producer.disconnect();
    // A consumer group that read part of the topic and stopped: it lags.
    const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: 100 });
    await consumer.connect();
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    consumer.pause([{ topic }]);
    await joined;
    await consumer.commitOffsets([
      { topic, partition: 0, offset: '100' },
      { topic, partition: 1, offset: '30' },
      { topic, partition: 2, offset: '45' },
    ]);
    await consumer.disconnect();
    wb = await openWorkbench({
      settings: { 'kafka.clusters': [{ id: 'local', name: 'Local Kafka', bootstrapServers: bootstrap }] },
      viewport: { width: 1400, height: 900 },
    });
    sidebar = await openView(wb.page, 'Kafka');
    await waitForSidebarReady(wb.page);
    await widenSidebar(wb.page, 620);
  });

  after(async () => {
    await teardown(wb);
    await admin.deleteGroups([group]).catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('shows the brokers with their address and the controller', async () => {
    await expand(/Local Kafka/);

    await expand(/^Brokers/);
    const broker = row(/^Broker \d+/);
    await broker.waitFor();
    assert.match(await broker.innerText(), new RegExp(`${bootstrap!.split(',')[0].replace(/\./g, '\\.')}.*controller`));
    await screenshot(wb!.page, 'e2e-explorer-brokers');
  });

  it("shows a topic's partitions with leader, replicas, ISR and message counts", async () => {
    await collapse(/^Brokers/);
    await expand(/^Topics/);
    await expand(new RegExp(topic));
    await expand(/^Partitions/);
    const first = row(/^Partition 0/);
    await first.waitFor();
    assert.match(await first.innerText(), /leader \d+ · replicas \[\d+\] · ISR \[\d+\] · offsets 0–120 · 120 msgs/);
    await row(/^Partition 2/).waitFor();
    await screenshot(wb!.page, 'e2e-explorer-topic-partitions');
  });

  it('shows a consumer group with its lag per partition', async () => {
    await collapse(/^Topics/);
    await expand(/^Consumer Groups/);
    const groupRow = await expand(new RegExp(group));
    assert.match(await groupRow.innerText(), /Empty · 0 members · lag 70/);
    await expand(new RegExp(`^${topic}`));
    const lagging = row(/^Partition 1/);
    await lagging.waitFor();
    assert.match(await lagging.innerText(), /committed 30 · end 80 · lag 50/);
    await screenshot(wb!.page, 'e2e-explorer-group-lag');
  });

  it('previews a reset to the earliest offsets and applies it only on confirmation', async function () {
    this.timeout(120_000);
    const page = wb!.page;
    const groupRow = row(new RegExp(group));
    await groupRow.click({ button: 'right' });
    await page.getByRole('menuitem', { name: /Reset Consumer Group Offsets/ }).click();
    await pickQuickInput(page, 'All topics of the group');
    await pickQuickInput(page, 'Earliest');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), new RegExp(`Reset the offsets of group "${group}" to the earliest offset`));
    const editor = page.locator('.editor-instance .view-lines').first();
    await editor.waitFor();
    assert.match(await editor.innerText(), /CURRENT-OFFSET\s+NEW-OFFSET\s+LAG-AFTER/);
    await screenshot(page, 'e2e-reset-offsets-preview');

    await dialog.getByRole('button', { name: 'Apply Reset' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const deadline = Date.now() + 30_000;
    let offsets: string[] = [];
    while (Date.now() < deadline) {
      const [entry] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      offsets = entry.partitions.sort((a, b) => a.partition - b.partition).map((partition) => partition.offset);
      if (offsets.every((offset) => offset === '0')) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.deepStrictEqual(offsets, ['0', '0', '0']);
    await sidebar.getByRole('treeitem', { name: /lag 245/ }).first().waitFor({ timeout: 30_000 });
  });
});

/** Drags the sidebar's edge so that descriptions (offsets, lags) are not cut off in the screenshots. */
async function widenSidebar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) {
    return;
  }
  const edge = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(edge, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
}

async function pickQuickInput(page: Page, label: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const item = widget.locator('.monaco-list-row', { hasText: label }).first();
  await item.waitFor({ timeout: 30_000 });
  await item.click();
}
