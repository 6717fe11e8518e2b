import * as assert from 'assert';
import { startKafka, type KafkaCluster } from '../../scripts/kafka/broker';
import { kafka } from './setup';
import { createTopic, deleteTopics, produce, range, RecordingTail, sleep, uniqueTopic, waitFor } from './tailFixture';

describe('TailSession faults (real broker)', function () {
  this.timeout(180_000);
  const tails: RecordingTail[] = [];

  afterEach(async () => {
    await Promise.all(tails.splice(0).map((t) => t.session.stop()));
  });

  describe('broker restart', () => {
    // A broker of its own: this test stops and restarts it.
    let own: KafkaCluster;

    before(async () => {
      own = await startKafka();
    });

    after(async () => {
      await own?.stop();
    });

    it('shows reconnecting, then continues from the next offset with no gap and no duplicate', async () => {
      const topic = uniqueTopic('tail-restart');
      await createTopic(own.bootstrap, topic, 2);
      const batch = (from: number) =>
        [0, 1].flatMap((partition) =>
          Array.from({ length: 50 }, (_, i) => ({ partition, value: `m-${partition}-${from + i}` })),
        );
      await produce(own.bootstrap, topic, batch(0));

      const t = new RecordingTail(own.bootstrap, topic, { start: { kind: 'beginning' } });
      tails.push(t);
      await t.session.start();
      await t.waitForCount(100);

      await own.stopNode(own.nodeIds[0]);
      await waitFor('reconnecting', () => t.state === 'reconnecting', 60_000);
      await own.startNode(own.nodeIds[0]);
      await produce(own.bootstrap, topic, batch(50));
      await t.waitForCount(200, 90_000);
      await waitFor('running', () => t.state === 'running');
      await sleep(1500);

      assert.deepStrictEqual(t.positions(), [...range(0, 0, 100), ...range(1, 0, 100)]);
      const states = t.statuses.map((s) => s.state);
      assert.ok(states.indexOf('reconnecting') < states.lastIndexOf('running'), states.join(' → '));
      assert.strictEqual(t.resets, 0);
    });
  });

  describe('topic deleted while tailing', () => {
    it('says so clearly, keeps what it received, and stops reading', async () => {
      const { bootstrap } = kafka();
      const topic = uniqueTopic('tail-deleted');
      await createTopic(bootstrap, topic, 1);
      await produce(bootstrap, topic, [{ value: 'a' }, { value: 'b' }]);
      const t = new RecordingTail(bootstrap, topic, { start: { kind: 'beginning' } });
      tails.push(t);
      await t.session.start();
      await t.waitForCount(2);

      await deleteTopics(bootstrap, [topic]);
      await waitFor('an error status', () => t.state === 'error', 60_000);
      assert.match(t.statuses[t.statuses.length - 1].message ?? '', new RegExp(`Topic "${topic}" was deleted`));
      assert.strictEqual(t.messages.length, 2);
    });
  });
});
