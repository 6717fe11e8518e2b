import * as assert from 'assert';
import { startKafka, type KafkaCluster } from '../../scripts/kafka/broker';
import { ClusterAdmin } from '../../src/kafka/admin/clusterAdmin';
import { createKafka } from '../../src/kafka/connect/connection';
import { KafkaOperationError } from '../../src/kafka/connect/errors';
import { silentLogger } from '../../src/kafka/connect/log';
import { uniqueName } from './adminFixture';

describe('ClusterAdmin as a SCRAM user without ACLs (StandardAuthorizer)', function () {
  this.timeout(180_000);
  let cluster: KafkaCluster | undefined;
  let admin: ClusterAdmin;

  before(async () => {
    cluster = await startKafka({
      security: 'scram',
      properties: {
        'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
        // The brokers' own SCRAM user and the PLAINTEXT controller listener (ANONYMOUS) may do anything.
        'super.users': 'User:kafka-workbench-admin;User:ANONYMOUS',
      },
    });
    const security = cluster.security!;
    const timeouts = { connectionTimeoutMs: 10_000, requestTimeoutMs: 30_000 };
    const kafka = createKafka(
      {
        clientId: 'admin-tests',
        brokers: cluster.listeners.scram!.split(','),
        ...timeouts,
        sasl: { mechanism: 'scram-sha-512', username: security.username },
        secrets: { password: async () => security.password, keyPassphrase: async () => undefined },
      },
      silentLogger,
    );
    admin = new ClusterAdmin(kafka, timeouts, 'cluster "acl"');
  });

  after(async () => {
    await admin?.dispose();
    await cluster?.stop();
  });

  it('authenticates with SCRAM-SHA-512 (password from the secret source) and describes the cluster without permission to read broker configs', async () => {
    const description = await admin.describeCluster();
    assert.strictEqual(description.brokers.length, 1);
    assert.strictEqual(description.brokers[0].rack, undefined);
    const defaults = await admin.brokerDefaults();
    assert.deepStrictEqual(defaults, { replicationFactor: 1, partitions: 1, deleteTopicEnabled: true, fromBroker: false });
  });

  it('says an authorization failure is one, and what to do, when creating a topic', async () => {
    const topic = uniqueName('forbidden');
    await assert.rejects(admin.createTopic({ name: topic, partitions: 1, replicationFactor: 1 }), (error: unknown) => {
      assert.ok(error instanceof KafkaOperationError, String(error));
      assert.match(String(error.type), /^(TOPIC|CLUSTER)_AUTHORIZATION_FAILED$/);
      assert.match(
        error.message,
        new RegExp(`^Could not create topic "${topic}" on cluster "acl": the cluster's ACLs do not allow this client to .*Ask the cluster's administrator for that permission`),
      );
      return true;
    });
  });
});
