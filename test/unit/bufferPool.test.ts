import * as assert from 'assert';
import { BufferPool } from '../../src/kafka/tail/bufferPool';

describe('BufferPool (buffers of dropped batches, reused by the tail thread)', () => {
  const KiB = 1024;

  it('gives the smallest spare buffer that holds the request, as a view of exactly the size asked', () => {
    const pool = new BufferPool(10 * 1024 * KiB);
    const [small, large] = [new ArrayBuffer(256 * KiB), new ArrayBuffer(512 * KiB)];
    pool.give([large, small]);
    const first = pool.take(200 * KiB);
    assert.strictEqual(first.buffer, small);
    assert.strictEqual(first.byteLength, 200 * KiB);
    assert.strictEqual(pool.take(300 * KiB).buffer, large);
    assert.strictEqual(pool.spareCount, 0);
  });

  it('makes a fresh buffer, rounded up to 128 KiB, when no spare one is big enough', () => {
    const pool = new BufferPool(10 * 1024 * KiB);
    const spare = new ArrayBuffer(128 * KiB);
    pool.give([spare]);
    const bytes = pool.take(300 * KiB);
    assert.notStrictEqual(bytes.buffer, spare);
    assert.strictEqual(bytes.byteLength, 300 * KiB);
    assert.strictEqual(bytes.buffer.byteLength, 384 * KiB);
    assert.strictEqual(pool.spareCount, 1);
  });

  it('keeps no more than its byte limit, nothing detached or small, and serves small requests fresh', () => {
    const pool = new BufferPool(600 * KiB);
    const detached = new ArrayBuffer(256 * KiB);
    structuredClone(detached, { transfer: [detached] });
    pool.give([new ArrayBuffer(256 * KiB), new ArrayBuffer(256 * KiB), new ArrayBuffer(256 * KiB), detached, new ArrayBuffer(1 * KiB)]);
    assert.strictEqual(pool.spareCount, 2);
    const small = pool.take(10 * KiB);
    assert.strictEqual(small.buffer.byteLength, 10 * KiB);
    assert.strictEqual(pool.spareCount, 2);
  });
});
