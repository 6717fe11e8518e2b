import * as assert from 'assert';
import { randomUUID } from 'crypto';
import { prettyJson } from '../../src/kafka/decode/jsonText';
import { openWorkbench, teardown, type Workbench } from './harness';
import { bigJson, createTopicWith, deleteTopicQuietly, knownMessages, produceKnown } from './panelData';
import { positions, selectByKey, tailFromPalette, waitForRows } from './panelHarness';

// Desktop VS Code serves each webview from an origin of its own, in a renderer process of its own;
// code-server serves them from the workbench's origin. The benchmark measures both ways.
describe('e2e: the message panel served from another site, in a renderer process of its own', function () {
  this.timeout(240_000);
  const bootstrap = process.env.KAFKA_BOOTSTRAP ?? '';
  const topic = `e2e-tail-own-process-${randomUUID().slice(0, 8)}`;
  let wb: Workbench | undefined;

  before(async function () {
    this.timeout(240_000);
    assert.ok(bootstrap, 'KAFKA_BOOTSTRAP must name the test broker');
    await createTopicWith(bootstrap, topic, 1);
    await produceKnown(bootstrap, topic);
    wb = await openWorkbench({
      settings: { 'kafka.clusters': [{ id: 'local', name: 'Local', bootstrapServers: bootstrap }] },
      webviewsInOwnProcess: true,
    });
  });

  after(async () => {
    await teardown(wb);
    await deleteTopicQuietly(bootstrap, topic);
  });

  it('lists every message and shows the exact JSON detail, with the webview isolated from the workbench', async () => {
    const page = wb!.page;
    const frame = await tailFromPalette(page, topic);
    const rows = await waitForRows(frame, knownMessages.length);
    assert.deepStrictEqual(positions(rows), knownMessages.map((_, i) => `0:${i}`));
    await selectByKey(frame, 'order-1');
    assert.strictEqual(await frame.locator('#detail-value pre.value').textContent(), prettyJson(bigJson));

    // VS Code names the webview's host after a hash of the workbench's origin; chromium runs another site out of process.
    // Runs in the page: this tsconfig has no DOM types.
    const origin = await frame.locator('body').evaluate(() => (globalThis as any).location.origin as string);
    assert.match(origin, /^http:\/\/[0-9a-v]{52}\.localhost:\d+$/);
    const cdp = await page.context().newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
    await cdp.detach();
    assert.ok(
      targetInfos.some((target) => target.type === 'iframe' && target.url.startsWith(origin)),
      `an out-of-process frame from ${origin} among ${JSON.stringify(targetInfos.map((target) => [target.type, target.url.slice(0, 80)]))}`,
    );
    assert.deepStrictEqual(
      wb!.pageErrors.filter((error) => /Content Security Policy|Refused to/.test(error)),
      [],
    );
  });
});
