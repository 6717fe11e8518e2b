import type { ExplorerNode } from '../explorer/explorerNode';
import { saveSecrets } from './addCluster';
import { clusterForm } from './clusterForm';
import type { CommandDeps } from './commandDeps';
import { resolveCluster } from './targets';

/** "Kafka: Edit Cluster": the Add Cluster questions, pre-filled; an empty password keeps the stored one. */
export async function editCluster(deps: CommandDeps, node?: ExplorerNode): Promise<boolean> {
  const clusterNode = await resolveCluster(deps, node);
  if (!clusterNode) {
    return false;
  }
  const current = clusterNode.cluster;
  const otherNames = new Set(deps.store.list().filter((cluster) => cluster.id !== current.id).map((cluster) => cluster.name));
  const result = await clusterForm(deps.prompts, otherNames, current);
  if (!result) {
    return false;
  }
  await saveSecrets(deps.secrets, current.id, result.secrets);
  if (result.cluster.auth === undefined) {
    await deps.secrets.set(current.id, 'password', undefined);
  }
  deps.connections.reset(current.id);
  await deps.store.update({ id: current.id, ...result.cluster });
  return true;
}

/** "Kafka: Remove Cluster": forgets the cluster and its secrets; the cluster itself is untouched. */
export async function removeCluster(deps: CommandDeps, node?: ExplorerNode): Promise<boolean> {
  const clusterNode = await resolveCluster(deps, node);
  if (!clusterNode) {
    return false;
  }
  const { cluster } = clusterNode;
  const confirmed = await deps.prompts.confirm(
    `Remove cluster "${cluster.name}" from VS Code?`,
    'Its settings and stored secrets are removed. Nothing changes on the cluster itself.',
    'Remove Cluster',
  );
  if (!confirmed) {
    return false;
  }
  deps.connections.reset(cluster.id);
  await deps.secrets.deleteAll(cluster.id);
  await deps.store.remove(cluster.id);
  return true;
}

/** "Kafka: Test Cluster Connection": connects afresh and reports the brokers, or what went wrong. */
export async function testCluster(deps: CommandDeps, node?: ExplorerNode): Promise<string | undefined> {
  const clusterNode = await resolveCluster(deps, node);
  if (!clusterNode) {
    return undefined;
  }
  const { cluster } = clusterNode;
  deps.connections.reset(cluster.id);
  const description = await deps.connections.admin(cluster).describeCluster();
  const message = `Connected to "${cluster.name}": ${description.brokers.length} broker${description.brokers.length === 1 ? '' : 's'} (${description.brokers
    .map((broker) => `${broker.host}:${broker.port}`)
    .join(', ')}), cluster id ${description.clusterId}.`;
  deps.prompts.info(message);
  deps.tree.refresh(clusterNode);
  return message;
}
