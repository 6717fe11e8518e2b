import * as assert from 'assert';
import type { TailMessage } from '../../src/kafka/tail';
import { MessageStore } from '../../src/panel/messageStore';
import { Ring } from '../../src/panel/ring';

function message(partition: number, offset: number, value: string | null, key: string | null = null): TailMessage {
  return {
    partition,
    offset: String(offset),
    timestamp: '1700000000000',
    timestampType: 0,
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.from(value),
    headers: {},
  };
}

const noFilter = { text: '', jsonField: '' };
const offsetsOf = (store: MessageStore) =>
  Array.from({ length: store.tail - store.head }, (_, i) => store.at(store.head + i)!).map((m) => `${m.partition}:${m.offset}`);

describe('Ring', () => {
  it('evicts the oldest item when full and iterates oldest first', () => {
    const ring = new Ring<number>(3);
    assert.strictEqual(ring.push(1), undefined);
    ring.push(2);
    ring.push(3);
    assert.strictEqual(ring.push(4), 1);
    assert.deepStrictEqual([...ring], [2, 3, 4]);
    assert.strictEqual(ring.at(0), 2);
    assert.strictEqual(ring.at(3), undefined);
    assert.strictEqual(ring.shift(), 2);
    assert.deepStrictEqual([...ring], [3, 4]);
  });
});

describe('MessageStore', () => {
  it('keeps at most maxMessages, drops the oldest and counts everything', () => {
    const store = new MessageStore(3);
    store.add([message(0, 0, 'ab'), message(0, 1, 'cd', 'k'), message(1, 0, null), message(1, 1, 'ef'), message(1, 2, 'gh')]);
    assert.deepStrictEqual(offsetsOf(store), ['1:0', '1:1', '1:2']);
    assert.deepStrictEqual(store.counters(7), { received: 5, shown: 3, kept: 3, dropped: 2, bytes: 9, rate: 7 });
    assert.strictEqual(store.head, 2);
    assert.strictEqual(store.tail, 5);
    assert.strictEqual(store.at(1), undefined, 'a dropped position is gone');
  });

  it('filters what it keeps, and keeps positions stable while old messages drop', () => {
    const store = new MessageStore(4);
    store.add([message(0, 0, '{"a":1}'), message(0, 1, 'plain'), message(1, 0, '{"a":2}')]);
    assert.strictEqual(store.setFilter({ ...noFilter, text: '"A"' }), undefined);
    const generation = store.generation;
    assert.deepStrictEqual(offsetsOf(store), ['0:0', '1:0']);
    store.add([message(1, 1, '{"a":3}'), message(1, 2, 'x'), message(1, 3, 'y')]);
    // 0:0 and 0:1 dropped from the kept four; only 0:0 was shown.
    assert.deepStrictEqual(offsetsOf(store), ['1:0', '1:1']);
    assert.strictEqual(store.head, 1);
    assert.strictEqual(store.at(2)!.offset, '1');
    assert.strictEqual(store.generation, generation);
    assert.deepStrictEqual(store.counters(0).shown, 2);
  });

  it('filters by partition, key text and JSON field together', () => {
    const store = new MessageStore(10);
    store.add([
      message(0, 0, '{"price":1.10}', 'Order-1'),
      message(1, 0, '{"price":1.1}', 'order-2'),
      message(1, 1, '{"price":2}', 'order-3'),
      message(1, 2, 'price 1.1', 'order-4'),
    ]);
    store.setFilter({ text: 'ORDER', partitions: [1], jsonField: 'price = 1.10' });
    assert.deepStrictEqual(offsetsOf(store), ['1:0']);
    store.setFilter(noFilter);
    assert.strictEqual(store.tail - store.head, 4);
  });

  it('refuses an unreadable JSON field test and keeps the old filter', () => {
    const store = new MessageStore(10);
    store.add([message(0, 0, 'a'), message(0, 1, 'b')]);
    store.setFilter({ ...noFilter, text: 'a' });
    assert.match(store.setFilter({ ...noFilter, jsonField: 'no equals sign' }) ?? '', /path = value/);
    assert.deepStrictEqual(offsetsOf(store), ['0:0']);
  });

  it('clear empties the list but keeps counting; reset zeroes the counters', () => {
    const store = new MessageStore(10);
    store.add([message(0, 0, 'a'), message(2, 5, 'b'), message(0, 1, 'c')]);
    assert.deepStrictEqual(store.firstKeptOffsets(), { '0': '0', '2': '5' });
    const before = store.generation;
    store.clear();
    assert.ok(store.generation > before);
    assert.strictEqual(store.tail - store.head, 0);
    assert.strictEqual(store.counters(0).received, 3);
    store.reset();
    assert.deepStrictEqual(store.counters(0), { received: 0, shown: 0, kept: 0, dropped: 0, bytes: 0, rate: 0 });
  });
});
