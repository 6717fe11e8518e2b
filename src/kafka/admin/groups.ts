import { AssignerProtocol, type Admin, type GroupDescription, type Kafka } from 'kafkajs';
import { KafkaOperationError } from '../connect/errors';
import { commitGroupOffsets } from './offsetCommit';
import { tailGroupPrefix } from '../tail/tailGroups';
import { committedOrUndefined, lag, planReset, totalLag, type PartitionPosition, type ResetRow, type ResetTarget } from './offsets';

export interface GroupSummary {
  id: string;
  state: string;
  protocolType: string;
  memberCount: number;
  /** Sum of the lags of the partitions with a committed offset, exact; undefined when it could not be computed. */
  totalLag: string | undefined;
}

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  assignments: TopicPartitions[];
}

export interface GroupPartitionOffset {
  topic: string;
  partition: number;
  /** Undefined when the group has committed nothing for this partition. */
  committed: string | undefined;
  end: string | undefined;
  lag: string | undefined;
}

export interface GroupDetails {
  id: string;
  state: string;
  protocolType: string;
  protocol: string;
  members: GroupMember[];
  offsets: GroupPartitionOffset[];
  totalLag: string;
}

/** Which partitions a reset applies to: every topic the group has offsets for, or the ones chosen. */
export type ResetSelection = { all: true } | { topics: { topic: string; partitions?: number[] }[] };

/** Fetches each topic's end offsets at most once per operation. */
class EndOffsets {
  private readonly byTopic = new Map<string, Promise<Map<number, string> | undefined>>();

  constructor(private readonly admin: Admin) {}

  get(topic: string): Promise<Map<number, string> | undefined> {
    let offsets = this.byTopic.get(topic);
    if (!offsets) {
      offsets = this.admin.fetchTopicOffsets(topic).then(
        (entries) => new Map(entries.map((entry) => [entry.partition, entry.high])),
        // A topic deleted since the group committed to it has no end offsets: its lag is unknown.
        () => undefined,
      );
      this.byTopic.set(topic, offsets);
    }
    return offsets;
  }
}

/**
 * The cluster's consumer groups with state, members and total lag, by id. The message panels' own
 * throwaway groups are left out: they are this extension's, never the user's, and go with their panel.
 */
export async function listGroups(admin: Admin): Promise<GroupSummary[]> {
  const groups = (await admin.listGroups()).groups.filter((group) => !group.groupId.startsWith(tailGroupPrefix));
  if (groups.length === 0) {
    return [];
  }
  const { groups: descriptions } = await admin.describeGroups(groups.map((group) => group.groupId));
  const endOffsets = new EndOffsets(admin);
  const summaries = await mapLimit(descriptions, 8, async (description) => {
    let total: string | undefined;
    try {
      const offsets = await groupOffsets(admin, description.groupId, endOffsets);
      total = totalLag(offsets.map((offset) => (offset.lag === undefined ? undefined : BigInt(offset.lag)))).toString();
    } catch {
      total = undefined;
    }
    return {
      id: description.groupId,
      state: description.state,
      protocolType: description.protocolType || groups.find((group) => group.groupId === description.groupId)?.protocolType || '',
      memberCount: description.members.length,
      totalLag: total,
    };
  });
  return summaries.sort((a, b) => a.id.localeCompare(b.id));
}

export async function describeGroup(admin: Admin, groupId: string): Promise<GroupDetails> {
  const description = await describeOne(admin, groupId);
  const members = description.members.map((member) => ({
    memberId: member.memberId,
    clientId: member.clientId,
    host: member.clientHost,
    assignments: description.protocolType === 'consumer' ? decodeAssignment(member.memberAssignment) : [],
  }));
  const endOffsets = new EndOffsets(admin);
  const offsets = await groupOffsets(admin, groupId, endOffsets);
  const known = new Set(offsets.map((offset) => `${offset.topic}\u0000${offset.partition}`));
  // Assigned partitions the group has not committed for yet still belong in the table.
  for (const member of members) {
    for (const { topic, partitions } of member.assignments) {
      for (const partition of partitions) {
        if (!known.has(`${topic}\u0000${partition}`)) {
          known.add(`${topic}\u0000${partition}`);
          const end = (await endOffsets.get(topic))?.get(partition);
          offsets.push({ topic, partition, committed: undefined, end, lag: undefined });
        }
      }
    }
  }
  offsets.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  return {
    id: groupId,
    state: description.state,
    protocolType: description.protocolType,
    protocol: description.protocol,
    members,
    offsets,
    totalLag: totalLag(offsets.map((offset) => (offset.lag === undefined ? undefined : BigInt(offset.lag)))).toString(),
  };
}

export async function deleteGroup(admin: Admin, groupId: string): Promise<void> {
  const description = await describeOne(admin, groupId);
  if (description.members.length > 0) {
    throw new KafkaOperationError(
      `Group "${groupId}" was not deleted: it has ${memberCount(description.members.length)} (state ${description.state}). A group can only be deleted when it has no members: stop its consumers, then try again.`,
      'NON_EMPTY_GROUP',
    );
  }
  await admin.deleteGroups([groupId]);
}

/** Computes, without changing anything, the offsets a reset would commit. */
export async function previewReset(
  admin: Admin,
  groupId: string,
  target: ResetTarget,
  selection: ResetSelection,
): Promise<ResetRow[]> {
  await refuseActiveGroup(admin, groupId, 'reset its offsets');
  const committed = await admin.fetchOffsets({ groupId });
  const chosen =
    'all' in selection
      ? committed
          .filter((topic) => topic.partitions.some((partition) => committedOrUndefined(partition.offset) !== undefined))
          .map((topic) => ({ topic: topic.topic, partitions: undefined as number[] | undefined }))
      : selection.topics;
  if (chosen.length === 0) {
    throw new KafkaOperationError(
      `Group "${groupId}" has no committed offsets yet: choose the topics to reset.`,
    );
  }
  const positions: PartitionPosition[] = [];
  for (const { topic, partitions } of chosen) {
    const [watermarks, atTimestamp] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      target.kind === 'timestamp' ? admin.fetchTopicOffsetsByTimestamp(topic, target.timestamp) : Promise.resolve(undefined),
    ]);
    const committedForTopic = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
    const wanted = partitions ? new Set(partitions) : undefined;
    for (const marks of watermarks) {
      if (wanted && !wanted.has(marks.partition)) {
        continue;
      }
      positions.push({
        topic,
        partition: marks.partition,
        low: marks.low,
        high: marks.high,
        committed: committedOrUndefined(committedForTopic.find((entry) => entry.partition === marks.partition)?.offset),
        atTimestamp: atTimestamp?.find((entry) => entry.partition === marks.partition)?.offset,
      });
    }
    if (wanted) {
      const missing = [...wanted].filter((partition) => !watermarks.some((marks) => marks.partition === partition));
      if (missing.length > 0) {
        throw new KafkaOperationError(`Topic "${topic}" has no partition ${missing.join(', ')}.`, 'UNKNOWN_TOPIC_OR_PARTITION');
      }
    }
  }
  positions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  return planReset(positions, target);
}

/** Commits the previewed offsets; refuses while the group has members, who would overwrite them. */
export async function applyReset(kafka: Kafka, admin: Admin, groupId: string, rows: ResetRow[], timeoutMs: number): Promise<void> {
  await refuseActiveGroup(admin, groupId, 'reset its offsets');
  await commitGroupOffsets(
    kafka,
    admin,
    groupId,
    rows.map((row) => ({ topic: row.topic, partition: row.partition, offset: row.next })),
    timeoutMs,
  );
}

async function groupOffsets(admin: Admin, groupId: string, endOffsets: EndOffsets): Promise<GroupPartitionOffset[]> {
  const topics = await admin.fetchOffsets({ groupId });
  const result: GroupPartitionOffset[] = [];
  for (const { topic, partitions } of topics) {
    const ends = await endOffsets.get(topic);
    for (const { partition, offset } of partitions) {
      const committed = committedOrUndefined(offset);
      const end = ends?.get(partition);
      const behind = end === undefined ? undefined : lag(end, committed);
      if (committed === undefined && behind === undefined) {
        continue;
      }
      result.push({ topic, partition, committed, end, lag: behind?.toString() });
    }
  }
  return result;
}

async function refuseActiveGroup(admin: Admin, groupId: string, what: string): Promise<void> {
  const description = await describeOne(admin, groupId);
  if (description.members.length > 0 || !['Empty', 'Dead'].includes(description.state)) {
    throw new KafkaOperationError(
      `Cannot ${what} of group "${groupId}" while it has ${memberCount(description.members.length)} (state ${description.state}): the running consumers would overwrite the new offsets. Stop them, then try again.`,
      'NON_EMPTY_GROUP',
    );
  }
}

async function describeOne(admin: Admin, groupId: string): Promise<GroupDescription> {
  const { groups } = await admin.describeGroups([groupId]);
  const description = groups.find((group) => group.groupId === groupId);
  if (!description) {
    throw new KafkaOperationError(`Group "${groupId}" does not exist (any more). Refresh the tree.`, 'GROUP_ID_NOT_FOUND');
  }
  return description;
}

function decodeAssignment(buffer: Buffer): TopicPartitions[] {
  if (!buffer || buffer.length === 0) {
    return [];
  }
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(buffer);
    return Object.entries(decoded?.assignment ?? {})
      .map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }))
      .sort((a, b) => a.topic.localeCompare(b.topic));
  } catch {
    return [];
  }
}

function memberCount(count: number): string {
  return `${count} active member${count === 1 ? '' : 's'}`;
}

async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}
