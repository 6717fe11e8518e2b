import type { Admin, Kafka } from 'kafkajs';
import { brokerDefaults, describeCluster, type BrokerDefaults, type ClusterDescription } from './brokers';
import { explainKafkaError, kafkaErrorType } from '../connect/errors';
import {
  applyReset,
  deleteGroup,
  describeGroup,
  listGroups,
  previewReset,
  type GroupDetails,
  type GroupSummary,
  type ResetSelection,
} from './groups';
import type { ResetRow, ResetTarget } from './offsets';
import { withTimeout } from '../connect/timeout';
import {
  addPartitions,
  createTopic,
  deleteTopic,
  describePartitions,
  listTopics,
  setTopicConfig,
  topicConfigs,
  type ConfigEntry,
  type NewTopic,
  type PartitionDetails,
  type TopicSummary,
} from './topics';

export type { TopicSummary } from './topics';

export interface AdminTimeouts {
  /** Upper bound for connecting, retries included. */
  connectionTimeoutMs: number;
  /** Upper bound for one admin operation once connected, retries included. */
  requestTimeoutMs: number;
}

/**
 * One cluster's admin connection, opened on first use and reused until disposed.
 * Every operation is bounded by the timeouts and fails with a message that says what to do.
 */
export class ClusterAdmin {
  private connecting: Promise<Admin> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly timeouts: AdminTimeouts,
    private readonly clusterLabel: string,
  ) {}

  describeCluster(): Promise<ClusterDescription> {
    return this.run('describe the cluster', describeCluster);
  }

  brokerDefaults(): Promise<BrokerDefaults> {
    return this.run('read the broker defaults', brokerDefaults);
  }

  listTopics(): Promise<TopicSummary[]> {
    return this.run('list topics', listTopics);
  }

  describePartitions(topic: string): Promise<PartitionDetails[]> {
    return this.run(`describe the partitions of topic "${topic}"`, (admin) => describePartitions(admin, topic));
  }

  topicConfigs(topic: string): Promise<ConfigEntry[]> {
    return this.run(`read the configs of topic "${topic}"`, (admin) => topicConfigs(admin, topic));
  }

  createTopic(topic: NewTopic): Promise<void> {
    return this.run(`create topic "${topic.name}"`, (admin) => createTopic(admin, topic));
  }

  deleteTopic(topic: string): Promise<void> {
    return this.run(`delete topic "${topic}"`, (admin) => deleteTopic(admin, topic));
  }

  addPartitions(topic: string, count: number): Promise<void> {
    return this.run(`add partitions to topic "${topic}"`, (admin) => addPartitions(admin, topic, count));
  }

  /** Sets one config of a topic, or reverts it to its default when `value` is undefined. */
  setTopicConfig(topic: string, name: string, value: string | undefined): Promise<void> {
    return this.run(`change ${name} of topic "${topic}"`, (admin) => setTopicConfig(admin, topic, name, value));
  }

  listGroups(): Promise<GroupSummary[]> {
    return this.run('list consumer groups', listGroups);
  }

  describeGroup(groupId: string): Promise<GroupDetails> {
    return this.run(`describe consumer group "${groupId}"`, (admin) => describeGroup(admin, groupId));
  }

  deleteGroup(groupId: string): Promise<void> {
    return this.run(`delete consumer group "${groupId}"`, (admin) => deleteGroup(admin, groupId));
  }

  previewReset(groupId: string, target: ResetTarget, selection: ResetSelection): Promise<ResetRow[]> {
    return this.run(`preview the offset reset of group "${groupId}"`, (admin) => previewReset(admin, groupId, target, selection));
  }

  applyReset(groupId: string, rows: ResetRow[]): Promise<void> {
    return this.run(`reset the offsets of group "${groupId}"`, (admin) =>
      applyReset(this.kafka, admin, groupId, rows, this.timeouts.requestTimeoutMs),
    );
  }

  async dispose(): Promise<void> {
    const pending = this.connecting;
    this.connecting = undefined;
    if (pending) {
      await pending.then((admin) => admin.disconnect()).catch(() => undefined);
    }
  }

  private async run<T>(what: string, operation: (admin: Admin) => Promise<T>): Promise<T> {
    try {
      return await this.attempt(what, operation);
    } catch (error) {
      // kafkajs keeps every topic it has looked at in its metadata requests; once one of them is
      // deleted elsewhere, each later request fails with UNKNOWN_TOPIC_OR_PARTITION. A fresh connection forgets them.
      if (kafkaErrorType(error) !== 'UNKNOWN_TOPIC_OR_PARTITION') {
        throw explainKafkaError(error, { action: what, cluster: this.clusterLabel });
      }
      try {
        return await this.attempt(what, operation);
      } catch (retryError) {
        throw explainKafkaError(retryError, { action: what, cluster: this.clusterLabel });
      }
    }
  }

  private async attempt<T>(what: string, operation: (admin: Admin) => Promise<T>): Promise<T> {
    const { connectionTimeoutMs, requestTimeoutMs } = this.timeouts;
    try {
      const admin = await withTimeout(
        this.connected(),
        connectionTimeoutMs,
        `Could not connect to ${this.clusterLabel} within ${connectionTimeoutMs} ms. Check that its bootstrap servers are reachable, and whether it needs TLS or SASL.`,
      );
      return await withTimeout(
        operation(admin),
        requestTimeoutMs,
        `Could not ${what} on ${this.clusterLabel}: no answer within ${requestTimeoutMs} ms.`,
      );
    } catch (error) {
      // A failed or timed-out connection must not be reused: the next call connects afresh.
      if (!isUserError(error)) {
        void this.dispose();
      }
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

/** Errors about the request itself leave the connection healthy. */
function isUserError(error: unknown): boolean {
  return (error as { name?: unknown })?.name === 'KafkaOperationError';
}
