import type { ResetRow, ResetTarget } from './offsets';
import type { ConfigEntry, PartitionDetails } from './topics';

/** Plain-text reports in the spirit of Kafka's console tools: aligned columns, exact numbers. */

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/** Like `kafka-topics --describe`, plus watermarks and the full config list with sources. */
export function describeTopicReport(cluster: string, topic: string, partitions: PartitionDetails[], configs: ConfigEntry[]): string {
  const replicationFactor = partitions[0]?.replicas.length ?? 0;
  const overrides = configs.filter((entry) => entry.source === 'topic');
  const underReplicated = partitions.filter((partition) => partition.underReplicated).length;
  const total = partitions.reduce((sum, partition) => sum + BigInt(partition.messages), 0n);
  const lines = [
    `Topic: ${topic}\tCluster: ${cluster}\tPartitionCount: ${partitions.length}\tReplicationFactor: ${replicationFactor}\tConfigs: ${overrides
      .map((entry) => `${entry.name}=${entry.value ?? ''}`)
      .join(',')}`,
    `Messages: ${total}\tUnder-replicated partitions: ${underReplicated}`,
    '',
    table(
      ['PARTITION', 'LEADER', 'REPLICAS', 'ISR', 'LOW', 'HIGH', 'MESSAGES', 'STATUS'],
      partitions.map((partition) => [
        String(partition.partition),
        String(partition.leader),
        partition.replicas.join(','),
        partition.isr.join(','),
        partition.low,
        partition.high,
        partition.messages,
        partition.underReplicated ? 'UNDER-REPLICATED' : 'ok',
      ]),
    ),
    '',
    table(
      ['CONFIG', 'VALUE', 'SOURCE', 'DEFAULT'],
      configs.map((entry) => [
        entry.name,
        entry.sensitive ? '(sensitive)' : (entry.value ?? '(null)'),
        entry.source,
        entry.isDefault ? 'default' : 'NON-DEFAULT',
      ]),
    ),
    '',
  ];
  return lines.join('\n');
}

export function describeResetTarget(target: ResetTarget): string {
  switch (target.kind) {
    case 'earliest':
      return 'to the earliest offset';
    case 'latest':
      return 'to the latest offset';
    case 'offset':
      return `to offset ${target.offset}`;
    case 'shift':
      return `shifted by ${target.by >= 0n ? '+' : ''}${target.by}`;
    case 'timestamp':
      return `to ${new Date(target.timestamp).toISOString()} (first message at or after it)`;
  }
}

/** The table a user confirms before a reset: nothing is changed until then. */
export function resetPreviewReport(cluster: string, groupId: string, target: ResetTarget, rows: ResetRow[]): string {
  return [
    `PREVIEW: reset offsets of group ${groupId} on ${cluster} ${describeResetTarget(target)}`,
    'Nothing has changed yet. Confirm in the dialog to apply.',
    '',
    table(
      ['TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'NEW-OFFSET', 'LAG-AFTER'],
      rows.map((row) => [row.topic, String(row.partition), row.current ?? '-', row.next, row.lagAfter]),
    ),
    '',
  ].join('\n');
}
