import { randomUUID } from 'crypto';
import type { Admin, Kafka } from 'kafkajs';
import { registerCompressionCodecs } from '../../src/kafka/connect/codecs';
import { createKafka } from '../../src/kafka/connect/connection';
import { silentLogger } from '../../src/kafka/connect/log';
import { headerPairs, toTailMessage } from '../../src/kafka/tail/tailMessage';
import { TailSession } from '../../src/kafka/tail/tailSession';
import { kafka as testCluster } from './setup';

export function uniqueTopic(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A kafkajs client built the way the extension builds one. */
export function projectKafka(clientId = 'produce-tests'): Kafka {
  return createKafka(
    {
      clientId,
      brokers: testCluster().bootstrap.split(','),
      connectionTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
    },
    silentLogger,
  );
}

export async function withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = projectKafka('produce-tests-admin').admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function createTopic(topic: string, partitions = 1, configs: Record<string, string> = {}): Promise<void> {
  await withAdmin((admin) =>
    admin.createTopics({
      topics: [
        {
          topic,
          numPartitions: partitions,
          replicationFactor: 1,
          configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
        },
      ],
      waitForLeaders: true,
    }),
  );
}

export async function deleteTopics(topics: string[]): Promise<void> {
  await withAdmin(async (admin) => {
    const existing = new Set(await admin.listTopics());
    const gone = topics.filter((topic) => existing.has(topic));
    if (gone.length > 0) {
      await admin.deleteTopics({ topics: gone });
    }
  });
}

export async function topicExists(topic: string): Promise<boolean> {
  return withAdmin(async (admin) => (await admin.listTopics()).includes(topic));
}

/** Records on the topic: the sum of the partitions' end offsets (topics here start at 0). */
export async function recordCount(topic: string): Promise<number> {
  return withAdmin(async (admin) => {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  });
}

export interface ReadRecord {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: string;
}

/** Reads `count` records from the beginning with the project's own tail (TailSession, codecs registered). */
export async function readBack(topic: string, count: number): Promise<ReadRecord[]> {
  registerCompressionCodecs();
  const records: ReadRecord[] = [];
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const session = new TailSession(
    projectKafka('produce-tests-reader'),
    topic,
    { start: { kind: 'beginning' } },
    {
      messages: (partition, batch) => {
        for (const message of batch.map((record) => toTailMessage(partition, record))) {
          const headers: Record<string, string> = {};
          for (const [name, value] of headerPairs(message)) {
            headers[name] = value?.toString('utf8') ?? '';
          }
          records.push({
            partition: message.partition,
            offset: message.offset,
            key: message.key,
            value: message.value,
            headers,
            timestamp: message.timestamp,
          });
        }
        if (records.length >= count) {
          resolveDone();
        }
      },
      status: () => undefined,
      reset: () => (records.length = 0),
    },
    silentLogger,
  );
  try {
    await session.start();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      done,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`read ${records.length} of ${count} records from ${topic} within 30 s`)), 30_000);
      }),
    ]).finally(() => clearTimeout(timer));
  } finally {
    await session.stop();
  }
  return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/** Reads with Kafka's own kafka-console-consumer; returns its raw stdout (UTF-8). */
export async function consoleRead(
  topic: string,
  count: number,
  properties: Record<string, string> = {},
): Promise<string> {
  const cluster = testCluster();
  const args = [
    '--bootstrap-server',
    cluster.bootstrap,
    '--topic',
    topic,
    '--from-beginning',
    '--max-messages',
    String(count),
    '--timeout-ms',
    '20000',
  ];
  for (const [name, value] of Object.entries(properties)) {
    args.push('--property', `${name}=${value}`);
  }
  const result = await cluster.runTool('org.apache.kafka.tools.consumer.ConsoleConsumer', args, undefined, {
    timeoutMs: 60_000,
  });
  if (!result.stderr.includes(`Processed a total of ${count} messages`)) {
    throw new Error(`console consumer: ${result.stderr.slice(-2000)}`);
  }
  return result.stdout;
}

/** Bytes of the topic's log on disk, from kafka-log-dirs. */
export async function logBytes(topic: string): Promise<number> {
  const cluster = testCluster();
  const result = await cluster.runTool('org.apache.kafka.tools.LogDirsCommand', [
    '--bootstrap-server',
    cluster.bootstrap,
    '--describe',
    '--topic-list',
    topic,
  ]);
  const json = result.stdout.split('\n').find((line) => line.startsWith('{'));
  if (!json) {
    throw new Error(`kafka-log-dirs: ${result.stdout}${result.stderr}`);
  }
  const parsed = JSON.parse(json) as { brokers: { logDirs: { partitions: { partition: string; size: number }[] }[] }[] };
  let bytes = 0;
  for (const broker of parsed.brokers) {
    for (const dir of broker.logDirs) {
      for (const partition of dir.partitions) {
        if (partition.partition.startsWith(`${topic}-`)) {
          bytes += partition.size;
        }
      }
    }
  }
  return bytes;
}
