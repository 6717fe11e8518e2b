import * as assert from 'assert';
import { committedOrUndefined, lag, messageCount, parseOffset, planReset, totalLag, type PartitionPosition } from '../../src/kafka/admin/offsets';

describe('offset arithmetic (BigInt, exact beyond 2^53)', () => {
  const big = '9223372036854775000';

  it('computes lag exactly for offsets a number cannot hold', () => {
    assert.strictEqual(lag('9223372036854775807', big), 807n);
    assert.notStrictEqual(Number('9223372036854775807') - Number(big), 807, 'a number would have lost it');
  });

  it('has no lag for a partition without a committed offset', () => {
    assert.strictEqual(lag('10', undefined), undefined);
    assert.strictEqual(lag('10', '-1'), undefined);
    assert.strictEqual(committedOrUndefined('-1'), undefined);
    assert.strictEqual(committedOrUndefined('0'), '0');
  });

  it('counts messages as high minus low and sums lags', () => {
    assert.strictEqual(messageCount('9007199254740993', '9007199254740995'), 2n);
    assert.strictEqual(totalLag([5n, undefined, 9007199254740993n]), 9007199254740998n);
  });

  it('parses offsets and signed shifts, refusing what is not a 64-bit integer', () => {
    assert.deepStrictEqual(parseOffset(' 9223372036854775807 ', false), { value: 9223372036854775807n });
    assert.deepStrictEqual(parseOffset('-15', true), { value: -15n });
    assert.deepStrictEqual(parseOffset('+15', true), { value: 15n });
    assert.ok('error' in parseOffset('-15', false));
    assert.ok('error' in parseOffset('1.5', true));
    assert.ok('error' in parseOffset('9223372036854775808', false));
  });
});

describe('planReset', () => {
  const positions: PartitionPosition[] = [
    { topic: 't', partition: 0, low: '10', high: '100', committed: '50', atTimestamp: '70' },
    { topic: 't', partition: 1, low: '0', high: '5', committed: undefined, atTimestamp: '5' },
  ];

  it('resets to earliest and latest with the lag left after', () => {
    assert.deepStrictEqual(planReset(positions, { kind: 'earliest' }), [
      { topic: 't', partition: 0, current: '50', next: '10', lagAfter: '90' },
      { topic: 't', partition: 1, current: undefined, next: '0', lagAfter: '5' },
    ]);
    assert.deepStrictEqual(
      planReset(positions, { kind: 'latest' }).map((row) => [row.next, row.lagAfter]),
      [['100', '0'], ['5', '0']],
    );
  });

  it('uses the offsets found for a timestamp', () => {
    assert.deepStrictEqual(
      planReset(positions, { kind: 'timestamp', timestamp: 1 }).map((row) => row.next),
      ['70', '5'],
    );
  });

  it('keeps a specific offset within the low and high watermarks', () => {
    assert.deepStrictEqual(planReset(positions, { kind: 'offset', offset: 3n }).map((row) => row.next), ['10', '3']);
    assert.deepStrictEqual(planReset(positions, { kind: 'offset', offset: 1000n }).map((row) => row.next), ['100', '5']);
  });

  it('shifts from the committed offset, clamped, and refuses a partition with none', () => {
    assert.deepStrictEqual(planReset([positions[0]], { kind: 'shift', by: -45n }).map((row) => row.next), ['10']);
    assert.deepStrictEqual(planReset([positions[0]], { kind: 'shift', by: 20n }).map((row) => [row.next, row.lagAfter]), [['70', '30']]);
    assert.throws(() => planReset(positions, { kind: 'shift', by: 1n }), /no committed offset/);
  });

  it('stays exact near the 64-bit limit', () => {
    const huge: PartitionPosition = { topic: 't', partition: 0, low: '0', high: '9223372036854775807', committed: '9223372036854775000' };
    assert.deepStrictEqual(planReset([huge], { kind: 'shift', by: 7n })[0], {
      topic: 't',
      partition: 0,
      current: '9223372036854775000',
      next: '9223372036854775007',
      lagAfter: '800',
    });
  });
});
