import * as assert from 'assert';
import { TimeoutError, withTimeout } from '../../src/kafka/connect/timeout';

describe('withTimeout', () => {
  it('passes through a result that arrives in time', async () => {
    assert.strictEqual(await withTimeout(Promise.resolve(42), 1000, 'too slow'), 42);
  });

  it('rejects with the given message when the work hangs', async () => {
    const started = Date.now();
    await assert.rejects(withTimeout(new Promise(() => undefined), 50, 'no answer within 50 ms'), (error: unknown) => {
      assert.ok(error instanceof TimeoutError);
      assert.strictEqual(error.message, 'no answer within 50 ms');
      return true;
    });
    assert.ok(Date.now() - started < 1000);
  });
});
