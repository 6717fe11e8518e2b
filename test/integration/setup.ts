// Mocha root hooks: one Kafka broker per run (or the one in KAFKA_BOOTSTRAP), shared by all integration tests.
import { useKafka, type KafkaCluster } from '../../scripts/kafka/broker';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

let cluster: KafkaCluster | undefined;

export function kafka(): KafkaCluster {
  if (!cluster) throw new Error('Kafka is not started (is test/integration/setup.js in mocha "require"?)');
  return cluster;
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(180_000); // a cold run downloads the jars first
    const started = Date.now();
    // KAFKA_LOG=1 shows the broker's log; otherwise its last lines only appear in a start-up error.
    cluster = await useKafka({ log: process.env.KAFKA_LOG ? (line) => console.error(line) : undefined });
    console.log(`  Kafka ${cluster.version} at ${cluster.bootstrap} (${Date.now() - started} ms)`);
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(30_000);
    await cluster?.stop();
    cluster = undefined;
  },
};
