// Mocha root hooks of the e2e suite (loaded by .mocharc.json).
import type { Context } from 'mocha';
import { openPages, screenshot } from './harness';

export const mochaHooks = {
  /** A failed test leaves a screenshot of every open workbench: test-results/failed-<test>-<n>.png. */
  async afterEach(this: Context): Promise<void> {
    const test = this.currentTest;
    if (test?.state !== 'failed') {
      return;
    }
    let n = 0;
    for (const page of openPages) {
      const file = await screenshot(page, `failed-${test.fullTitle().slice(0, 120)}-${++n}`).catch(() => undefined);
      if (file) console.log(`    screenshot of the failure: ${file}`);
    }
  },
};
