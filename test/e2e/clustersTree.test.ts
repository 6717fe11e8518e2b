import * as assert from 'assert';
import { randomUUID } from 'crypto';
import { Kafka, logLevel } from 'kafkajs';
import { openView, openWorkbench, screenshot, teardown, waitForSidebarReady, type Workbench } from './harness';

describe('e2e: the Clusters tree in the Kafka view', function () {
  const bootstrap = process.env.KAFKA_BOOTSTRAP;
  const topic = `e2e-orders-${randomUUID().slice(0, 8)}`;
  const admin = new Kafka({ clientId: 'e2e', brokers: [bootstrap ?? ''], logLevel: logLevel.NOTHING }).admin();
  let wb: Workbench | undefined;

  before(async function () {
    this.timeout(180_000);
    assert.ok(bootstrap, 'KAFKA_BOOTSTRAP must name the test broker');
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    wb = await openWorkbench({
      settings: { 'kafka.clusters': [{ id: 'local', name: 'Local Kafka', bootstrapServers: bootstrap }] },
    });
  });

  after(async () => {
    await teardown(wb);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('expands the cluster and its Topics to show a topic from the broker', async () => {
    const page = wb!.page;
    const sidebar = await openView(page, 'Kafka');
    await waitForSidebarReady(page);

    await sidebar.getByRole('treeitem', { name: /Local Kafka/ }).click();
    await sidebar.getByRole('treeitem', { name: /^Topics/ }).click();
    const topicRow = sidebar.getByRole('treeitem', { name: new RegExp(topic) });
    await topicRow.waitFor({ timeout: 30_000 });
    assert.match(await topicRow.innerText(), new RegExp(`${topic}\\s*3 partitions`));
    await screenshot(page, 'e2e-clusters-tree-topics');
  });
});
