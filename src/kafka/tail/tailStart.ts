import type { Admin } from 'kafkajs';
import type { StartPosition, TailTarget } from './tailTypes';

export class TopicMissingError extends Error {
  constructor(readonly topic: string) {
    super(`Topic "${topic}" does not exist (any more). Check the name, or refresh the Kafka view.`);
    this.name = 'TopicMissingError';
  }
}

/** The topic's partition numbers, in order; TopicMissingError when there is no such topic. */
export async function topicPartitions(admin: Admin, topic: string): Promise<number[]> {
  const topics = await admin.listTopics();
  if (!topics.includes(topic)) {
    throw new TopicMissingError(topic);
  }
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  return metadata.topics[0].partitions.map((p) => p.partitionId).sort((a, b) => a - b);
}

/** Where each chosen partition of `partitions` starts for `target`, from the broker's watermarks (and offsets for a time). */
export async function startOffsets(admin: Admin, topic: string, partitions: number[], target: TailTarget): Promise<Map<number, string>> {
  const chosen = target.partitions?.length ? partitions.filter((p) => target.partitions!.includes(p)) : partitions;
  const watermarks = (await admin.fetchTopicOffsets(topic)).filter((w) => chosen.includes(w.partition));
  let byTimestamp: Map<number, string> | undefined;
  if (target.start.kind === 'timestamp') {
    const answer = await admin.fetchTopicOffsetsByTimestamp(topic, target.start.timestamp);
    byTimestamp = new Map(answer.map(({ partition, offset }) => [partition, offset]));
  }
  return resolveStart(target.start, watermarks, byTimestamp);
}

export interface PartitionWatermarks {
  partition: number;
  low: string;
  high: string;
}

/**
 * Where each partition starts for `start`, kept within [low, high] so kafkajs never hits
 * "offset out of range" (which would make it reset and commit). `byTimestamp` holds the
 * offsets-for-times answer for a timestamp start.
 */
export function resolveStart(
  start: StartPosition,
  watermarks: PartitionWatermarks[],
  byTimestamp?: Map<number, string>,
): Map<number, string> {
  const result = new Map<number, string>();
  for (const { partition, low, high } of watermarks) {
    const lowest = BigInt(low);
    const highest = BigInt(high);
    let wanted: bigint;
    switch (start.kind) {
      case 'beginning':
        wanted = lowest;
        break;
      case 'end':
        wanted = highest;
        break;
      case 'last':
        wanted = highest - BigInt(Math.max(0, Math.floor(start.count)));
        break;
      case 'offsets': {
        const given = start.offsets[String(partition)];
        wanted = given === undefined ? highest : BigInt(given);
        break;
      }
      case 'timestamp':
        wanted = BigInt(byTimestamp?.get(partition) ?? high);
        break;
    }
    result.set(partition, (wanted < lowest ? lowest : wanted > highest ? highest : wanted).toString());
  }
  return result;
}
