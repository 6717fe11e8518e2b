import { randomUUID } from 'crypto';
import type { Admin } from 'kafkajs';

/** Every throwaway group a tail uses starts with this, so anyone listing groups can tell what it is. */
export const tailGroupPrefix = 'kafka-workbench-tail-';

export function newTailGroupId(): string {
  return `${tailGroupPrefix}${randomUUID()}`;
}

/**
 * Deletes tail groups that no consumer uses any more: a VS Code that was killed could not delete its
 * own. Only groups with the tail prefix and no members (Empty) are touched; a live tail is never Empty.
 */
export async function deleteAbandonedTailGroups(admin: Admin): Promise<string[]> {
  const ours = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(tailGroupPrefix));
  if (ours.length === 0) {
    return [];
  }
  const abandoned = (await admin.describeGroups(ours)).groups.filter((g) => g.state === 'Empty').map((g) => g.groupId);
  if (abandoned.length > 0) {
    await admin.deleteGroups(abandoned);
  }
  return abandoned;
}
