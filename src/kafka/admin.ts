import type { Admin, Kafka } from 'kafkajs';
import { withTimeout } from './timeout';

export interface TopicSummary {
  name: string;
  partitionCount: number;
  internal: boolean;
}

export interface AdminTimeouts {
  /** Upper bound for connecting, retries included. */
  connectionTimeoutMs: number;
  /** Upper bound for one admin operation once connected, retries included. */
  requestTimeoutMs: number;
}

/** One cluster's admin connection, opened on first use and reused until disposed. */
export class ClusterAdmin {
  private connecting: Promise<Admin> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly timeouts: AdminTimeouts,
    private readonly clusterLabel: string,
  ) {}

  async listTopics(): Promise<TopicSummary[]> {
    const metadata = await this.run('list topics', (admin) => admin.fetchTopicMetadata());
    return metadata.topics
      .map((topic) => ({
        name: topic.name,
        partitionCount: topic.partitions.length,
        internal: topic.name.startsWith('__'),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async dispose(): Promise<void> {
    const pending = this.connecting;
    this.connecting = undefined;
    if (pending) {
      await pending.then((admin) => admin.disconnect()).catch(() => undefined);
    }
  }

  private async run<T>(what: string, operation: (admin: Admin) => Promise<T>): Promise<T> {
    const { connectionTimeoutMs, requestTimeoutMs } = this.timeouts;
    try {
      const admin = await withTimeout(
        this.connected(),
        connectionTimeoutMs,
        `Could not connect to ${this.clusterLabel} within ${connectionTimeoutMs} ms. Check that its bootstrap servers are reachable.`,
      );
      return await withTimeout(
        operation(admin),
        requestTimeoutMs,
        `Could not ${what} on ${this.clusterLabel}: no answer within ${requestTimeoutMs} ms.`,
      );
    } catch (error) {
      // A failed or timed-out connection must not be reused: the next call connects afresh.
      void this.dispose();
      throw error;
    }
  }

  private connected(): Promise<Admin> {
    if (!this.connecting) {
      const admin = this.kafka.admin();
      this.connecting = admin.connect().then(() => admin);
    }
    return this.connecting;
  }
}
