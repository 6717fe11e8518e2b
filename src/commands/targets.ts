import type * as vscode from 'vscode';
import type { ClusterConfig } from '../clusters/clusterConfig';
import type { ClusterNode } from '../explorer/clusterNode';
import type { ExplorerNode } from '../explorer/explorerNode';
import { GroupNode } from '../explorer/groupsNode';
import { ConfigNode, TopicNode } from '../explorer/topicNode';
import { isInternalTopic } from '../kafka/admin/topics';
import type { CommandDeps } from './commandDeps';

/**
 * Commands get their target from the node they were run on; from the palette they ask for it.
 * Every node of a cluster carries its `cluster`, topic-level nodes their `topicName`.
 */
export async function resolveCluster(deps: CommandDeps, node?: ExplorerNode): Promise<ClusterNode | undefined> {
  const cluster = (node as { cluster?: ClusterConfig } | undefined)?.cluster;
  if (cluster) {
    const found = deps.tree.clusterNode(cluster.id);
    if (found) {
      return found;
    }
  }
  const clusters = deps.tree.clusterNodes();
  if (clusters.length === 0) {
    throw new Error('No Kafka cluster is configured yet: run "Kafka: Add Cluster" first.');
  }
  if (clusters.length === 1) {
    return clusters[0];
  }
  const picked = await deps.prompts.pick(
    clusters.map((clusterNode) => ({ label: clusterNode.cluster.name, description: clusterNode.cluster.bootstrapServers, clusterNode })),
    { title: 'Kafka cluster', placeHolder: 'Which cluster?' },
  );
  return picked?.clusterNode;
}

export interface TopicTarget {
  clusterNode: ClusterNode;
  topic: string;
}

export async function resolveTopic(deps: CommandDeps, node?: ExplorerNode, purpose = 'Which topic?'): Promise<TopicTarget | undefined> {
  const topicName = topicOf(node);
  const clusterNode = await resolveCluster(deps, node);
  if (!clusterNode) {
    return undefined;
  }
  if (topicName) {
    return { clusterNode, topic: topicName };
  }
  // Asked fresh: the tree's cached list may predate a topic made elsewhere.
  const names = (await deps.connections.admin(clusterNode.cluster).listTopics()).map((topic) => topic.name);
  const showInternal = deps.tree.settings().showInternalTopics;
  const picked = await deps.prompts.pick(
    names.filter((name) => showInternal || !isInternalTopic(name)).map((name) => ({ label: name }) as vscode.QuickPickItem),
    { title: `Topic on ${clusterNode.cluster.name}`, placeHolder: purpose, matchOnDescription: true },
  );
  return picked ? { clusterNode, topic: picked.label } : undefined;
}

export interface GroupTarget {
  clusterNode: ClusterNode;
  groupId: string;
}

export async function resolveGroup(deps: CommandDeps, node?: ExplorerNode, purpose = 'Which consumer group?'): Promise<GroupTarget | undefined> {
  const clusterNode = await resolveCluster(deps, node);
  if (!clusterNode) {
    return undefined;
  }
  const groupId = (node as { groupId?: string } | undefined)?.groupId ?? (node instanceof GroupNode ? node.group.id : undefined);
  if (groupId) {
    return { clusterNode, groupId };
  }
  const ids = await clusterNode.groups.groupIds();
  if (ids.length === 0) {
    throw new Error(`Cluster "${clusterNode.cluster.name}" has no consumer groups.`);
  }
  const picked = await deps.prompts.pick(
    ids.map((id) => ({ label: id })),
    { title: `Consumer group on ${clusterNode.cluster.name}`, placeHolder: purpose },
  );
  return picked ? { clusterNode, groupId: picked.label } : undefined;
}

function topicOf(node?: ExplorerNode): string | undefined {
  if (node instanceof TopicNode) {
    return node.topic.name;
  }
  if (node instanceof ConfigNode) {
    return node.topicName;
  }
  return (node as { topicName?: string } | undefined)?.topicName;
}
