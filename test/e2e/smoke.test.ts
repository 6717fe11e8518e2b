import * as assert from 'assert';
import * as fs from 'node:fs';
import { openView, openWorkbench, runCommand, screenshot, teardown, waitForSidebarReady, type Workbench } from './harness';

describe('e2e smoke: the workbench in chromium', function () {
  let wb: Workbench | undefined;

  before(async function () {
    this.timeout(180_000);
    wb = await openWorkbench();
  });

  after(async () => teardown(wb));

  it('opens the workbench with the extension installed', async () => {
    const file = await screenshot(wb!.page, 'e2e-smoke-workbench');
    assert.ok(fs.statSync(file).size > 10_000, `${file} looks empty`);
  });

  it('opens the Kafka view from the activity bar', async () => {
    const sidebar = await openView(wb!.page, 'Kafka');
    // Opening it twice keeps it open (a second click would close the sidebar).
    await openView(wb!.page, 'Kafka');
    assert.ok(await sidebar.isVisible());
    await waitForSidebarReady(wb!.page);
    await screenshot(wb!.page, 'e2e-smoke-kafka-view');
  });

  it('runs a command through the command palette', async () => {
    await runCommand(wb!.page, 'View: Show Explorer');
    await wb!.page.locator('.part.sidebar .composite.title h2', { hasText: /explorer/i }).waitFor();
  });
});
