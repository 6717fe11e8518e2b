import * as assert from 'assert';
import { envelopeLine } from '../../src/kafka/envelope/envelope';
import { parseRecords } from '../../src/kafka/produce/records';
import type { TailMessage } from '../../src/kafka/tail/tailMessage';

function message(fields: Partial<TailMessage>): TailMessage {
  return { partition: 2, offset: '41', timestamp: '1700000000123', timestampType: 0, key: null, value: null, headers: {}, ...fields };
}

describe('envelopeLine: export in the format produce reads', () => {
  it('embeds JSON exactly, text as strings, null as null, with topic, partition, offset and timestamp', () => {
    const { line, lossy } = envelopeLine(
      'orders',
      message({
        key: Buffer.from('order-1'),
        value: Buffer.from('{ "id": 12345678901234567890, "price": 1.10 }'),
        headers: { source: Buffer.from('web'), trace: Buffer.from('{"x":1}') },
      }),
    );
    assert.strictEqual(
      line,
      '{"topic":"orders","partition":2,"offset":"41","timestamp":"1700000000123","key":"order-1","headers":{"source":"web","trace":"{\\"x\\":1}"},"value":{"id":12345678901234567890,"price":1.10}}',
    );
    assert.strictEqual(lossy, false);
  });

  it('marks binary values and repeated headers as lossy', () => {
    assert.strictEqual(envelopeLine('t', message({ value: Buffer.from([0xff, 0x00]) })).lossy, true);
    assert.match(envelopeLine('t', message({ value: Buffer.from([0xff, 0x00]) })).line, /"value":"/);
    assert.strictEqual(envelopeLine('t', message({ headers: { a: [Buffer.from('1'), Buffer.from('2')] } })).lossy, true);
  });

  it('round-trips through the produce parser: same keys, values, headers, partitions and timestamps', () => {
    const messages = [
      message({ key: Buffer.from('k1'), value: Buffer.from('{"n":12345678901234567890,"d":1.10}'), headers: { h: Buffer.from('v') } }),
      message({ partition: 0, offset: '7', key: null, value: Buffer.from('plain "text"\nwith a newline') }),
      message({ partition: 1, offset: '8', key: Buffer.from('{"id":1}'), value: null }),
      message({ key: Buffer.from('</script><img src=x onerror=alert(1)>'), value: Buffer.from('[1,2,3]') }),
    ];
    const text = messages.map((m) => envelopeLine('source-topic', m).line).join('\n');
    const parsed = parseRecords(text, { format: 'envelope' });
    assert.deepStrictEqual(parsed.problems, []);
    assert.deepStrictEqual(
      parsed.records.map((r) => [r.key, r.value, r.headers ?? {}, r.partition, r.timestamp]),
      messages.map((m) => [
        m.key?.toString() ?? null,
        m.value?.toString() ?? null,
        Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)])),
        m.partition,
        m.timestamp,
      ]),
    );
  });
});
