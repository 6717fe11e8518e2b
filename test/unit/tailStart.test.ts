import * as assert from 'assert';
import { resolveStart } from '../../src/kafka/tail/tailStart';

const watermarks = [
  { partition: 0, low: '0', high: '10' },
  { partition: 1, low: '5', high: '9223372036854775807' },
];
const resolved = (...args: Parameters<typeof resolveStart>) => Object.fromEntries(resolveStart(...args));

describe('resolveStart: where each partition starts', () => {
  it('beginning and end are the low and high watermarks, 64-bit exact', () => {
    assert.deepStrictEqual(resolved({ kind: 'beginning' }, watermarks), { 0: '0', 1: '5' });
    assert.deepStrictEqual(resolved({ kind: 'end' }, watermarks), { 0: '10', 1: '9223372036854775807' });
  });

  it('the last N stays within the retained messages', () => {
    assert.deepStrictEqual(resolved({ kind: 'last', count: 3 }, watermarks), { 0: '7', 1: '9223372036854775804' });
    assert.deepStrictEqual(resolved({ kind: 'last', count: 100 }, watermarks), { 0: '0', 1: '9223372036854775707' });
  });

  it('given offsets are clamped to [low, high]; unlisted partitions start at the end', () => {
    assert.deepStrictEqual(resolved({ kind: 'offsets', offsets: { '0': '99' } }, watermarks), { 0: '10', 1: '9223372036854775807' });
    assert.deepStrictEqual(resolved({ kind: 'offsets', offsets: { '1': '2', '0': '4' } }, watermarks), { 0: '4', 1: '5' });
  });

  it('a timestamp uses the offsets-for-times answer, or the end when there is none', () => {
    const byTime = new Map([[0, '6']]);
    assert.deepStrictEqual(resolved({ kind: 'timestamp', timestamp: 1 }, watermarks, byTime), { 0: '6', 1: '9223372036854775807' });
  });
});
