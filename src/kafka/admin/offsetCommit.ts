import type { Admin, Kafka } from 'kafkajs';

export interface OffsetToCommit {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Commits offsets for an empty consumer group. kafkajs has no admin call for this (its
 * `setOffsets` joins the group once per topic and then waits out a full fetch), so a short-lived
 * member joins once for all topics, keeps every partition paused, seeks (which commits at once
 * with autoCommit) and leaves as soon as the committed offsets read back as planned.
 */
export async function commitGroupOffsets(
  kafka: Kafka,
  admin: Admin,
  groupId: string,
  offsets: OffsetToCommit[],
  timeoutMs: number,
): Promise<void> {
  if (offsets.length === 0) {
    return;
  }
  // The offsets are read back once the member has left too: whatever moved them meanwhile, the reset
  // is done again once, and otherwise fails naming the partitions, instead of reporting a success.
  for (let attempt = 1; ; attempt++) {
    await commitAsShortLivedMember(kafka, admin, groupId, offsets, timeoutMs);
    const moved = await notCommitted(admin, groupId, offsets);
    if (moved.length === 0) {
      return;
    }
    // Never join a group that has members again: that would make its consumers rebalance.
    const [group] = (await admin.describeGroups([groupId])).groups;
    if (attempt === maxAttempts || (group?.members.length ?? 0) > 0) {
      throw new Error(
        `the offsets of group "${groupId}" moved after the reset: ${moved.map((m) => `${m.topic} partition ${m.partition} is at ${m.committed === undefined || m.committed === '-1' ? 'no offset' : m.committed}, not ${m.offset}`).join('; ')}. Is a consumer of the group running?`,
      );
    }
  }
}

const maxAttempts = 2;

async function commitAsShortLivedMember(kafka: Kafka, admin: Admin, groupId: string, offsets: OffsetToCommit[], timeoutMs: number): Promise<void> {
  const topics = [...new Set(offsets.map((entry) => entry.topic))];
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, retry: { retries: 2 } });
  let crashed: Error | undefined;
  consumer.on(consumer.events.CRASH, (event) => {
    crashed = event.payload.error;
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({ autoCommit: true, eachBatchAutoResolve: false, eachBatch: async () => undefined });
    consumer.pause(topics.map((topic) => ({ topic })));
    for (const entry of offsets) {
      consumer.seek(entry);
    }
    const deadline = Date.now() + timeoutMs;
    while ((await notCommitted(admin, groupId, offsets)).length > 0) {
      if (crashed) {
        throw crashed;
      }
      if (Date.now() > deadline) {
        throw new Error(`the new offsets of group "${groupId}" were not committed within ${timeoutMs} ms.`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}

/** The planned offsets that the group's committed offsets do not match yet, with what is committed there. */
async function notCommitted(admin: Admin, groupId: string, offsets: OffsetToCommit[]): Promise<(OffsetToCommit & { committed?: string })[]> {
  const topics = [...new Set(offsets.map((entry) => entry.topic))];
  const committed = await admin.fetchOffsets({ groupId, topics });
  const byKey = new Map<string, string>();
  for (const { topic, partitions } of committed) {
    for (const { partition, offset } of partitions) {
      byKey.set(`${topic}\u0000${partition}`, offset);
    }
  }
  return offsets
    .map((entry) => ({ ...entry, committed: byKey.get(`${entry.topic}\u0000${entry.partition}`) }))
    .filter((entry) => entry.committed !== entry.offset);
}
