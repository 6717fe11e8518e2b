import * as assert from 'assert';
import { startKafka, type KafkaCluster } from '../../scripts/kafka/broker';
import { ClusterAdmin } from '../../src/kafka/admin/clusterAdmin';
import { createKafka } from '../../src/kafka/connect/connection';
import { silentLogger } from '../../src/kafka/connect/log';
import { uniqueName } from './adminFixture';

describe('ClusterAdmin on a two-broker cluster with a broker down', function () {
  this.timeout(240_000);
  let cluster: KafkaCluster | undefined;
  let admin: ClusterAdmin;

  before(async () => {
    cluster = await startKafka({ nodes: 2 });
    const timeouts = { connectionTimeoutMs: 10_000, requestTimeoutMs: 30_000 };
    admin = new ClusterAdmin(createKafka({ clientId: 'admin-tests', brokers: cluster.bootstrap.split(','), ...timeouts }, silentLogger), timeouts, 'cluster "pair"');
  });

  after(async () => {
    await admin?.dispose();
    await cluster?.stop();
  });

  it('marks partitions under-replicated when a replica leaves the ISR, with leader, replicas and ISR as the broker says', async () => {
    const topic = uniqueName('replicated');
    await cluster!.untilAllNodesListed();
    await admin.createTopic({ name: topic, partitions: 2, replicationFactor: 2 });
    const healthy = await admin.describePartitions(topic);
    assert.deepStrictEqual(healthy.map((partition) => [partition.replicas.length, partition.isr.length, partition.underReplicated]), [
      [2, 2, false],
      [2, 2, false],
    ]);
    assert.strictEqual((await admin.describeCluster()).brokers.length, 2);

    await cluster!.stopNode(2);
    const deadline = Date.now() + 60_000;
    let partitions = await admin.describePartitions(topic);
    while (!partitions.every((partition) => partition.underReplicated)) {
      assert.ok(Date.now() < deadline, `still in sync: ${JSON.stringify(partitions)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      partitions = await admin.describePartitions(topic);
    }
    for (const partition of partitions) {
      assert.deepStrictEqual(partition.isr, [1]);
      assert.strictEqual(partition.leader, 1);
      assert.deepStrictEqual([...partition.replicas].sort(), [1, 2]);
    }
  });
});
