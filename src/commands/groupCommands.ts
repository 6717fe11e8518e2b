import type * as vscode from 'vscode';
import type { ExplorerNode } from '../explorer/explorerNode';
import { GroupNode } from '../explorer/groupsNode';
import type { ResetSelection } from '../kafka/admin/groups';
import { parseOffset, type ResetRow, type ResetTarget } from '../kafka/admin/offsets';
import { describeResetTarget, resetPreviewReport } from '../kafka/admin/reports';
import { parseDateTime } from '../kafka/admin/dateTime';
import type { CommandDeps } from './commandDeps';
import { resolveGroup } from './targets';

/** "Kafka: Delete Consumer Group": only an empty group; a modal confirmation names it. */
export async function deleteGroup(deps: CommandDeps, node?: ExplorerNode): Promise<boolean> {
  const target = await resolveGroup(deps, node, 'Consumer group to delete');
  if (!target) {
    return false;
  }
  const { clusterNode, groupId } = target;
  const confirmed = await deps.prompts.confirm(
    `Delete consumer group "${groupId}" from cluster "${clusterNode.cluster.name}"?`,
    'Its committed offsets are deleted. This cannot be undone.',
    'Delete Group',
  );
  if (!confirmed) {
    return false;
  }
  await deps.connections.admin(clusterNode.cluster).deleteGroup(groupId);
  deps.tree.refresh(clusterNode.groups);
  deps.prompts.info(`Consumer group "${groupId}" deleted from ${clusterNode.cluster.name}.`);
  return true;
}

export interface ResetOutcome {
  rows: ResetRow[];
  applied: boolean;
  preview: vscode.TextDocument;
}

/**
 * "Kafka: Reset Consumer Group Offsets": which partitions, to what, then a preview
 * (partition, current offset, new offset, lag after) and only on confirmation the commit.
 */
export async function resetOffsets(deps: CommandDeps, node?: ExplorerNode): Promise<ResetOutcome | undefined> {
  const target = await resolveGroup(deps, node, 'Consumer group whose offsets to reset');
  if (!target) {
    return undefined;
  }
  const { clusterNode, groupId } = target;
  const admin = deps.connections.admin(clusterNode.cluster);
  const title = `Reset offsets of ${groupId}`;

  // Refuse early, before any question, when consumers are running.
  const details = await admin.describeGroup(groupId);
  if (details.members.length > 0) {
    throw new Error(
      `Cannot reset the offsets of group "${groupId}" while it has ${details.members.length} active member${details.members.length === 1 ? '' : 's'} (state ${details.state}): the running consumers would overwrite the new offsets. Stop them, then try again.`,
    );
  }

  const selection = await chooseSelection(deps, clusterNode.topics.topicNames(), [...new Set(details.offsets.map((offset) => offset.topic))], title);
  if (!selection) {
    return undefined;
  }
  const resetTarget = await chooseTarget(deps, title);
  if (!resetTarget) {
    return undefined;
  }
  const rows = await admin.previewReset(groupId, resetTarget, selection);
  const preview = await deps.documents.show({
    title: `Reset preview ${groupId}.txt`,
    content: resetPreviewReport(clusterNode.cluster.name, groupId, resetTarget, rows),
  });
  const confirmed = await deps.prompts.confirm(
    `Reset the offsets of group "${groupId}" ${describeResetTarget(resetTarget)}?`,
    `${rows.length} partition${rows.length === 1 ? '' : 's'} on ${clusterNode.cluster.name} will get the NEW-OFFSET shown in the preview.`,
    'Apply Reset',
  );
  if (!confirmed) {
    return { rows, applied: false, preview };
  }
  await admin.applyReset(groupId, rows);
  const groupNode = node instanceof GroupNode ? node : undefined;
  deps.tree.refresh(groupNode ?? clusterNode.groups);
  if (groupNode) {
    deps.tree.refresh(clusterNode.groups);
  }
  deps.prompts.info(`Offsets of group "${groupId}" reset on ${rows.length} partition${rows.length === 1 ? '' : 's'}.`);
  return { rows, applied: true, preview };
}

async function chooseSelection(
  deps: CommandDeps,
  allTopics: Promise<string[]>,
  groupTopics: string[],
  title: string,
): Promise<ResetSelection | undefined> {
  const scope = await deps.prompts.pick(
    [
      { label: 'All topics of the group', detail: groupTopics.length > 0 ? groupTopics.join(', ') : 'The group has no committed offsets yet.', scope: 'all' as const },
      { label: 'Choose topics…', scope: 'topics' as const },
      { label: 'Choose topics and partitions…', scope: 'partitions' as const },
    ],
    { title: `${title} (1/2)`, placeHolder: 'Which partitions?' },
  );
  if (!scope) {
    return undefined;
  }
  if (scope.scope === 'all') {
    return { all: true };
  }
  const names = await allTopics;
  const ordered = [...groupTopics, ...names.filter((name) => !groupTopics.includes(name) && !name.startsWith('__'))];
  const topics = await deps.prompts.pickMany(
    ordered.map((name) => ({ label: name, picked: groupTopics.includes(name), description: groupTopics.includes(name) ? 'has offsets' : undefined })),
    { title: `${title}: topics`, placeHolder: 'Topics to reset' },
  );
  if (!topics || topics.length === 0) {
    return undefined;
  }
  if (scope.scope === 'topics') {
    return { topics: topics.map((topic) => ({ topic: topic.label })) };
  }
  const partitionsText = await deps.prompts.input({
    title: `${title}: partitions`,
    prompt: `Partitions of ${topics.map((topic) => topic.label).join(', ')} to reset, comma-separated (e.g. 0,2,5)`,
    validateInput: (value) => (parsePartitions(value) ? undefined : 'Enter partition numbers such as 0,2,5.'),
  });
  const partitions = partitionsText === undefined ? undefined : parsePartitions(partitionsText);
  if (!partitions) {
    return undefined;
  }
  return { topics: topics.map((topic) => ({ topic: topic.label, partitions })) };
}

function parsePartitions(text: string): number[] | undefined {
  const parts = text.split(',').map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0 || !parts.every((part) => /^\d+$/.test(part))) {
    return undefined;
  }
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

async function chooseTarget(deps: CommandDeps, title: string): Promise<ResetTarget | undefined> {
  const choice = await deps.prompts.pick(
    [
      { label: 'Earliest', detail: 'The oldest retained message: reprocess everything.', target: 'earliest' as const },
      { label: 'Latest', detail: 'The end of each partition: skip everything not yet read.', target: 'latest' as const },
      { label: 'Date-time…', detail: 'The first message at or after a moment (replay from the moment of failure).', target: 'timestamp' as const },
      { label: 'Specific offset…', detail: 'The same offset on every chosen partition.', target: 'offset' as const },
      { label: 'Shift by ±N…', detail: 'Move each committed offset back (−) or forward (+).', target: 'shift' as const },
    ],
    { title: `${title} (2/2)`, placeHolder: 'Reset to…' },
  );
  switch (choice?.target) {
    case undefined:
      return undefined;
    case 'earliest':
    case 'latest':
      return { kind: choice.target };
    case 'timestamp': {
      const text = await deps.prompts.input({
        title: `${title}: date-time`,
        prompt: 'Date-time, ISO 8601: 2024-01-15T12:00:00 (local time), 2024-01-15T12:00:00Z (UTC), or epoch milliseconds',
        value: new Date(Date.now() - 3600_000).toISOString(),
        validateInput: (value) => {
          const parsed = parseDateTime(value);
          return 'error' in parsed ? parsed.error : undefined;
        },
      });
      const parsed = text === undefined ? undefined : parseDateTime(text);
      return parsed && 'timestamp' in parsed ? { kind: 'timestamp', timestamp: parsed.timestamp } : undefined;
    }
    case 'offset':
    case 'shift': {
      const signed = choice.target === 'shift';
      const text = await deps.prompts.input({
        title: `${title}: ${signed ? 'shift' : 'offset'}`,
        prompt: signed ? 'Shift each committed offset by, e.g. -100 or +50' : 'Offset (kept between each partition’s low and high watermark)',
        validateInput: (value) => {
          const parsed = parseOffset(value, signed);
          return 'error' in parsed ? parsed.error : undefined;
        },
      });
      const parsed = text === undefined ? undefined : parseOffset(text, signed);
      if (!parsed || 'error' in parsed) {
        return undefined;
      }
      return signed ? { kind: 'shift', by: parsed.value } : { kind: 'offset', offset: parsed.value };
    }
  }
}
