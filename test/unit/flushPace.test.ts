import * as assert from 'assert';
import { flushInterval } from '../../src/panel/flushPace';

describe('flushInterval (how often the message panel updates its webview)', () => {
  it('updates ~30 times a second for a slow stream, ~10 for a busy one, ~4 for a firehose', () => {
    assert.strictEqual(flushInterval({ ratePerSecond: 5, sinceLastFlush: 0, msSinceLastFlush: 33 }), 33);
    assert.strictEqual(flushInterval({ ratePerSecond: 10_000, sinceLastFlush: 0, msSinceLastFlush: 100 }), 100);
    assert.strictEqual(flushInterval({ ratePerSecond: 300_000, sinceLastFlush: 0, msSinceLastFlush: 250 }), 250);
  });

  it('sees a firehose from the messages since the last update, before a whole second was counted', () => {
    // 12,000 messages in the 40 ms since the first update: 300,000 a second.
    assert.strictEqual(flushInterval({ ratePerSecond: 0, sinceLastFlush: 12_000, msSinceLastFlush: 40 }), 250);
    assert.strictEqual(flushInterval({ ratePerSecond: 0, sinceLastFlush: 200, msSinceLastFlush: 40 }), 100);
  });

  it('knows nothing yet before the first update, and keeps the last second when the stream pauses', () => {
    assert.strictEqual(flushInterval({ ratePerSecond: 0, sinceLastFlush: 500, msSinceLastFlush: 0 }), 33);
    assert.strictEqual(flushInterval({ ratePerSecond: 80_000, sinceLastFlush: 0, msSinceLastFlush: 250 }), 250);
  });
});
