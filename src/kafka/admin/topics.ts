import { ConfigResourceTypes, ConfigSource, type Admin, type ITopicMetadata } from 'kafkajs';
import { brokerDefaults } from './brokers';
import { KafkaOperationError, kafkaErrorType } from '../connect/errors';
import { messageCount } from './offsets';
import { checkTopicName } from './topicName';

export interface TopicSummary {
  name: string;
  partitionCount: number;
  replicationFactor: number;
  internal: boolean;
}

export interface PartitionDetails {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  underReplicated: boolean;
  low: string;
  high: string;
  /** high − low, exact. */
  messages: string;
}

export type ConfigSourceName =
  | 'topic'
  | 'dynamic broker'
  | 'dynamic default broker'
  | 'static broker'
  | 'default'
  | 'broker logger'
  | 'unknown';

export interface ConfigEntry {
  name: string;
  value: string | undefined;
  source: ConfigSourceName;
  isDefault: boolean;
  sensitive: boolean;
  readOnly: boolean;
}

export interface NewTopic {
  name: string;
  partitions: number;
  replicationFactor: number;
  configs?: Record<string, string>;
}

const sourceNames: Record<number, ConfigSourceName> = {
  [ConfigSource.TOPIC_CONFIG]: 'topic',
  [ConfigSource.DYNAMIC_BROKER_CONFIG]: 'dynamic broker',
  [ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG]: 'dynamic default broker',
  [ConfigSource.STATIC_BROKER_CONFIG]: 'static broker',
  [ConfigSource.DEFAULT_CONFIG]: 'default',
  [ConfigSource.DYNAMIC_BROKER_LOGGER_CONFIG]: 'broker logger',
};

/** Kafka's internal topics start with "__" (__consumer_offsets, __transaction_state, ...). */
export function isInternalTopic(name: string): boolean {
  return name.startsWith('__');
}

/** One entry per topic, sorted by name; plain loops because this runs over 10,000+ topics. */
export function summarizeTopics(topics: ITopicMetadata[]): TopicSummary[] {
  const summaries: TopicSummary[] = new Array(topics.length);
  for (let i = 0; i < topics.length; i++) {
    const topic = topics[i];
    summaries[i] = {
      name: topic.name,
      partitionCount: topic.partitions.length,
      replicationFactor: topic.partitions[0]?.replicas.length ?? 0,
      internal: isInternalTopic(topic.name),
    };
  }
  return summaries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export async function listTopics(admin: Admin): Promise<TopicSummary[]> {
  const metadata = await admin.fetchTopicMetadata();
  return summarizeTopics(metadata.topics);
}

export async function describePartitions(admin: Admin, topic: string): Promise<PartitionDetails[]> {
  const [metadata, offsets] = await Promise.all([
    admin.fetchTopicMetadata({ topics: [topic] }),
    whileLeadersMove(() => admin.fetchTopicOffsets(topic)),
  ]);
  const watermarks = new Map(offsets.map((entry) => [entry.partition, entry]));
  const partitions = metadata.topics.find((entry) => entry.name === topic)?.partitions ?? [];
  return partitions
    .map((partition) => {
      const marks = watermarks.get(partition.partitionId);
      const low = marks?.low ?? '0';
      const high = marks?.high ?? '0';
      const offlineReplicas = partition.offlineReplicas ?? [];
      return {
        partition: partition.partitionId,
        leader: partition.leader,
        replicas: partition.replicas,
        isr: partition.isr,
        offlineReplicas,
        underReplicated: partition.isr.length < partition.replicas.length,
        low,
        high,
        messages: messageCount(low, high).toString(),
      };
    })
    .sort((a, b) => a.partition - b.partition);
}

export async function topicConfigs(admin: Admin, topic: string): Promise<ConfigEntry[]> {
  const response = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
  });
  const resource = response.resources[0];
  return (resource?.configEntries ?? [])
    .map((entry) => ({
      name: entry.configName,
      value: entry.configValue ?? undefined,
      source: sourceNames[entry.configSource] ?? 'unknown',
      isDefault: entry.isDefault || entry.configSource === ConfigSource.DEFAULT_CONFIG,
      sensitive: entry.isSensitive,
      readOnly: entry.readOnly,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function createTopic(admin: Admin, topic: NewTopic): Promise<void> {
  const existing = await admin.listTopics();
  const name = checkTopicName(topic.name, existing);
  if (name.error) {
    throw new KafkaOperationError(name.error, existing.includes(topic.name) ? 'TOPIC_ALREADY_EXISTS' : 'INVALID_TOPIC_EXCEPTION');
  }
  if (!Number.isInteger(topic.partitions) || topic.partitions < 1) {
    throw new KafkaOperationError(`The partition count must be a whole number of at least 1, not ${topic.partitions}.`, 'INVALID_PARTITIONS');
  }
  const { brokers } = await admin.describeCluster();
  if (!Number.isInteger(topic.replicationFactor) || topic.replicationFactor < 1 || topic.replicationFactor > brokers.length) {
    throw new KafkaOperationError(
      `Replication factor ${topic.replicationFactor} is not possible: the cluster has ${brokers.length} broker${brokers.length === 1 ? '' : 's'}, so choose between 1 and ${brokers.length}.`,
      'INVALID_REPLICATION_FACTOR',
    );
  }
  const configEntries = Object.entries(topic.configs ?? {}).map(([name, value]) => ({ name, value }));
  if (configEntries.length > 0) {
    await validateConfigs(admin, topic, configEntries);
  }
  const created = await admin.createTopics({
    topics: [
      {
        topic: topic.name,
        numPartitions: topic.partitions,
        replicationFactor: topic.replicationFactor,
        configEntries,
      },
    ],
    // kafkajs's own wait gives up on UNKNOWN_TOPIC_OR_PARTITION on a busy broker although the topic was made.
    waitForLeaders: false,
  });
  if (!created) {
    throw new KafkaOperationError(`Topic "${topic.name}" exists already. Choose another name, or refresh the tree to see it.`, 'TOPIC_ALREADY_EXISTS');
  }
  await untilPartitionsReadable(admin, topic.name, topic.partitions);
}

/** kafkajs drops the broker's error text, so a rejected config is found by validating each one alone. */
async function validateConfigs(admin: Admin, topic: NewTopic, configEntries: { name: string; value: string }[]): Promise<void> {
  for (const entry of configEntries) {
    try {
      await admin.createTopics({
        validateOnly: true,
        waitForLeaders: false,
        topics: [{ topic: topic.name, numPartitions: topic.partitions, replicationFactor: topic.replicationFactor, configEntries: [entry] }],
      });
    } catch (error) {
      if (kafkaErrorType(error) === 'INVALID_CONFIG') {
        throw new KafkaOperationError(
          `The broker rejected ${entry.name}=${entry.value}: it is not a topic config, or the value is not valid for it. Check the Kafka documentation for ${entry.name}.`,
          'INVALID_CONFIG',
        );
      }
      throw error;
    }
  }
}

export async function deleteTopic(admin: Admin, topic: string): Promise<void> {
  const defaults = await brokerDefaults(admin);
  if (!defaults.deleteTopicEnabled) {
    throw new KafkaOperationError(
      `Topic "${topic}" was not deleted: topic deletion is disabled on this cluster (delete.topic.enable=false). Ask its administrator to enable it.`,
      'TOPIC_DELETION_DISABLED',
    );
  }
  await admin.deleteTopics({ topics: [topic] });
}

export async function addPartitions(admin: Admin, topic: string, count: number): Promise<void> {
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  const current = metadata.topics[0]?.partitions.length ?? 0;
  if (!Number.isInteger(count) || count <= current) {
    throw new KafkaOperationError(
      `Topic "${topic}" has ${current} partition${current === 1 ? '' : 's'}; the new count must be more than ${current} (Kafka cannot remove partitions).`,
      'INVALID_PARTITIONS',
    );
  }
  await admin.createPartitions({ topicPartitions: [{ topic, count }] });
  await untilPartitionsReadable(admin, topic, count);
}

/** Returns once all `count` partitions of a topic just created or grown have leaders and answer. */
function untilPartitionsReadable(admin: Admin, topic: string, count: number): Promise<void> {
  return whileLeadersMove(async () => {
    const offsets = await admin.fetchTopicOffsets(topic);
    if (offsets.length < count) {
      throw Object.assign(new Error(`Topic "${topic}" does not show all its partitions yet.`), { type: 'LEADER_NOT_AVAILABLE' });
    }
  }, newTopicErrors);
}

const leadershipErrors = new Set(['LEADER_NOT_AVAILABLE', 'NOT_LEADER_FOR_PARTITION', 'NOT_LEADER_OR_FOLLOWER']);
/** Right after a create, metadata can still deny the topic for a moment. */
const newTopicErrors = new Set([...leadershipErrors, 'UNKNOWN_TOPIC_OR_PARTITION']);

/** Retries while partition leaders are being elected (just after a create or a broker restart). */
async function whileLeadersMove<T>(operation: () => Promise<T>, retriable = leadershipErrors, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const type = kafkaErrorType(error) ?? (error as { type?: string }).type;
      if (attempt >= attempts || !type || !retriable.has(type)) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * attempt, 500)));
    }
  }
}

/**
 * Sets (or, with `value` undefined, removes) one topic config and leaves the others as they are.
 * kafkajs only has the non-incremental AlterConfigs, which replaces every topic-level config,
 * so the current topic-level configs are read and sent back along with the change.
 */
export async function setTopicConfig(admin: Admin, topic: string, name: string, value: string | undefined): Promise<void> {
  const configs = await topicConfigs(admin, topic);
  const known = configs.find((entry) => entry.name === name);
  if (!known) {
    throw new KafkaOperationError(`"${name}" is not a config of topic "${topic}". Pick one of the topic's configs.`, 'INVALID_CONFIG');
  }
  if (known.readOnly) {
    throw new KafkaOperationError(`${name} is read-only: it cannot be changed on a topic.`, 'INVALID_CONFIG');
  }
  const entries = new Map<string, string>();
  for (const entry of configs) {
    if (entry.source === 'topic' && entry.value !== undefined) {
      entries.set(entry.name, entry.value);
    }
  }
  if (value === undefined) {
    entries.delete(name);
  } else {
    entries.set(name, value);
  }
  try {
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: [...entries].map(([configName, configValue]) => ({ name: configName, value: configValue })),
        },
      ],
    });
  } catch (error) {
    if (kafkaErrorType(error) === 'INVALID_CONFIG' || kafkaErrorType(error) === 'INVALID_REQUEST') {
      throw new KafkaOperationError(
        `The broker rejected ${name}=${value ?? '(default)'}: the value is not valid for this config. Check the Kafka documentation for ${name}.`,
        'INVALID_CONFIG',
        { cause: error },
      );
    }
    throw error;
  }
}
