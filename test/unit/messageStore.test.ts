import * as assert from 'assert';
import type { TailMessage, TailRecord } from '../../src/kafka/tail/tailMessage';
import { packRecords } from '../../src/kafka/tail/packedRecords';
import { keptMessages, MessageStore } from '../../src/panel/messageStore';
import { MessageLog } from '../../src/panel/messageLog';
import { NumberRing } from '../../src/panel/ring';

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

/** The record kafkajs would have delivered for `message`. */
const record = (message: TailMessage): TailRecord => ({ ...message, batchContext: { timestampType: message.timestampType } });
const addAll = (store: MessageStore, messages: TailMessage[]) => messages.forEach((m) => store.add(m.partition, [record(m)]));

const noFilter = { text: '', jsonField: '' };
const offsetsOf = (store: MessageStore) =>
  Array.from({ length: store.tail - store.head }, (_, i) => store.at(store.head + i)!).map((m) => `${m.partition}:${m.offset}`);

describe('NumberRing', () => {
  it('drops the oldest item when full', () => {
    const ring = new NumberRing(3);
    [1, 2, 3, 4].forEach((n) => ring.push(n));
    assert.deepStrictEqual([0, 1, 2].map((i) => ring.at(i)), [2, 3, 4]);
    assert.strictEqual(ring.at(3), undefined);
    assert.strictEqual(ring.shift(), 2);
    assert.strictEqual(ring.length, 2);
  });
});

describe('MessageLog: packed messages', () => {
  it('gives back exactly what it was given: bytes, nulls, 64-bit offsets and timestamps, headers', () => {
    const log = new MessageLog(10, 1 << 30);
    const original: TailMessage = {
      partition: 7,
      offset: '9223372036854775806',
      timestamp: '1700000000123',
      timestampType: 1,
      key: Buffer.from([0, 255, 1]),
      value: null,
      headers: { a: Buffer.from('1'), dup: [Buffer.from('x'), Buffer.from('y')], __proto__x: Buffer.alloc(0) },
    };
    const seq = log.append(original.partition, record(original));
    const back = log.get(seq)!;
    assert.deepStrictEqual({ ...back, headers: { ...back.headers } }, { ...original, headers: { ...original.headers } });
    assert.strictEqual(log.headerCountOf(seq), 4);
    const proto = log.get(log.append(7, record({ ...original, headers: JSON.parse('{"__proto__": "p"}') })))!;
    assert.deepStrictEqual(Object.keys(proto.headers!), ['__proto__']);
    assert.strictEqual(Object.getPrototypeOf(proto.headers) , null);
  });

  it('packs offsets and timestamps exactly at every size: around 2^32, 2^53, the int64 limits, negative', () => {
    const decimals = ['0', '1', '4294967295', '4294967296', '999999999999999', '1000000000000000', '9007199254740993', '9223372036854775807', '-1', '-4294967297', '-9223372036854775808'];
    const packed = packRecords(0, decimals.map((decimal) => ({ offset: decimal, timestamp: decimal, key: null, value: null, headers: {} }) as unknown as TailRecord));
    assert.deepStrictEqual([...packed.offsets].map(String), decimals);
    assert.deepStrictEqual([...packed.timestamps].map(String), decimals);
  });

  it('drops the oldest messages beyond the byte budget and frees their chunks', () => {
    const log = new MessageLog(1000, 3 * 1024 * 1024);
    const big = (i: number): TailMessage => ({ ...message(0, i, null), value: Buffer.alloc(1024 * 1024 + 1, i) });
    for (let i = 0; i < 5; i++) {
      log.append(0, record(big(i)));
    }
    assert.ok(log.bytes <= 3 * 1024 * 1024 + 3, String(log.bytes));
    assert.strictEqual(log.length, 2);
    assert.strictEqual(log.evicted, 3);
    assert.strictEqual(log.get(4)!.value![0], 4);
    assert.strictEqual(log.get(2), undefined);
  });
});

describe('MessageStore: whole fetched batches (packed, as the tail worker sends them)', () => {
  const batch = (partition: number, from: number, count: number, size: number) =>
    packRecords(
      partition,
      Array.from({ length: count }, (_, i) => record({ ...message(partition, from + i, null, `k${from + i}`), value: Buffer.alloc(size, (from + i) % 251) })),
    );

  it('hands back the buffer of an adopted batch once none of its messages is kept, and never one still in use', () => {
    const dropped: ArrayBuffer[] = [];
    const store = new MessageStore(250, undefined, (buffer) => {
      dropped.push(buffer);
      // As the panel does: transferred to the worker, so unusable here from now on.
      structuredClone(buffer, { transfer: [buffer] });
    });
    // Batches of 100 records of 1 KiB (about 100 KiB: adopted as they are); 2.5 batches fit.
    const batches = Array.from({ length: 6 }, (_, b) => batch(0, b * 100, 100, 1024));
    const buffers = batches.map((packed) => packed.bytes.buffer);
    batches.slice(0, 3).forEach((packed) => store.addPacked(packed));
    assert.deepStrictEqual(dropped, [], 'the first batch still has 50 messages kept');
    store.addPacked(batches[3]);
    assert.deepStrictEqual(dropped, [buffers[0]]);
    batches.slice(4).forEach((packed) => store.addPacked(packed));
    assert.deepStrictEqual(dropped, buffers.slice(0, 3));
    const kept = Array.from(store.shownMessages());
    assert.deepStrictEqual([kept[0].offset, kept.at(-1)!.offset, kept.length], ['350', '599', 250]);
    kept.forEach((m) => assert.ok(m.value!.length === 1024 && m.value!.every((b) => b === Number(m.offset) % 251), `value of ${m.offset}`));
    // Small batches are copied into the log's own chunks: nothing of theirs to hand back.
    let handedBack = 0;
    const small = new MessageStore(10, undefined, () => handedBack++);
    for (let i = 0; i < 30; i++) {
      small.addPacked(batch(1, i, 1, 100));
    }
    small.reset();
    assert.strictEqual(handedBack, 0);
  });

  it('hands back every adopted buffer when the view is reset (a seek)', () => {
    const dropped: ArrayBuffer[] = [];
    const store = new MessageStore(1000, undefined, (buffer) => dropped.push(buffer));
    const batches = [batch(0, 0, 100, 1024), batch(1, 0, 100, 1024)];
    batches.forEach((packed) => store.addPacked(packed));
    store.reset();
    assert.deepStrictEqual(dropped, batches.map((packed) => packed.bytes.buffer));
  });

  it('spreads a batch over several chunks and gives every record back byte for byte', () => {
    const store = new MessageStore(10_000);
    // 3,000 records of 1 KiB: about three 1 MiB chunks, copied a run at a time.
    store.addPacked(batch(2, 100, 3000, 1024));
    assert.strictEqual(store.received, 3000);
    const all = Array.from(store.shownMessages());
    assert.strictEqual(all.length, 3000);
    all.forEach((m, i) => {
      assert.strictEqual(m.offset, String(100 + i));
      assert.strictEqual(m.key?.toString(), `k${100 + i}`);
      assert.ok(m.value!.length === 1024 && m.value!.every((b) => b === (100 + i) % 251), `value of ${m.offset}`);
    });
  });

  it('a batch larger than the cap keeps and shows only its newest records', () => {
    const store = new MessageStore(5);
    store.addPacked(batch(0, 0, 3, 10));
    store.addPacked(batch(0, 3, 8, 10));
    assert.deepStrictEqual(offsetsOf(store), ['0:6', '0:7', '0:8', '0:9', '0:10']);
    assert.deepStrictEqual(store.counters(0), { received: 11, shown: 5, kept: 5, dropped: 6, bytes: 11 * 10 + 'k0k1k2k3k4k5k6k7k8k9k10'.length, rate: 0 });
  });
});

describe('MessageStore', () => {
  it('keeps at most maxMessages, drops the oldest and counts everything', () => {
    const store = new MessageStore(3);
    addAll(store, [message(0, 0, 'ab'), message(0, 1, 'cd', 'k'), message(1, 0, null), message(1, 1, 'ef'), message(1, 2, 'gh')]);
    assert.deepStrictEqual(offsetsOf(store), ['1:0', '1:1', '1:2']);
    assert.deepStrictEqual(store.counters(7), { received: 5, shown: 3, kept: 3, dropped: 2, bytes: 9, rate: 7 });
    assert.strictEqual(store.head, 2);
    assert.strictEqual(store.tail, 5);
    assert.strictEqual(store.at(1), undefined, 'a dropped position is gone');
  });

  it('filters what it keeps, and keeps positions stable while old messages drop', () => {
    const store = new MessageStore(4);
    addAll(store, [message(0, 0, '{"a":1}'), message(0, 1, 'plain'), message(1, 0, '{"a":2}')]);
    assert.strictEqual(store.setFilter({ ...noFilter, text: '"A"' }), undefined);
    const generation = store.generation;
    assert.deepStrictEqual(offsetsOf(store), ['0:0', '1:0']);
    addAll(store, [message(1, 1, '{"a":3}'), message(1, 2, 'x'), message(1, 3, 'y')]);
    // 0:0 and 0:1 dropped from the kept four; only 0:0 was shown.
    assert.deepStrictEqual(offsetsOf(store), ['1:0', '1:1']);
    assert.strictEqual(store.head, 1);
    assert.strictEqual(store.at(2)!.offset, '1');
    assert.strictEqual(store.generation, generation);
    assert.deepStrictEqual(store.counters(0).shown, 2);
  });

  it('filters by partition, key text and JSON field together', () => {
    const store = new MessageStore(10);
    addAll(store, [
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
    addAll(store, [message(0, 0, 'a'), message(0, 1, 'b')]);
    store.setFilter({ ...noFilter, text: 'a' });
    assert.match(store.setFilter({ ...noFilter, jsonField: 'no equals sign' }) ?? '', /path = value/);
    assert.deepStrictEqual(offsetsOf(store), ['0:0']);
  });

  it('clear empties the list but keeps counting; reset zeroes the counters', () => {
    const store = new MessageStore(10);
    addAll(store, [message(0, 0, 'a'), message(2, 5, 'b'), message(0, 1, 'c')]);
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

describe('kafka.tail.maxMessages', () => {
  it('keeps the setting between 100 and 1,000,000, whole, and 100,000 for anything not a number', () => {
    assert.deepStrictEqual(
      [250_000, 5, 50_000_000, 1_000_000, 1234.9, Number.NaN, Infinity, '200000', undefined].map(keptMessages),
      [250_000, 100, 1_000_000, 1_000_000, 1234, 100_000, 100_000, 100_000, 100_000],
    );
  });
});
