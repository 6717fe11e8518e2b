import * as vscode from 'vscode';
import type { ClusterConfig } from '../clusters/clusterConfig';
import type { ClusterStore } from '../clusters/clusterStore';
import type { ClusterConnections } from '../clusters/connections';
import { parseFieldPath, parseHeaderList, type InputFormat, type KeySource } from '../kafka/produce/records';
import type { ProduceMemory, ProduceTarget } from './produceMemory';

export const formatLabels: Record<InputFormat, string> = {
  json: 'One JSON value',
  jsonl: 'JSON Lines: one record per line',
  text: 'Plain text: one record',
  'text-lines': 'Plain text: one record per line',
  envelope: 'Envelopes: key, value, headers, partition, timestamp per object',
};

export interface ResolvedTarget {
  cluster: ClusterConfig;
  topic: string;
}

/** Asks for cluster and topic: this document's last target first, then the recent ones, then any. */
export async function pickTarget(
  store: ClusterStore,
  connections: ClusterConnections,
  memory: ProduceMemory,
  remembered: ProduceTarget | undefined,
): Promise<ResolvedTarget | undefined> {
  const clusters = store.list();
  if (clusters.length === 0) {
    throw new Error('No Kafka cluster is configured yet: run "Kafka: Add Cluster" first.');
  }
  const recent = [remembered, ...memory.recentTargets()]
    .filter((target): target is ProduceTarget => target !== undefined && store.get(target.clusterId) !== undefined)
    .filter((target, index, all) => all.findIndex((t) => t.clusterId === target.clusterId && t.topic === target.topic) === index);
  if (recent.length > 0) {
    type Item = vscode.QuickPickItem & { target?: ProduceTarget };
    const items: Item[] = recent.map((target, index) => ({
      label: `$(symbol-event) ${target.topic}`,
      description: store.get(target.clusterId)!.name,
      detail: index === 0 && remembered ? 'last used for this file' : undefined,
      target,
    }));
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(list-selection) Other topic…' });
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Produce to',
      placeHolder: 'Topic to send to (most recent first)',
      ignoreFocusOut: true,
    });
    if (!picked) {
      return undefined;
    }
    if (picked.target) {
      return { cluster: store.get(picked.target.clusterId)!, topic: picked.target.topic };
    }
  }
  const cluster = clusters.length === 1 ? clusters[0] : await pickCluster(clusters, recent);
  if (!cluster) {
    return undefined;
  }
  const topic = await pickTopic(connections, cluster, recent);
  return topic === undefined ? undefined : { cluster, topic };
}

async function pickCluster(clusters: ClusterConfig[], recent: ProduceTarget[]): Promise<ClusterConfig | undefined> {
  const rank = (cluster: ClusterConfig) => {
    const index = recent.findIndex((target) => target.clusterId === cluster.id);
    return index < 0 ? recent.length : index;
  };
  const sorted = [...clusters].sort((a, b) => rank(a) - rank(b));
  const picked = await vscode.window.showQuickPick(
    sorted.map((cluster) => ({ label: cluster.name, description: cluster.bootstrapServers, cluster })),
    { title: 'Produce to: cluster', placeHolder: 'Which cluster?', ignoreFocusOut: true },
  );
  return picked?.cluster;
}

async function pickTopic(
  connections: ClusterConnections,
  cluster: ClusterConfig,
  recent: ProduceTarget[],
): Promise<string | undefined> {
  const topics = (await connections.admin(cluster).listTopics()).filter((topic) => !topic.internal);
  if (topics.length === 0) {
    throw new Error(`Cluster "${cluster.name}" has no topics: create one first.`);
  }
  const rank = (name: string) => {
    const index = recent.findIndex((target) => target.clusterId === cluster.id && target.topic === name);
    return index < 0 ? recent.length : index;
  };
  const sorted = [...topics].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
  const picked = await vscode.window.showQuickPick(
    sorted.map((topic) => ({
      label: topic.name,
      description: `${topic.partitionCount} partition${topic.partitionCount === 1 ? '' : 's'}`,
    })),
    { title: `Produce to: topic on ${cluster.name}`, placeHolder: 'Which topic?', ignoreFocusOut: true },
  );
  return picked?.label;
}

export interface RecordOptions {
  format: InputFormat;
  key: KeySource;
  headers: string;
}

/**
 * The last step before sending: Enter sends; the other items change how the text becomes
 * records. Returns undefined when dismissed.
 */
export async function confirmOptions(
  target: ResolvedTarget,
  detected: InputFormat,
  options: RecordOptions,
  what: string,
): Promise<RecordOptions | undefined> {
  let current = { ...options };
  for (;;) {
    type Item = vscode.QuickPickItem & { id: 'send' | 'format' | 'key' | 'headers' };
    const items: Item[] = [
      {
        id: 'send',
        label: `$(send) Send ${what} to ${target.topic}`,
        description: target.cluster.name,
      },
      {
        id: 'format',
        label: `$(symbol-structure) Format: ${formatLabels[current.format]}`,
        description: current.format === detected ? 'detected' : `detected: ${formatLabels[detected]}`,
      },
      { id: 'key', label: `$(key) Key: ${describeKey(current.key)}` },
      { id: 'headers', label: `$(tag) Headers: ${current.headers.trim() || 'none'}` },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: `Produce to ${target.topic}`,
      placeHolder: 'Enter sends; or change the format, key or headers',
      ignoreFocusOut: true,
    });
    if (!picked) {
      return undefined;
    }
    if (picked.id === 'send') {
      return current;
    }
    if (picked.id === 'format') {
      const format = await pickFormat(current.format, detected);
      if (format) {
        current = { ...current, format, key: isText(format) && current.key.kind === 'field' ? { kind: 'none' } : current.key };
      }
    } else if (picked.id === 'key') {
      current = { ...current, key: (await pickKey(current.key, current.format)) ?? current.key };
    } else {
      const headers = await vscode.window.showInputBox({
        title: 'Headers for every record',
        prompt: 'name=value pairs separated by commas; empty for none',
        value: current.headers,
        ignoreFocusOut: true,
        validateInput: (value) => {
          const parsed = parseHeaderList(value);
          return 'error' in parsed ? parsed.error : undefined;
        },
      });
      current = { ...current, headers: headers ?? current.headers };
    }
  }
}

async function pickFormat(current: InputFormat, detected: InputFormat): Promise<InputFormat | undefined> {
  const formats: InputFormat[] = ['json', 'jsonl', 'envelope', 'text', 'text-lines'];
  const picked = await vscode.window.showQuickPick(
    formats.map((format) => ({
      label: formatLabels[format],
      description: [format === current ? 'current' : '', format === detected ? 'detected' : ''].filter(Boolean).join(', '),
      format,
    })),
    { title: 'How the text becomes records', ignoreFocusOut: true },
  );
  return picked?.format;
}

async function pickKey(current: KeySource, format: InputFormat): Promise<KeySource | undefined> {
  type Item = vscode.QuickPickItem & { choice: KeySource['kind'] };
  const items: Item[] = [
    { label: 'No key', choice: 'none' },
    { label: 'Fixed key…', description: 'the same key for every record', choice: 'fixed' },
  ];
  if (!isText(format)) {
    items.push({ label: 'Key from a field…', description: 'e.g. orderId or customer.id', choice: 'field' });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Record key', ignoreFocusOut: true });
  if (!picked) {
    return undefined;
  }
  if (picked.choice === 'none') {
    return { kind: 'none' };
  }
  if (picked.choice === 'fixed') {
    const key = await vscode.window.showInputBox({
      title: 'Fixed key',
      value: current.kind === 'fixed' ? current.key : '',
      ignoreFocusOut: true,
    });
    return key === undefined ? undefined : { kind: 'fixed', key };
  }
  const path = await vscode.window.showInputBox({
    title: 'Key from a field of each JSON value',
    prompt: 'A field name or a dotted path; strings become the key as text, other values as written',
    placeHolder: 'orderId',
    value: current.kind === 'field' ? current.path : '',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = parseFieldPath(value);
      return 'error' in parsed ? parsed.error : undefined;
    },
  });
  return path === undefined ? undefined : { kind: 'field', path: path.trim() };
}

export function describeKey(key: KeySource): string {
  switch (key.kind) {
    case 'none':
      return 'none';
    case 'fixed':
      return `"${key.key}"`;
    case 'field':
      return `field ${key.path}`;
  }
}

function isText(format: InputFormat): boolean {
  return format === 'text' || format === 'text-lines';
}
