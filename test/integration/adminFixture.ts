import { randomUUID } from 'crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { KafkaCluster } from '../../scripts/kafka/broker';
import { ClusterAdmin } from '../../src/kafka/admin/clusterAdmin';
import { createKafka } from '../../src/kafka/connect/connection';
import { silentLogger } from '../../src/kafka/connect/log';

import { kafka } from './setup';

/** The broker of this run (started by the root hook in setup.ts, or KAFKA_BOOTSTRAP). */
export async function testCluster(): Promise<KafkaCluster> {
  return kafka();
}

/** A unique name per test run, so runs never see each other's topics or groups. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** The ClusterAdmin under test, built the way the extension builds it. */
export async function clusterAdmin(timeouts = { connectionTimeoutMs: 10_000, requestTimeoutMs: 30_000 }): Promise<ClusterAdmin> {
  const { bootstrap } = await testCluster();
  const kafka = createKafka(
    { clientId: 'admin-tests', brokers: bootstrap.split(','), ...timeouts },
    silentLogger,
  );
  return new ClusterAdmin(kafka, timeouts, 'cluster "test"');
}

/** A plain kafkajs client for arranging test data (producing, consuming, cleaning up). */
export async function rawKafka(): Promise<Kafka> {
  const { bootstrap } = await testCluster();
  return new Kafka({ clientId: 'admin-tests-raw', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING });
}

/** Runs `work` with a connected raw admin. */
export async function withRawAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = (await rawKafka()).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function deleteTopicsQuietly(topics: string[]): Promise<void> {
  if (topics.length === 0) {
    return;
  }
  await withRawAdmin(async (admin) => {
    const existing = new Set(await admin.listTopics());
    const toDelete = topics.filter((topic) => existing.has(topic));
    if (toDelete.length > 0) {
      await admin.deleteTopics({ topics: toDelete });
    }
  });
}

export async function deleteGroupsQuietly(groups: string[]): Promise<void> {
  if (groups.length === 0) {
    return;
  }
  await withRawAdmin((admin) => admin.deleteGroups(groups).then(() => undefined, () => undefined));
}
