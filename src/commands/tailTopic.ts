import * as vscode from 'vscode';
import type { ClusterConfig } from '../clusters/clusterConfig';
import type { ClusterStore } from '../clusters/clusterStore';
import type { ClusterConnections } from '../clusters/connections';
import type { TailPanel } from '../panel/tailPanel';
import type { TailPanels } from '../panel/tailPanels';
import type { StartPosition } from '../protocol';

/**
 * Arguments of `kafka.topic.tail` when another command opens a panel (e.g. the produce result's
 * "Show Messages"): `{ clusterId, topic, start?, partitions? }`. `start` defaults to the last 100
 * messages per partition; `partitions` to all.
 */
export interface TailTopicArgs {
  clusterId: string;
  topic: string;
  start?: StartPosition;
  partitions?: number[];
}

/** What a tree node may carry: a topic node has `topic.name`, a partition node `topicName` and `partition.partition`. */
interface NodeLike {
  cluster?: ClusterConfig;
  topic?: { name?: string } | string;
  topicName?: string;
  partition?: { partition?: number } | number;
}

export const defaultStart: StartPosition = { kind: 'last', count: 100 };

/** "Kafka: Tail Topic": from a topic or partition node, from another command's args, or asking for cluster and topic. */
export async function tailTopic(
  panels: TailPanels,
  store: ClusterStore,
  connections: ClusterConnections,
  arg?: TailTopicArgs | NodeLike,
): Promise<TailPanel | undefined> {
  if (arg && 'clusterId' in arg && typeof arg.clusterId === 'string') {
    const cluster = store.get(arg.clusterId);
    if (!cluster) {
      throw new Error(`No configured Kafka cluster has the id "${arg.clusterId}".`);
    }
    return panels.open(cluster, arg.topic, { start: arg.start ?? defaultStart, partitions: arg.partitions });
  }
  const node = arg as NodeLike | undefined;
  const topicName = typeof node?.topic === 'string' ? node.topic : (node?.topic?.name ?? node?.topicName);
  const partition = typeof node?.partition === 'number' ? node.partition : node?.partition?.partition;
  if (node?.cluster && topicName) {
    return panels.open(node.cluster, topicName, { start: defaultStart, partitions: partition === undefined ? undefined : [partition] });
  }
  const cluster = await pickCluster(store);
  if (!cluster) {
    return undefined;
  }
  const topics = await connections.admin(cluster).listTopics();
  const picked = await vscode.window.showQuickPick(
    topics.map((topic) => ({ label: topic.name, description: `${topic.partitionCount} partition${topic.partitionCount === 1 ? '' : 's'}` })),
    { title: `Tail a topic on ${cluster.name}`, placeHolder: 'Which topic?', ignoreFocusOut: true },
  );
  return picked ? panels.open(cluster, picked.label, { start: defaultStart }) : undefined;
}

async function pickCluster(store: ClusterStore): Promise<ClusterConfig | undefined> {
  const clusters = store.list();
  if (clusters.length === 0) {
    throw new Error('No Kafka cluster is configured yet: run "Kafka: Add Cluster" first.');
  }
  if (clusters.length === 1) {
    return clusters[0];
  }
  const picked = await vscode.window.showQuickPick(
    clusters.map((cluster) => ({ label: cluster.name, description: cluster.bootstrapServers, cluster })),
    { title: 'Tail a topic', placeHolder: 'Which cluster?', ignoreFocusOut: true },
  );
  return picked?.cluster;
}
