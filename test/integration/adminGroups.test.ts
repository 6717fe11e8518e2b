import * as assert from 'assert';
import type { Consumer } from 'kafkajs';
import { consumerGroupsTool } from '../../scripts/kafka/broker';
import type { ClusterAdmin } from '../../src/kafka/admin/clusterAdmin';
import { KafkaOperationError } from '../../src/kafka/connect/errors';
import {
  clusterAdmin,
  deleteGroupsQuietly,
  deleteTopicsQuietly,
  rawKafka,
  testCluster,
  uniqueName,
  withRawAdmin,
} from './adminFixture';

interface ToolRow {
  topic: string;
  partition: number;
  current: string;
  end: string;
  lag: string;
}

/** Kafka's own view of a group's offsets (kafka-consumer-groups --describe). */
async function toolOffsets(group: string): Promise<ToolRow[]> {
  const result = await consumerGroupsTool(await testCluster(), ['--describe', '--group', group]);
  assert.strictEqual(result.code, 0, result.stderr);
  return parseToolTable(result.stdout, group);
}

// Read as cells, not lines: Kafka 3.9's --reset-offsets table has no line breaks between its rows.
function parseToolTable(stdout: string, group: string): ToolRow[] {
  const tokens = stdout.trim().split(/\s+/);
  const header = tokens.findIndex((token, i) => token === 'GROUP' && tokens[i + 1] === 'TOPIC');
  assert.ok(header >= 0, stdout);
  let end = header;
  while (end < tokens.length && /^[A-Z][A-Z-]*[A-Z]$/.test(tokens[end])) end++; // column names
  const columns = tokens.slice(header, end);
  const at = (name: string) => columns.indexOf(name);
  const rows: string[][] = [];
  for (let i = end; i + columns.length <= tokens.length; i += columns.length) {
    rows.push(tokens.slice(i, i + columns.length));
  }
  return rows
    .filter((cells) => cells[at('GROUP')] === group)
    .map((cells) => ({
      topic: cells[at('TOPIC')],
      partition: Number(cells[at('PARTITION')]),
      current: cells[at('CURRENT-OFFSET')] ?? cells[at('NEW-OFFSET')],
      end: cells[at('LOG-END-OFFSET')],
      lag: cells[at('LAG')],
    }))
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

async function produce(topic: string, partition: number, count: number, timestampOf?: (index: number) => number): Promise<void> {
  const producer = (await rawKafka()).producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: Array.from({ length: count }, (_, i) => ({
      partition,
      value: `message ${i}`,
      timestamp: timestampOf ? String(timestampOf(i)) : undefined,
    })),
  });
  await producer.disconnect();
}

/** Commits offsets as a real member of the group would, then leaves it (empty, offsets kept). */
async function commitAsConsumer(group: string, topic: string, offsets: { partition: number; offset: string }[]): Promise<void> {
  const consumer = (await rawKafka()).consumer({ groupId: group, maxWaitTimeInMs: 100 });
  await consumer.connect();
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
  consumer.pause([{ topic }]);
  await joined;
  await consumer.commitOffsets(offsets.map((entry) => ({ topic, ...entry })));
  await consumer.disconnect();
}

async function committed(group: string, topic: string): Promise<string[]> {
  const [entry] = await withRawAdmin((admin) => admin.fetchOffsets({ groupId: group, topics: [topic] }));
  return entry.partitions.sort((a, b) => a.partition - b.partition).map((partition) => partition.offset);
}

describe('ClusterAdmin: consumer groups and offset resets (real broker)', function () {
  let admin: ClusterAdmin;
  const topics: string[] = [];
  const groups: string[] = [];
  const running: Consumer[] = [];

  async function topicWithMessages(counts: number[], timestampOf?: (index: number) => number): Promise<string> {
    const topic = uniqueName('admin-groups');
    topics.push(topic);
    // Old timestamps would be past the default 7-day retention: Kafka 3.9 deletes them at its first retention check.
    const configs = timestampOf ? { 'retention.ms': '-1' } : undefined;
    await admin.createTopic({ name: topic, partitions: counts.length, replicationFactor: 1, configs });
    for (const [partition, count] of counts.entries()) {
      if (count > 0) {
        await produce(topic, partition, count, timestampOf);
      }
    }
    return topic;
  }

  function newGroup(): string {
    const group = uniqueName('admin-group');
    groups.push(group);
    return group;
  }

  before(async () => {
    admin = await clusterAdmin();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((consumer) => consumer.disconnect()));
  });

  after(async () => {
    await admin.dispose();
    await deleteGroupsQuietly(groups);
    await deleteTopicsQuietly(topics);
  });

  it('lists a group with its state, members and exact total lag, and agrees with kafka-consumer-groups', async () => {
    const topic = await topicWithMessages([10, 4]);
    const group = newGroup();
    await commitAsConsumer(group, topic, [
      { partition: 0, offset: '3' },
      { partition: 1, offset: '4' },
    ]);

    const summary = (await admin.listGroups()).find((entry) => entry.id === group);
    assert.deepStrictEqual(summary, { id: group, state: 'Empty', protocolType: 'consumer', memberCount: 0, totalLag: '7' });

    const details = await admin.describeGroup(group);
    assert.deepStrictEqual(details.offsets, [
      { topic, partition: 0, committed: '3', end: '10', lag: '7' },
      { topic, partition: 1, committed: '4', end: '4', lag: '0' },
    ]);
    assert.strictEqual(details.totalLag, '7');
    assert.deepStrictEqual(
      await toolOffsets(group),
      details.offsets.map((offset) => ({ topic, partition: offset.partition, current: offset.committed, end: offset.end, lag: offset.lag })),
    );
  });

  it('shows active members with client id, host and assigned partitions, and refuses to delete or reset the group', async () => {
    const topic = await topicWithMessages([2, 2, 2]);
    const group = newGroup();
    const consumer = (await rawKafka()).consumer({ groupId: group, maxWaitTimeInMs: 100 });
    running.push(consumer);
    await consumer.connect();
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async () => undefined });
    await joined;

    const details = await admin.describeGroup(group);
    assert.strictEqual(details.state, 'Stable');
    assert.strictEqual(details.members.length, 1);
    assert.strictEqual(details.members[0].clientId, 'admin-tests-raw');
    assert.match(details.members[0].host, /127\.0\.0\.1/);
    assert.deepStrictEqual(details.members[0].assignments, [{ topic, partitions: [0, 1, 2] }]);
    const summary = (await admin.listGroups()).find((entry) => entry.id === group);
    assert.strictEqual(summary?.memberCount, 1);

    const refusal = (pattern: RegExp) => (error: unknown) => {
      assert.ok(error instanceof KafkaOperationError, String(error));
      assert.strictEqual(error.type, 'NON_EMPTY_GROUP');
      assert.match(error.message, pattern);
      return true;
    };
    await assert.rejects(admin.deleteGroup(group), refusal(/has 1 active member .*stop its consumers/));
    await assert.rejects(admin.previewReset(group, { kind: 'earliest' }, { all: true }), refusal(/while it has 1 active member/));
    await assert.rejects(
      admin.applyReset(group, [{ topic, partition: 0, current: undefined, next: '0', lagAfter: '2' }]),
      refusal(/Stop them, then try again/),
    );
  });

  it('previews and applies resets to earliest, latest, an offset and a shift, touching only the chosen partitions', async () => {
    const topic = await topicWithMessages([20, 20]);
    const group = newGroup();
    await commitAsConsumer(group, topic, [
      { partition: 0, offset: '10' },
      { partition: 1, offset: '15' },
    ]);
    await withRawAdmin((raw) => raw.fetchTopicOffsets(topic).then(() => raw.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '2' }] })));

    const earliest = await admin.previewReset(group, { kind: 'earliest' }, { all: true });
    assert.deepStrictEqual(earliest, [
      { topic, partition: 0, current: '10', next: '2', lagAfter: '18' },
      { topic, partition: 1, current: '15', next: '0', lagAfter: '20' },
    ]);
    assert.deepStrictEqual(await committed(group, topic), ['10', '15'], 'a preview changes nothing');
    await admin.applyReset(group, earliest);
    assert.deepStrictEqual(await committed(group, topic), ['2', '0']);

    const latest = await admin.previewReset(group, { kind: 'latest' }, { topics: [{ topic, partitions: [1] }] });
    assert.deepStrictEqual(latest, [{ topic, partition: 1, current: '0', next: '20', lagAfter: '0' }]);
    await admin.applyReset(group, latest);
    assert.deepStrictEqual(await committed(group, topic), ['2', '20']);

    const offset = await admin.previewReset(group, { kind: 'offset', offset: 12n }, { topics: [{ topic }] });
    await admin.applyReset(group, offset);
    assert.deepStrictEqual(await committed(group, topic), ['12', '12']);

    const shift = await admin.previewReset(group, { kind: 'shift', by: -5n }, { all: true });
    assert.deepStrictEqual(shift.map((row) => [row.current, row.next, row.lagAfter]), [['12', '7', '13'], ['12', '7', '13']]);
    await admin.applyReset(group, shift);

    const tool = await toolOffsets(group);
    assert.deepStrictEqual(tool.map((row) => [row.partition, row.current, row.lag]), [[0, '7', '13'], [1, '7', '13']]);
  });

  it('resets to a date-time: the first message at or after it, as kafka-consumer-groups --to-datetime computes', async () => {
    const base = Date.UTC(2024, 0, 15, 12, 0, 0);
    const topic = await topicWithMessages([10, 10], (i) => base + i * 1000);
    const group = newGroup();
    await commitAsConsumer(group, topic, [
      { partition: 0, offset: '10' },
      { partition: 1, offset: '10' },
    ]);
    const moment = base + 3500;

    const rows = await admin.previewReset(group, { kind: 'timestamp', timestamp: moment }, { all: true });
    assert.deepStrictEqual(rows.map((row) => [row.partition, row.current, row.next, row.lagAfter]), [
      [0, '10', '4', '6'],
      [1, '10', '4', '6'],
    ]);

    const iso = new Date(moment).toISOString().replace('Z', '');
    const dryRun = await consumerGroupsTool(await testCluster(), [
      '--reset-offsets', '--group', group, '--topic', topic, '--to-datetime', iso, '--dry-run',
    ]);
    assert.strictEqual(dryRun.code, 0, dryRun.stderr);
    assert.deepStrictEqual(
      parseToolTable(dryRun.stdout, group).map((row) => [row.partition, row.current]),
      rows.map((row) => [row.partition, row.next]),
    );

    await admin.applyReset(group, rows);
    assert.deepStrictEqual(await committed(group, topic), ['4', '4']);
    assert.deepStrictEqual((await toolOffsets(group)).map((row) => [row.current, row.lag]), [['4', '6'], ['4', '6']]);

    const future = await admin.previewReset(group, { kind: 'timestamp', timestamp: base + 3_600_000 }, { all: true });
    assert.deepStrictEqual(future.map((row) => row.next), ['10', '10'], 'no message after the moment: the end');
  });

  it('commits nothing for partitions outside the reset, even those the group never committed', async () => {
    const topic = await topicWithMessages([6, 6]);
    const group = newGroup();
    await commitAsConsumer(group, topic, [{ partition: 0, offset: '5' }]);
    const rows = await admin.previewReset(group, { kind: 'earliest' }, { topics: [{ topic, partitions: [0] }] });
    assert.deepStrictEqual(rows, [{ topic, partition: 0, current: '5', next: '0', lagAfter: '6' }]);
    await admin.applyReset(group, rows);
    assert.deepStrictEqual(await committed(group, topic), ['0', '-1']);
  });

  it('explains a reset of a group that has committed nothing', async () => {
    const group = newGroup();
    await assert.rejects(admin.previewReset(group, { kind: 'earliest' }, { all: true }), /has no committed offsets yet: choose the topics/);
  });

  it('deletes an empty group', async () => {
    const topic = await topicWithMessages([1]);
    const group = newGroup();
    await commitAsConsumer(group, topic, [{ partition: 0, offset: '1' }]);
    await admin.deleteGroup(group);
    assert.ok(!(await admin.listGroups()).some((entry) => entry.id === group));
    const list = await consumerGroupsTool(await testCluster(), ['--list']);
    assert.ok(!list.stdout.split('\n').includes(group));
  });
});
