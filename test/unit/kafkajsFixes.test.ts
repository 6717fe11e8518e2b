import * as assert from 'assert';
import type { Message, PartitionMetadata } from 'kafkajs';
import { groupMessagesPerPartition, type GroupArguments } from '../../src/kafka/kafkajsFixes/groupMessagesPerPartition';
import { packRecords } from '../../src/kafka/tail/packedRecords';

// The module the bundles replace (esbuild.js), loaded from kafkajs itself to compare with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafkajsOriginal = require('kafkajs/src/producer/groupMessagesPerPartition') as (args: GroupArguments) => Record<number, Message[]>;

function metadata(count: number): PartitionMetadata[] {
  return Array.from({ length: count }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 1, replicas: [1], isr: [1] }));
}

describe('kafkajs fixes: groupMessagesPerPartition', () => {
  it('groups exactly as kafkajs does: same partitions, same messages, same order, for explicit and computed partitions', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const partitions of [1, 3, 12]) {
      const partitionMetadata = metadata(partitions);
      const messages: Message[] = Array.from({ length: 500 }, (_, i) => ({
        key: `k${Math.floor(random() * 50)}`,
        value: `{"seq":${i}}`,
        partition: random() < 0.5 ? Math.floor(random() * partitions) : undefined,
      }));
      // Like kafkajs's partitioners: an explicit partition wins, otherwise one derived from the key.
      const partitioner: GroupArguments['partitioner'] = ({ message }) =>
        message.partition ?? Number(String(message.key).slice(1)) % partitions;
      const args = { topic: 'orders', partitionMetadata, messages, partitioner };
      const ours = groupMessagesPerPartition(args);
      assert.deepStrictEqual(ours, kafkajsOriginal(args));
      assert.deepStrictEqual(Object.keys(ours), Object.keys(kafkajsOriginal(args)));
      assert.strictEqual(Object.values(ours).reduce((sum, group) => sum + group.length, 0), messages.length);
    }
  });

  it('returns no groups, without asking the partitioner, when the topic has no partition metadata', () => {
    let asked = 0;
    const args = { topic: 'gone', partitionMetadata: [], messages: [{ value: 'x' }], partitioner: () => ++asked };
    assert.deepStrictEqual(groupMessagesPerPartition(args), {});
    assert.deepStrictEqual(kafkajsOriginal(args), {});
    assert.strictEqual(asked, 0);
  });

  // kafkajs's own would copy about 5 billion array elements here and run into the suite's timeout.
  it('groups 100,000 messages of one send, in order', () => {
    const messages: Message[] = Array.from({ length: 100_000 }, (_, i) => ({ value: String(i), partition: 0 }));
    const args = { topic: 't', partitionMetadata: metadata(1), messages, partitioner: () => 0 };
    const grouped = groupMessagesPerPartition(args)[0];
    assert.strictEqual(grouped.length, 100_000);
    assert.strictEqual(grouped[99_999], messages[99_999]);
  });
});

describe('kafkajs fixes: record decoder', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const Encoder = require('kafkajs/src/protocol/encoder');
  const Decoder = require('kafkajs/src/protocol/decoder');
  const kafkajsDecodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/decoder');
  const { decodeRecord } = require('../../src/kafka/kafkajsFixes/recordDecoder');
  /* eslint-enable @typescript-eslint/no-require-imports */

  interface Shape {
    timestampDelta: bigint;
    offsetDelta: number;
    key: Buffer | null;
    value: Buffer | null;
    headers: [string, Buffer | null][];
  }

  /** A record's body as a broker sends it, written with kafkajs's own encoder (headers in any order, repeated). */
  function encode(record: Shape): Buffer {
    const encoder = new Encoder()
      .writeInt8(0)
      .writeVarLong(record.timestampDelta)
      .writeVarInt(record.offsetDelta)
      .writeVarIntBytes(record.key)
      .writeVarIntBytes(record.value)
      .writeVarInt(record.headers.length);
    for (const [name, value] of record.headers) {
      encoder.writeVarIntString(name).writeVarIntBytes(value);
    }
    return encoder.buffer;
  }

  /** What kafkajs's consumer and its users read of a record. */
  const recordFields = ['magicByte', 'attributes', 'timestamp', 'offset', 'key', 'value', 'headers', 'isControlRecord', 'batchContext'];
  const fieldsOf = (record: Record<string, unknown>) => Object.fromEntries(recordFields.map((field) => [field, record[field]]));

  function both(bytes: Buffer, context: object) {
    const theirs = new Decoder(bytes);
    const ours = new Decoder(bytes);
    const expected = kafkajsDecodeRecord(theirs, context);
    const actual = decodeRecord(ours, context);
    return { expected, actual, theirsAt: theirs.offset, oursAt: ours.offset };
  }

  const contexts = [
    { firstOffset: '0', firstTimestamp: '1764201600000', timestampType: 0, maxTimestamp: '1764201600999', magicByte: 2 },
    { firstOffset: '9007199254740985', firstTimestamp: '1764201600000', timestampType: 0, maxTimestamp: '1764201600999', magicByte: 2 },
    { firstOffset: '9223372036854775000', firstTimestamp: '-1', timestampType: -1, maxTimestamp: '-1', magicByte: 2 },
    { firstOffset: '42', firstTimestamp: '1764201600000', timestampType: 1, maxTimestamp: '1764201601234', magicByte: 2, isControlBatch: true },
  ];
  const records: Shape[] = [
    { timestampDelta: 0n, offsetDelta: 0, key: null, value: Buffer.from('{"orderId":12345678901234567890}'), headers: [] },
    { timestampDelta: 17n, offsetDelta: 12, key: Buffer.from('k1'), value: null, headers: [['trace', Buffer.from('abc')], ['type', null]] },
    // Past 7 varint bytes, and negative: the BigInt path.
    { timestampDelta: 2n ** 60n, offsetDelta: 7, key: Buffer.alloc(0), value: Buffer.alloc(0), headers: [] },
    { timestampDelta: -(2n ** 50n), offsetDelta: 2, key: null, value: null, headers: [] },
    { timestampDelta: -5n, offsetDelta: 1, key: null, value: Buffer.from('x'), headers: [] },
    {
      timestampDelta: 3n,
      offsetDelta: 99,
      key: Buffer.from('k'),
      value: Buffer.from('v'),
      headers: [
        ['x', Buffer.from('1')],
        ['x', Buffer.from('2')],
        ['y', null],
        ['x', Buffer.from('3')],
      ],
    },
    // A null header name: not valid Kafka, but the bytes can say it.
    { timestampDelta: 4n, offsetDelta: 3, key: Buffer.from('k'), value: null, headers: [[null as unknown as string, Buffer.from('n')], ['after', Buffer.from('a')]] },
  ];

  it('decodes every record exactly as kafkajs does, offsets and timestamps past 2^53 included', () => {
    for (const context of contexts) {
      for (const record of records) {
        const { expected, actual, theirsAt, oursAt } = both(encode(record), context);
        assert.deepStrictEqual(Object.keys(expected).sort(), [...recordFields].sort(), 'the fields kafkajs gives a record');
        assert.deepStrictEqual(fieldsOf(actual), fieldsOf(expected), `${JSON.stringify(context)} ${record.offsetDelta}`);
        assert.strictEqual(actual.key, actual.key, 'the same Buffer at each read, as a plain field would be');
        assert.deepStrictEqual(Object.getOwnPropertyNames(actual.headers), Object.getOwnPropertyNames(expected.headers));
        assert.strictEqual(Object.getPrototypeOf(actual.headers), Object.prototype);
        assert.strictEqual(oursAt, theirsAt, 'the same bytes consumed');
      }
    }
    const crossing = both(encode(records[1]), contexts[1]).actual;
    assert.strictEqual(crossing.offset, '9007199254740997');
  });

  it("keeps headers named like Object.prototype's members (__proto__, constructor, toString) as own properties holding their values", () => {
    // kafkajs reads obj[name] first, so each of these starts from the inherited member: [Object.prototype, value], [Function, value].
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    const bytes = encode({ timestampDelta: 0n, offsetDelta: 0, key: null, value: null, headers: [...names.map((name): [string, Buffer] => [name, Buffer.from(name)]), ['a', Buffer.from('1')]] });
    const { expected, actual, theirsAt, oursAt } = both(bytes, contexts[0]);
    assert.deepStrictEqual(Object.getOwnPropertyDescriptor(expected.headers, '__proto__')?.value, [Object.prototype, Buffer.from('__proto__')]);
    for (const name of names) {
      assert.deepStrictEqual(Object.getOwnPropertyDescriptor(actual.headers, name)?.value, Buffer.from(name), name);
    }
    assert.strictEqual(Object.getPrototypeOf(actual.headers), Object.prototype);
    assert.deepStrictEqual(Object.keys(actual.headers), [...names, 'a']);
    assert.strictEqual(oursAt, theirsAt);
  });

  it('decodes records of a batch after those of another batch with their own base offset', () => {
    const first = both(encode(records[0]), contexts[0]).actual;
    const second = both(encode(records[0]), contexts[3]).actual;
    const third = both(encode(records[1]), contexts[0]).actual;
    assert.deepStrictEqual([first.offset, second.offset, third.offset], ['0', '42', '12']);
    assert.strictEqual(second.timestamp, '1764201601234', 'log append time: the batch max timestamp');
  });

  it('packs decoded records for the panel exactly as the same records in kafkajs\'s shape', () => {
    for (const context of contexts) {
      const bytes = records.map(encode);
      const decoded = bytes.map((b) => decodeRecord(new Decoder(b), context));
      const plain = bytes.map((b) => kafkajsDecodeRecord(new Decoder(b), context));
      const ours = packRecords(3, decoded);
      const theirs = packRecords(3, plain);
      assert.deepStrictEqual(ours, theirs, JSON.stringify(context));
      assert.ok(ours.count === records.length && ours.bytes.length > 0);
    }
  });

  it('collects 10,000 headers of one name in order (kafkajs copies the object for each one)', () => {
    const headers: [string, Buffer][] = Array.from({ length: 10_000 }, (_, i) => ['h', Buffer.from(String(i))]);
    const bytes = encode({ timestampDelta: 0n, offsetDelta: 0, key: null, value: null, headers });
    const decoded = decodeRecord(new Decoder(bytes), contexts[0]);
    assert.strictEqual(decoded.headers.h.length, 10_000);
    assert.strictEqual(decoded.headers.h[9_999].toString(), '9999');
  });
});

describe('kafkajs fixes: crc32C', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const kafkajsCrc32C = require('kafkajs/src/protocol/recordBatch/crc32C/crc32C') as (buffer: Buffer) => number;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { crc32C } = require('../../src/kafka/kafkajsFixes/crc32C') as { crc32C: (buffer: Buffer) => number };

  it("gives kafkajs's checksum for empty, short, odd-length and large buffers (unsigned, as kafkajs writes it)", () => {
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff;
    for (const length of [0, 1, 3, 7, 15, 16, 17, 255, 4096, 128 * 1024 + 5]) {
      const buffer = Buffer.from(Array.from({ length }, random));
      const expected = kafkajsCrc32C(buffer);
      assert.strictEqual(crc32C(buffer), expected, `length ${length}`);
      assert.ok(expected >= 0);
    }
    // The check value of CRC-32C ("123456789").
    assert.strictEqual(crc32C(Buffer.from('123456789')), 0xe3069283);
  });

  it('reads only the view it is given, not the rest of its memory', () => {
    const whole = Buffer.from('xx123456789yy');
    assert.strictEqual(crc32C(whole.subarray(2, 11)), 0xe3069283);
  });
});

describe('kafkajs fixes: consumer Batch', () => {
  type BatchClass = new (topic: string, fetchedOffset: unknown, partitionData: object) => Record<string, unknown> & {
    [method: string]: unknown;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const KafkajsBatch = require('kafkajs/src/consumer/batch') as BatchClass;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Batch } = require('../../src/kafka/kafkajsFixes/batch') as { Batch: BatchClass };
  const methods = ['isEmpty', 'isEmptyIncludingFiltered', 'isEmptyDueToFiltering', 'isEmptyControlRecord', 'isEmptyDueToLogCompactedMessages', 'firstOffset', 'lastOffset', 'offsetLag', 'offsetLagLow'];

  /** Everything a consumer can read of a batch: its fields and every method's answer. */
  function view(batch: Record<string, unknown>) {
    const fields = ['fetchedOffset', 'topic', 'partition', 'highWatermark', 'rawMessages', 'messagesWithinOffset', 'messages'];
    return {
      ...Object.fromEntries(fields.map((field) => [field, batch[field]])),
      ...Object.fromEntries(methods.map((method) => [method, (batch[method] as () => unknown).call(batch)])),
    };
  }

  const message = (offset: string, extra: object = {}) => ({ offset, key: Buffer.from('k'), value: Buffer.from(offset), isControlRecord: false, ...extra });
  const cases: { name: string; fetched: unknown; data: object }[] = [
    { name: 'from the first offset', fetched: '0', data: { partition: 0, highWatermark: '3', messages: ['0', '1', '2'].map((o) => message(o)) } },
    {
      name: 'a compressed batch read whole, across a change in the number of digits',
      fetched: '1000',
      data: { partition: 1, highWatermark: '1003', messages: ['997', '998', '999', '1000', '1001', '1002'].map((o) => message(o)) },
    },
    { name: 'all before the fetched offset (compacted)', fetched: '50', data: { partition: 2, highWatermark: '60', messages: ['40', '41'].map((o) => message(o)) } },
    { name: 'empty', fetched: '7', data: { partition: 0, highWatermark: '7', messages: [] } },
    { name: 'a numeric fetched offset', fetched: 10, data: { partition: 0, highWatermark: '12', messages: ['9', '10', '11'].map((o) => message(o)) } },
    {
      name: 'offsets beyond 2^53',
      fetched: '9007199254740993',
      data: { partition: 0, highWatermark: '9007199254740995', messages: ['9007199254740992', '9007199254740993', '9007199254740994'].map((o) => message(o)) },
    },
    {
      name: 'a control record and an aborted transaction',
      fetched: '0',
      data: {
        partition: 0,
        highWatermark: '6',
        abortedTransactions: [{ producerId: '5', firstOffset: '2' }],
        messages: [
          message('0', { batchContext: { producerId: '4', inTransaction: true } }),
          message('1', { batchContext: { producerId: '4', inTransaction: true } }),
          message('2', { batchContext: { producerId: '5', inTransaction: true } }),
          message('3', { batchContext: { producerId: '5', inTransaction: true } }),
          { offset: '4', key: Buffer.from([0, 0, 0, 0]), value: null, isControlRecord: true, batchContext: { producerId: '5', inTransaction: true } },
          message('5', { batchContext: { producerId: '4', inTransaction: true } }),
        ],
      },
    },
    // Not what the record decoder makes, but kafkajs's Long takes it: the fix must not read it as a string.
    { name: 'offsets with a leading zero', fetched: '10', data: { partition: 0, highWatermark: '12', messages: ['09', '010', '011'].map((o) => message(o)) } },
  ];

  // The records the bundles' decoder makes, whose offsets the fix compares as numbers.
  {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const Encoder = require('kafkajs/src/protocol/encoder');
    const Decoder = require('kafkajs/src/protocol/decoder');
    const { decodeRecord } = require('../../src/kafka/kafkajsFixes/recordDecoder');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const decoded = (firstOffset: string, deltas: number[]) => {
      const context = { firstOffset, firstTimestamp: '1764201600000', timestampType: 0, maxTimestamp: '1764201600000', magicByte: 2 };
      return deltas.map((delta) => {
        const bytes = new Encoder().writeInt8(0).writeVarLong(0).writeVarInt(delta).writeVarIntBytes(Buffer.from('k')).writeVarIntBytes(Buffer.from(String(delta))).writeVarInt(0).buffer;
        return decodeRecord(new Decoder(bytes), context);
      });
    };
    cases.push(
      { name: 'decoded records, a compressed batch read whole', fetched: '1000', data: { partition: 0, highWatermark: '1003', messages: decoded('997', [0, 1, 2, 3, 4, 5]) } },
      { name: 'decoded records, a numeric fetched offset', fetched: 10, data: { partition: 0, highWatermark: '12', messages: decoded('9', [0, 1, 2]) } },
      { name: 'decoded records beyond 2^53', fetched: '9007199254740993', data: { partition: 0, highWatermark: '9007199254740995', messages: decoded('9007199254740990', [2, 3, 4]) } },
    );
  }

  for (const { name, fetched, data } of cases) {
    it(`filters and answers as kafkajs's Batch: ${name}`, () => {
      const ours = view(new Batch('orders', fetched, data));
      const theirs = view(new KafkajsBatch('orders', fetched, data));
      assert.deepStrictEqual(ours, theirs);
    });
  }

  it('keeps the messages from the fetched offset of a large batch, the same objects in the same order', () => {
    const messages = Array.from({ length: 100_000 }, (_, i) => message(String(99_950 + i)));
    const batch = new Batch('orders', '100000', { partition: 0, highWatermark: '200000', messages });
    const kept = batch.messages as unknown[];
    assert.strictEqual(kept.length, 99_950);
    assert.strictEqual(kept[0], messages[50]);
    assert.strictEqual(kept[kept.length - 1], messages[messages.length - 1]);
  });
});
