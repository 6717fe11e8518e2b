import * as assert from 'assert';
import { consumerGroupsTool } from '../../scripts/kafka/broker';
import { tailGroupPrefix } from '../../src/kafka/tail/tailGroups';
import { kafka } from './setup';
import {
  createTopic,
  deleteTopics,
  produce,
  range,
  RecordingTail,
  sleep,
  uniqueTopic,
  waitFor,
  withAdmin,
} from './tailFixture';

const partitions = 3;
const perPartition = 10;
/** Message i of every partition has timestamp base + i seconds. */
// Recent enough that retention (7 days by default, judged by record timestamps) keeps them.
const base = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;

function valueOf(partition: number, index: number): Buffer {
  return Buffer.from(`{"p":${partition},"i":${index},"big":12345678901234567890}`);
}

describe('TailSession (real broker)', function () {
  let bootstrap: string;
  let topic: string;
  const topics: string[] = [];
  const tails: RecordingTail[] = [];

  const tail = (target: ConstructorParameters<typeof RecordingTail>[2], on = topic) => {
    const recording = new RecordingTail(bootstrap, on, target);
    tails.push(recording);
    return recording;
  };

  /** A new empty topic of one test's own, deleted with the others. */
  const ownTopic = async (prefix: string, partitionCount: number) => {
    const own = uniqueTopic(prefix);
    topics.push(own);
    await createTopic(bootstrap, own, partitionCount);
    return own;
  };

  /** A tail from the beginning of a new one-partition topic, once it runs. */
  const runningTailOfOwnTopic = async (prefix: string) => {
    const own = await ownTopic(prefix, 1);
    const t = tail({ start: { kind: 'beginning' } }, own);
    await t.session.start();
    await waitFor('running', () => t.state === 'running');
    return { own, t };
  };

  before(async () => {
    bootstrap = kafka().bootstrap;
    topic = uniqueTopic('tail');
    topics.push(topic);
    await createTopic(bootstrap, topic, partitions);
    for (let p = 0; p < partitions; p++) {
      await produce(
        bootstrap,
        topic,
        Array.from({ length: perPartition }, (_, i) => ({
          partition: p,
          key: i === 3 ? null : `key-${p}-${i}`,
          value: i === 5 ? null : valueOf(p, i),
          timestamp: String(base + i * 1000),
          headers: { 'trace-id': `t-${p}-${i}`, source: 'tail-test' },
        })),
      );
    }
  });

  afterEach(async () => {
    await Promise.all(tails.splice(0).map((t) => t.session.stop()));
  });

  after(async () => {
    await deleteTopics(bootstrap, topics);
  });

  it('from the beginning reads every message of every partition with bytes, keys and headers intact', async () => {
    const t = tail({ start: { kind: 'beginning' } });
    await t.session.start();
    await t.waitForCount(partitions * perPartition);
    assert.deepStrictEqual(t.positions(), [...range(0, 0, 10), ...range(1, 0, 10), ...range(2, 0, 10)]);
    const m = t.messages.find((x) => x.partition === 1 && x.offset === '4')!;
    assert.deepStrictEqual(m.value, valueOf(1, 4));
    assert.strictEqual(m.key!.toString(), 'key-1-4');
    assert.strictEqual(m.timestamp, String(base + 4000));
    assert.strictEqual(m.timestampType, 0);
    assert.strictEqual(m.headers!['trace-id']!.toString(), 't-1-4');
    const tombstone = t.messages.find((x) => x.partition === 2 && x.offset === '5')!;
    assert.strictEqual(tombstone.value, null);
    assert.strictEqual(t.messages.find((x) => x.partition === 0 && x.offset === '3')!.key, null);
    assert.strictEqual(t.state, 'running');
  });

  it('from the end reads only messages produced after it started', async () => {
    const own = await ownTopic('tail-end', 2);
    await produce(bootstrap, own, [{ partition: 0, value: 'old' }, { partition: 1, value: 'old' }]);
    const t = tail({ start: { kind: 'end' } }, own);
    await t.session.start();
    await produce(bootstrap, own, [{ partition: 1, value: 'new-1' }, { partition: 1, value: 'new-2' }]);
    await t.waitForCount(2);
    await sleep(1000);
    assert.deepStrictEqual(t.positions(), ['1:1', '1:2']);
    assert.deepStrictEqual(t.messages.map((m) => m.value!.toString()), ['new-1', 'new-2']);
  });

  it('the last N reads N messages of each partition', async () => {
    const t = tail({ start: { kind: 'last', count: 3 } });
    await t.session.start();
    await t.waitForCount(9);
    await sleep(500);
    assert.deepStrictEqual(t.positions(), [...range(0, 7, 10), ...range(1, 7, 10), ...range(2, 7, 10)]);
  });

  it('given offsets start each listed partition there; unlisted and out-of-range ones start at the end', async () => {
    const t = tail({ start: { kind: 'offsets', offsets: { '0': '4', '2': '999' } } });
    await t.session.start();
    await t.waitForCount(6);
    await sleep(800);
    assert.deepStrictEqual(t.positions(), range(0, 4, 10));
    assert.deepStrictEqual(t.session.nextOffsets(), { '0': '10', '1': '10', '2': '10' });
  });

  it('a date-time starts at the first message at or after it (offsets-for-times)', async () => {
    const t = tail({ start: { kind: 'timestamp', timestamp: base + 6500 } });
    await t.session.start();
    await t.waitForCount(9);
    await sleep(500);
    assert.deepStrictEqual(t.positions(), [...range(0, 7, 10), ...range(1, 7, 10), ...range(2, 7, 10)]);
  });

  it('reads only the chosen partitions', async () => {
    const t = tail({ start: { kind: 'beginning' }, partitions: [2] });
    await t.session.start();
    await t.waitForCount(10);
    await sleep(800);
    assert.deepStrictEqual(t.positions(), range(2, 0, 10));
  });

  it('re-seeks while open without reopening', async () => {
    const t = tail({ start: { kind: 'end' } });
    await t.session.start();
    await waitFor('running', () => t.state === 'running');
    assert.strictEqual(t.messages.length, 0);
    await t.session.seek({ start: { kind: 'beginning' }, partitions: [0] });
    assert.strictEqual(t.resets, 1);
    await t.waitForCount(10);
    await t.session.seek({ start: { kind: 'last', count: 2 }, partitions: [1, 2] });
    await t.waitForCount(4);
    await sleep(800);
    assert.deepStrictEqual(t.positions(), [...range(1, 8, 10), ...range(2, 8, 10)]);
  });

  it('pauses and resumes', async () => {
    const { own, t } = await runningTailOfOwnTopic('tail-pause');
    t.session.pause();
    assert.strictEqual(t.state, 'paused');
    await produce(bootstrap, own, [{ value: 'a' }, { value: 'b' }, { value: 'c' }]);
    await sleep(2000);
    assert.strictEqual(t.messages.length, 0, 'nothing arrives while paused');
    t.session.resume();
    await t.waitForCount(3);
    assert.deepStrictEqual(t.positions(), range(0, 0, 3));
  });

  it('holds reading until released, or for the given time at most, and loses nothing', async () => {
    const { own, t } = await runningTailOfOwnTopic('tail-hold');
    t.session.hold(60_000);
    await produce(bootstrap, own, [{ value: 'a' }, { value: 'b' }]);
    await sleep(2000);
    assert.strictEqual(t.messages.length, 0, 'nothing arrives while held');
    t.session.release();
    await t.waitForCount(2, 5000);

    const heldAt = Date.now();
    t.session.hold(1500);
    await produce(bootstrap, own, [{ value: 'c' }]);
    await t.waitForCount(3, 10_000);
    const waited = Date.now() - heldAt;
    assert.ok(waited >= 1450, `the third message arrived ${waited} ms after a 1500 ms hold began`);
    assert.deepStrictEqual(t.positions(), range(0, 0, 3));
    assert.strictEqual(t.state, 'running');
  });

  it('reports a missing topic clearly', async () => {
    const t = tail({ start: { kind: 'beginning' } }, uniqueTopic('no-such-topic'));
    await assert.rejects(t.session.start(), /does not exist/);
    assert.strictEqual(t.state, 'error');
  });

  it('deletes tail groups abandoned by a killed VS Code, and only those', async () => {
    const abandoned = `${tailGroupPrefix}abandoned-${uniqueTopic('x')}`;
    const usersGroup = uniqueTopic('users-empty-group');
    for (const groupId of [abandoned, usersGroup]) {
      await withAdmin(bootstrap, (admin) => admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '1' }] }));
    }
    const listed = () => withAdmin(bootstrap, async (admin) => (await admin.listGroups()).groups.map((g) => g.groupId));
    assert.ok((await listed()).includes(abandoned));
    const t = tail({ start: { kind: 'end' } });
    await t.session.start();
    const deadline = Date.now() + 15_000;
    while ((await listed()).includes(abandoned) && Date.now() < deadline) {
      await sleep(200);
    }
    const after = await listed();
    assert.ok(!after.includes(abandoned), 'the abandoned tail group is deleted');
    assert.ok(after.includes(usersGroup), "the user's empty group stays");
    assert.ok(after.includes(t.session.groupId), 'the live tail keeps its group');
    await withAdmin(bootstrap, (admin) => admin.deleteGroups([usersGroup]));
  });

  it('never commits, moves no existing group, and leaves no group behind', async () => {
    const existingGroup = uniqueTopic('existing-group');
    await withAdmin(bootstrap, (admin) =>
      admin.setOffsets({ groupId: existingGroup, topic, partitions: [0, 1, 2].map((p) => ({ partition: p, offset: '5' })) }),
    );
    const offsetsOf = (groupId: string) =>
      withAdmin(bootstrap, async (admin) => {
        const [answer] = await admin.fetchOffsets({ groupId, topics: [topic] });
        return answer.partitions.map(({ partition, offset }) => `${partition}:${offset}`).sort();
      });
    const groups = () => withAdmin(bootstrap, async (admin) => (await admin.listGroups()).groups.map((g) => g.groupId).sort());
    const before = await groups();
    const existingBefore = await offsetsOf(existingGroup);
    assert.deepStrictEqual(existingBefore, ['0:5', '1:5', '2:5']);

    const t = tail({ start: { kind: 'beginning' } });
    await t.session.start();
    await t.waitForCount(30);
    t.session.pause();
    t.session.resume();
    await t.session.seek({ start: { kind: 'last', count: 1 } });
    await t.waitForCount(3);

    // While running, the throwaway group exists (so the checks below can fail) and has no offsets.
    assert.ok(t.session.groupId.startsWith(tailGroupPrefix));
    assert.ok((await groups()).includes(t.session.groupId));
    assert.deepStrictEqual(await offsetsOf(t.session.groupId), ['0:-1', '1:-1', '2:-1']);

    await t.session.stop();
    assert.deepStrictEqual(await groups(), before);
    assert.deepStrictEqual(await offsetsOf(existingGroup), existingBefore);
    const listed = await consumerGroupsTool(kafka(), ['--list']);
    assert.strictEqual(listed.code, 0, listed.stderr);
    assert.ok(listed.stdout.includes(existingGroup), 'the console tool sees the existing group');
    assert.ok(!listed.stdout.includes(t.session.groupId), 'the console tool sees no tail group');
    await withAdmin(bootstrap, (admin) => admin.deleteGroups([existingGroup]));
  });
});
