// Mocha root hooks of the e2e suite (loaded by .mocharc.json).
import type { Context } from 'mocha';
import { openPages, runCommand, screenshot } from './harness';

export const mochaHooks = {
  /**
   * A failed test leaves a screenshot of every open workbench (test-results/failed-<test>-<n>.png) and
   * prints its notifications: a toast that has already hidden itself is only in the notification center.
   */
  async afterEach(this: Context): Promise<void> {
    const test = this.currentTest;
    if (test?.state !== 'failed') {
      return;
    }
    let n = 0;
    for (const page of openPages) {
      const file = await screenshot(page, `failed-${test.fullTitle().slice(0, 120)}-${++n}`).catch(() => undefined);
      if (file) console.log(`    screenshot of the failure: ${file}`);
      const notifications = await runCommand(page, 'Notifications: Show Notifications', 10_000)
        .then(() => page.locator('.notifications-center .notification-list-item-message').allInnerTexts())
        .catch((error: Error) => [`(could not read them: ${error.message.split('\n')[0]})`]);
      console.log(`    notifications: ${notifications.length > 0 ? notifications.join(' | ') : 'none'}`);
    }
  },
};
