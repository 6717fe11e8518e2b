import { randomUUID } from 'crypto';
import { Kafka, logLevel, Partitioners, type Admin, type Message } from 'kafkajs';
import { createKafka } from '../../src/kafka/connect/connection';
import { silentLogger, type KafkaLogger } from '../../src/kafka/connect/log';
import { TailSession } from '../../src/kafka/tail/tailSession';
import { toTailMessage, type TailMessage } from '../../src/kafka/tail/tailMessage';
import type { TailStatus, TailTarget } from '../../src/protocol';

export function uniqueTopic(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A plain kafkajs client for arranging data; the code under test gets its own (createKafka). */
export function rawKafka(bootstrap: string): Kafka {
  return new Kafka({ clientId: 'tail-tests', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING });
}

export async function withAdmin<T>(bootstrap: string, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = rawKafka(bootstrap).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function createTopic(bootstrap: string, topic: string, partitions: number): Promise<void> {
  await withAdmin(bootstrap, (admin) =>
    admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true }),
  );
}

export async function deleteTopics(bootstrap: string, topics: string[]): Promise<void> {
  await withAdmin(bootstrap, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const gone = topics.filter((topic) => existing.has(topic));
    if (gone.length > 0) {
      await admin.deleteTopics({ topics: gone });
    }
  });
}

export async function produce(bootstrap: string, topic: string, messages: Message[]): Promise<void> {
  const producer = rawKafka(bootstrap).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    // Freshly created topics may briefly answer UNKNOWN_TOPIC_OR_PARTITION.
    for (let attempt = 1; ; attempt++) {
      try {
        await producer.send({ topic, messages });
        return;
      } catch (error) {
        if (attempt >= 10) throw error;
        await sleep(300);
      }
    }
  } finally {
    await producer.disconnect();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitFor(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await sleep(50);
  }
}

/** A TailSession under test with everything it reports recorded. */
export class RecordingTail {
  readonly messages: TailMessage[] = [];
  readonly statuses: TailStatus[] = [];
  resets = 0;
  readonly session: TailSession;

  constructor(bootstrap: string, topic: string, target: TailTarget, logger: KafkaLogger = silentLogger) {
    const kafka = createKafka(
      { clientId: 'tail-under-test', brokers: bootstrap.split(','), connectionTimeoutMs: 5000, requestTimeoutMs: 15000 },
      logger,
    );
    this.session = new TailSession(
      kafka,
      topic,
      target,
      {
        messages: (partition, records) => this.messages.push(...records.map((record) => toTailMessage(partition, record))),
        status: (status) => this.statuses.push(status),
        reset: () => {
          this.resets++;
          this.messages.length = 0;
        },
      },
      logger,
    );
  }

  /** "partition:offset" of everything received, sorted by partition then offset. */
  positions(): string[] {
    return this.messages
      .map((m) => [m.partition, BigInt(m.offset)] as const)
      .sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
      .map(([p, o]) => `${p}:${o}`);
  }

  async waitForCount(count: number, timeoutMs?: number): Promise<void> {
    await waitFor(`${count} messages (have ${this.messages.length})`, () => this.messages.length >= count, timeoutMs);
  }

  get state(): string | undefined {
    return this.statuses[this.statuses.length - 1]?.state;
  }
}

/** "p:o" for partition p, offsets from..to-1. */
export function range(partition: number, from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, i) => `${partition}:${from + i}`);
}
