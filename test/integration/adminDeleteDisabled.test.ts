import * as assert from 'assert';
import { startKafka, type KafkaCluster } from '../../scripts/kafka/broker';
import { ClusterAdmin } from '../../src/kafka/admin/clusterAdmin';
import { createKafka } from '../../src/kafka/connect/connection';
import { KafkaOperationError } from '../../src/kafka/connect/errors';
import { silentLogger } from '../../src/kafka/connect/log';
import { uniqueName } from './adminFixture';

describe('ClusterAdmin on a cluster that disables topic deletion (delete.topic.enable=false)', function () {
  this.timeout(180_000);
  let cluster: KafkaCluster | undefined;
  let admin: ClusterAdmin;

  before(async () => {
    cluster = await startKafka({ properties: { 'delete.topic.enable': 'false' } });
    const timeouts = { connectionTimeoutMs: 10_000, requestTimeoutMs: 30_000 };
    admin = new ClusterAdmin(createKafka({ clientId: 'admin-tests', brokers: cluster.bootstrap.split(','), ...timeouts }, silentLogger), timeouts, 'cluster "locked"');
  });

  after(async () => {
    await admin?.dispose();
    await cluster?.stop();
  });

  it('refuses to delete a topic, saying deletion is disabled and who can change that; the topic stays', async () => {
    const topic = uniqueName('undeletable');
    await admin.createTopic({ name: topic, partitions: 1, replicationFactor: 1 });
    assert.strictEqual((await admin.brokerDefaults()).deleteTopicEnabled, false);
    await assert.rejects(admin.deleteTopic(topic), (error: unknown) => {
      assert.ok(error instanceof KafkaOperationError, String(error));
      assert.strictEqual(error.type, 'TOPIC_DELETION_DISABLED');
      assert.match(error.message, new RegExp(`Topic "${topic}" was not deleted: topic deletion is disabled on this cluster \\(delete\\.topic\\.enable=false\\)\\. Ask its administrator`));
      return true;
    });
    assert.ok((await admin.listTopics()).some((entry) => entry.name === topic));
  });
});
