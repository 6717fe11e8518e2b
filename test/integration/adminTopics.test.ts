import * as assert from 'assert';
import { topicsTool } from '../../scripts/kafka/broker';
import type { ClusterAdmin } from '../../src/kafka/admin/clusterAdmin';
import { KafkaOperationError } from '../../src/kafka/connect/errors';
import { clusterAdmin, deleteTopicsQuietly, rawKafka, testCluster, uniqueName, withRawAdmin } from './adminFixture';

function rejectsWith(type: string, pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof KafkaOperationError, `expected a KafkaOperationError, got ${String(error)}`);
    assert.strictEqual(error.type, type, error.message);
    assert.match(error.message, pattern);
    return true;
  };
}

describe('ClusterAdmin: cluster and topics (real broker)', function () {
  let admin: ClusterAdmin;
  const made: string[] = [];

  const newTopicName = (prefix = 'admin-topic') => {
    const name = uniqueName(prefix);
    made.push(name);
    return name;
  };

  before(async () => {
    admin = await clusterAdmin();
  });

  after(async () => {
    await admin.dispose();
    await deleteTopicsQuietly(made);
  });

  it('describes the brokers with host, port and the controller marked', async () => {
    const { bootstrap } = await testCluster();
    const description = await admin.describeCluster();
    assert.ok(description.clusterId.length > 0);
    assert.ok(description.brokers.length >= 1);
    const addresses = description.brokers.map((broker) => `${broker.host}:${broker.port}`);
    for (const address of bootstrap.split(',')) {
      assert.ok(addresses.includes(address), `${address} in ${addresses.join(',')}`);
    }
    assert.strictEqual(description.brokers.filter((broker) => broker.controller).length, 1);
    assert.strictEqual(description.brokers.find((broker) => broker.controller)?.id, description.controllerId);
  });

  it("reads the broker's defaults for new topics", async () => {
    const defaults = await admin.brokerDefaults();
    const { brokers } = await admin.describeCluster();
    assert.strictEqual(defaults.replicationFactor, Math.min(brokers.length, 3));
    assert.strictEqual(defaults.partitions, 1);
    assert.strictEqual(defaults.deleteTopicEnabled, true);
    assert.strictEqual(defaults.fromBroker, true);
  });

  it('creates a topic with configs, lists it and shows its non-default configs with their source', async () => {
    const name = newTopicName();
    await admin.createTopic({ name, partitions: 3, replicationFactor: 1, configs: { 'cleanup.policy': 'compact', 'retention.ms': '3600000' } });

    const listed = (await admin.listTopics()).find((topic) => topic.name === name);
    assert.deepStrictEqual(listed, { name, partitionCount: 3, replicationFactor: 1, internal: false });

    const configs = await admin.topicConfigs(name);
    const cleanup = configs.find((entry) => entry.name === 'cleanup.policy');
    assert.deepStrictEqual(
      { value: cleanup?.value, source: cleanup?.source, isDefault: cleanup?.isDefault },
      { value: 'compact', source: 'topic', isDefault: false },
    );
    const segment = configs.find((entry) => entry.name === 'segment.bytes');
    assert.strictEqual(segment?.isDefault, true);
    assert.notStrictEqual(segment?.source, 'topic');

    const described = await topicsTool(await testCluster(), ['--describe', '--topic', name]);
    assert.strictEqual(described.code, 0, described.stderr);
    assert.match(described.stdout, /PartitionCount:\s*3/);
    assert.match(described.stdout, /cleanup\.policy=compact/);
    assert.match(described.stdout, /retention\.ms=3600000/);
  });

  it('lists internal topics flagged as internal', async () => {
    // __consumer_offsets exists once any group has committed; make sure one has.
    const topic = newTopicName('admin-internal');
    await admin.createTopic({ name: topic, partitions: 1, replicationFactor: 1 });
    const group = uniqueName('admin-internal-group');
    await withRawAdmin((raw) => raw.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '0' }] }));
    const offsets = (await admin.listTopics()).find((entry) => entry.name === '__consumer_offsets');
    assert.strictEqual(offsets?.internal, true);
    await withRawAdmin((raw) => raw.deleteGroups([group]));
  });

  it('refuses a topic that exists already, saying so', async () => {
    const name = newTopicName();
    await admin.createTopic({ name, partitions: 1, replicationFactor: 1 });
    await assert.rejects(admin.createTopic({ name, partitions: 1, replicationFactor: 1 }), rejectsWith('TOPIC_ALREADY_EXISTS', /exists already/));
  });

  it('refuses a replication factor larger than the number of brokers, naming both', async () => {
    const { brokers } = await admin.describeCluster();
    const name = newTopicName();
    await assert.rejects(
      admin.createTopic({ name, partitions: 1, replicationFactor: brokers.length + 1 }),
      rejectsWith('INVALID_REPLICATION_FACTOR', new RegExp(`Replication factor ${brokers.length + 1} .* ${brokers.length} broker`)),
    );
    assert.ok(!(await admin.listTopics()).some((topic) => topic.name === name));
  });

  it('refuses an invalid config value, naming the config', async () => {
    const name = newTopicName();
    await assert.rejects(
      admin.createTopic({ name, partitions: 1, replicationFactor: 1, configs: { 'cleanup.policy': 'compact', 'retention.ms': 'forever' } }),
      rejectsWith('INVALID_CONFIG', /retention\.ms=forever/),
    );
    assert.ok(!(await admin.listTopics()).some((topic) => topic.name === name));
  });

  it('refuses an illegal topic name before asking the broker', async () => {
    await assert.rejects(admin.createTopic({ name: 'has space', partitions: 1, replicationFactor: 1 }), rejectsWith('INVALID_TOPIC_EXCEPTION', /space/));
    await assert.rejects(admin.createTopic({ name: '..', partitions: 1, replicationFactor: 1 }), rejectsWith('INVALID_TOPIC_EXCEPTION', /cannot be named/));
  });

  it('describes partitions with leader, replicas, ISR, watermarks and exact message counts', async () => {
    const name = newTopicName();
    await admin.createTopic({ name, partitions: 2, replicationFactor: 1 });
    const producer = (await rawKafka()).producer();
    await producer.connect();
    await producer.send({ topic: name, messages: Array.from({ length: 7 }, (_, i) => ({ partition: 0, value: `m${i}` })) });
    await producer.send({ topic: name, messages: [{ partition: 1, value: 'only' }] });
    await producer.disconnect();
    await withRawAdmin(async (raw) => {
      await raw.fetchTopicOffsets(name); // kafkajs's deleteTopicRecords needs the topic's metadata loaded
      await raw.deleteTopicRecords({ topic: name, partitions: [{ partition: 0, offset: '3' }] });
    });

    const partitions = await admin.describePartitions(name);
    const { brokers } = await admin.describeCluster();
    assert.deepStrictEqual(
      partitions.map(({ partition, low, high, messages, underReplicated }) => ({ partition, low, high, messages, underReplicated })),
      [
        { partition: 0, low: '3', high: '7', messages: '4', underReplicated: false },
        { partition: 1, low: '0', high: '1', messages: '1', underReplicated: false },
      ],
    );
    for (const partition of partitions) {
      assert.ok(brokers.some((broker) => broker.id === partition.leader));
      assert.deepStrictEqual(partition.isr, partition.replicas);
    }
  });

  it('adds partitions only beyond the current count', async () => {
    const name = newTopicName();
    await admin.createTopic({ name, partitions: 2, replicationFactor: 1 });
    await assert.rejects(admin.addPartitions(name, 2), rejectsWith('INVALID_PARTITIONS', /has 2 partitions; the new count must be more than 2/));
    await admin.addPartitions(name, 5);
    assert.strictEqual((await admin.describePartitions(name)).length, 5);
    const described = await topicsTool(await testCluster(), ['--describe', '--topic', name]);
    assert.match(described.stdout, /PartitionCount:\s*5/);
  });

  it('changes one config and leaves the other topic configs as they were', async () => {
    const name = newTopicName();
    await admin.createTopic({ name, partitions: 1, replicationFactor: 1, configs: { 'cleanup.policy': 'compact', 'max.message.bytes': '200000' } });
    await admin.setTopicConfig(name, 'retention.ms', '7200000');
    let configs = new Map((await admin.topicConfigs(name)).map((entry) => [entry.name, entry]));
    assert.strictEqual(configs.get('retention.ms')?.value, '7200000');
    assert.strictEqual(configs.get('cleanup.policy')?.value, 'compact');
    assert.strictEqual(configs.get('max.message.bytes')?.value, '200000');

    await admin.setTopicConfig(name, 'max.message.bytes', undefined);
    configs = new Map((await admin.topicConfigs(name)).map((entry) => [entry.name, entry]));
    assert.strictEqual(configs.get('max.message.bytes')?.source === 'topic', false);
    assert.strictEqual(configs.get('retention.ms')?.value, '7200000');
    assert.strictEqual(configs.get('cleanup.policy')?.value, 'compact');

    const described = await topicsTool(await testCluster(), ['--describe', '--topic', name]);
    assert.match(described.stdout, /retention\.ms=7200000/);
    assert.doesNotMatch(described.stdout, /max\.message\.bytes/);
  });

  it('refuses an unknown config key and an invalid value, naming them', async () => {
    const name = newTopicName();
    await admin.createTopic({ name, partitions: 1, replicationFactor: 1 });
    await assert.rejects(admin.setTopicConfig(name, 'no.such.config', '1'), rejectsWith('INVALID_CONFIG', /"no\.such\.config" is not a config/));
    await assert.rejects(admin.setTopicConfig(name, 'retention.ms', 'soon'), rejectsWith('INVALID_CONFIG', /retention\.ms=soon/));
  });

  it('deletes a topic', async () => {
    const name = newTopicName();
    await admin.createTopic({ name, partitions: 1, replicationFactor: 1 });
    await admin.deleteTopic(name);
    assert.ok(!(await admin.listTopics()).some((topic) => topic.name === name));
    const listed = await topicsTool(await testCluster(), ['--list']);
    assert.ok(!listed.stdout.split('\n').includes(name));
  });

  it('says what failed when deleting a topic that does not exist', async () => {
    const name = uniqueName('admin-missing');
    await assert.rejects(admin.deleteTopic(name), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, new RegExp(`Could not delete topic "${name}" on cluster "test": the topic or partition does not exist`));
      return true;
    });
  });

  it('keeps working after a topic it looked at was deleted by someone else', async () => {
    const name = newTopicName();
    await admin.createTopic({ name, partitions: 1, replicationFactor: 1 });
    await admin.describePartitions(name);
    await withRawAdmin((raw) => raw.deleteTopics({ topics: [name] }));
    const other = newTopicName();
    await admin.createTopic({ name: other, partitions: 1, replicationFactor: 1 });
    assert.strictEqual((await admin.describePartitions(other)).length, 1);
  });

  it('names the cluster and the reason when the broker cannot be reached', async () => {
    const { createKafka } = await import('../../src/kafka/connect/connection');
    const { ClusterAdmin } = await import('../../src/kafka/admin/clusterAdmin');
    const { silentLogger } = await import('../../src/kafka/connect/log');
    const timeouts = { connectionTimeoutMs: 1500, requestTimeoutMs: 1500 };
    const kafka = createKafka({ clientId: 'unreachable', brokers: ['127.0.0.1:1'], ...timeouts }, silentLogger);
    const unreachable = new ClusterAdmin(kafka, timeouts, 'cluster "nowhere"');
    const started = Date.now();
    await assert.rejects(unreachable.listTopics(), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /cluster "nowhere"/);
      return true;
    });
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    await unreachable.dispose();
  });
});
