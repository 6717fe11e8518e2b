import * as vscode from 'vscode';
import type { ErrorNode } from '../explorer/errorNode';
import type { ExplorerNode } from '../explorer/explorerNode';
import type { LoadMoreNode } from '../explorer/loadMoreNode';
import type { CommandDeps } from './commandDeps';
import { resolveCluster } from './targets';

/** "Retry" on an error node: reloads the part of the tree that failed. */
export function retry(deps: CommandDeps, node: ErrorNode): void {
  deps.tree.refresh(node.parent);
}

export function loadMore(node: LoadMoreNode): void {
  node.owner.loadMore();
}

/** "Kafka: Filter Topics": narrows a cluster's Topics node to names containing the text; empty clears. */
export async function filterTopics(deps: CommandDeps, node?: ExplorerNode): Promise<string | undefined> {
  const clusterNode = await resolveCluster(deps, node);
  if (!clusterNode) {
    return undefined;
  }
  const text = await deps.prompts.input({
    title: `Filter Topics of ${clusterNode.cluster.name}`,
    prompt: 'Show topics whose name contains this text (case-insensitive). Empty shows all.',
    value: clusterNode.topics.filter,
  });
  if (text === undefined) {
    return undefined;
  }
  clusterNode.topics.setFilter(text);
  return text.trim();
}

export async function clearTopicFilter(deps: CommandDeps, node?: ExplorerNode): Promise<void> {
  const clusterNode = await resolveCluster(deps, node);
  clusterNode?.topics.setFilter('');
}

/** "Copy Name" on any named node. */
export async function copyName(node?: ExplorerNode): Promise<string | undefined> {
  const name = node?.copyName;
  if (name === undefined) {
    return undefined;
  }
  await vscode.env.clipboard.writeText(name);
  return name;
}
