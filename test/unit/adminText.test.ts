import * as assert from 'assert';
import { parseConfigs } from '../../src/kafka/admin/configText';
import { parseDateTime } from '../../src/kafka/admin/dateTime';
import { describeTopicReport, resetPreviewReport } from '../../src/kafka/admin/reports';

describe('parseConfigs (Create Topic configs)', () => {
  it('reads comma-separated key=value pairs; values may contain "="', () => {
    assert.deepStrictEqual(parseConfigs(' cleanup.policy=compact, retention.ms=604800000,x.y=a=b '), {
      configs: { 'cleanup.policy': 'compact', 'retention.ms': '604800000', 'x.y': 'a=b' },
    });
    assert.deepStrictEqual(parseConfigs(''), { configs: {} });
  });

  it('refuses a pair without "=" and a key given twice', () => {
    assert.deepStrictEqual(parseConfigs('retention.ms'), { error: '"retention.ms" is not key=value (for example cleanup.policy=compact).' });
    assert.deepStrictEqual(parseConfigs('a=1,a=2'), { error: 'a is given twice.' });
  });
});

describe('parseDateTime (reset to a date-time)', () => {
  it('reads UTC, offsets and epoch milliseconds exactly', () => {
    assert.deepStrictEqual(parseDateTime('2024-01-15T12:00:03.500Z'), { timestamp: Date.UTC(2024, 0, 15, 12, 0, 3, 500) });
    assert.deepStrictEqual(parseDateTime('2024-01-15T14:00:00+02:00'), { timestamp: Date.UTC(2024, 0, 15, 12) });
    assert.deepStrictEqual(parseDateTime('1705320000000'), { timestamp: 1705320000000 });
  });

  it('reads a date-time without zone as local time, like kafka-consumer-groups', () => {
    assert.deepStrictEqual(parseDateTime('2024-01-15T12:00:00'), { timestamp: new Date(2024, 0, 15, 12).getTime() });
    assert.deepStrictEqual(parseDateTime('2024-01-15'), { timestamp: new Date(2024, 0, 15).getTime() });
  });

  it('refuses impossible dates and other text', () => {
    assert.ok('error' in parseDateTime('2024-02-30T00:00:00Z'));
    assert.ok('error' in parseDateTime('2024-01-15T25:00:00Z'));
    assert.ok('error' in parseDateTime('yesterday'));
  });
});

describe('reports', () => {
  it('describes a topic with its partition table, watermarks and configs', () => {
    const text = describeTopicReport(
      'local',
      'orders',
      [
        { partition: 0, leader: 1, replicas: [1, 2], isr: [1], offlineReplicas: [], underReplicated: true, low: '5', high: '9007199254740993', messages: '9007199254740988' },
      ],
      [
        { name: 'cleanup.policy', value: 'compact', source: 'topic', isDefault: false, sensitive: false, readOnly: false },
        { name: 'segment.bytes', value: '1073741824', source: 'default', isDefault: true, sensitive: false, readOnly: false },
      ],
    );
    assert.match(text, /^Topic: orders\tCluster: local\tPartitionCount: 1\tReplicationFactor: 2\tConfigs: cleanup\.policy=compact$/m);
    assert.match(text, /^Messages: 9007199254740988\tUnder-replicated partitions: 1$/m);
    assert.match(text, /^0\s+1\s+1,2\s+1\s+5\s+9007199254740993\s+9007199254740988\s+UNDER-REPLICATED$/m);
    assert.match(text, /^segment\.bytes\s+1073741824\s+default\s+default$/m);
  });

  it('previews a reset with current offset, new offset and lag after', () => {
    const text = resetPreviewReport('local', 'billing', { kind: 'shift', by: -5n }, [
      { topic: 'orders', partition: 0, current: '12', next: '7', lagAfter: '13' },
      { topic: 'orders', partition: 1, current: undefined, next: '0', lagAfter: '4' },
    ]);
    assert.match(text, /^PREVIEW: reset offsets of group billing on local shifted by -5$/m);
    assert.match(text, /^orders\s+0\s+12\s+7\s+13$/m);
    assert.match(text, /^orders\s+1\s+-\s+0\s+4$/m);
  });
});
