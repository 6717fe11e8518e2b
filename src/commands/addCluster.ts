import type { ClusterConfig } from '../clusters/clusterConfig';
import type { ClusterSecrets } from '../clusters/clusterSecrets';
import type { ClusterStore } from '../clusters/clusterStore';
import { parseBootstrapServers } from '../kafka/connect/bootstrap';
import type { Prompts } from '../ui/prompts';
import { clusterForm, clusterNameProblem, type ClusterSecretsInput } from './clusterForm';

/** Arguments for running "Add Cluster" without questions (tests, links). */
export interface AddClusterArgs extends Omit<ClusterConfig, 'id'> {
  password?: string;
  keyPassphrase?: string;
}

/** "Kafka: Add Cluster": asks for name, servers, authentication and TLS unless given them. */
export async function addCluster(
  store: ClusterStore,
  secrets: ClusterSecrets,
  prompts: Prompts,
  args?: AddClusterArgs,
  defaults?: Partial<Omit<ClusterConfig, 'id'>>,
): Promise<ClusterConfig | undefined> {
  const existingNames = new Set(store.list().map((cluster) => cluster.name));
  let cluster: Omit<ClusterConfig, 'id'>;
  let secretValues: ClusterSecretsInput;
  if (args?.name !== undefined && args.bootstrapServers !== undefined) {
    const { password, keyPassphrase, ...config } = args;
    const problem = clusterNameProblem(config.name, existingNames);
    const parsed = parseBootstrapServers(config.bootstrapServers);
    if (problem || 'error' in parsed) {
      throw new Error(problem ?? (parsed as { error: string }).error);
    }
    cluster = { ...config, name: config.name.trim(), bootstrapServers: parsed.servers.join(',') };
    secretValues = { password, keyPassphrase };
  } else {
    const result = await clusterForm(prompts, existingNames, undefined, defaults);
    if (!result) {
      return undefined;
    }
    ({ cluster, secrets: secretValues } = result);
  }
  const saved = await store.add(cluster);
  await saveSecrets(secrets, saved.id, secretValues);
  return saved;
}

export async function saveSecrets(secrets: ClusterSecrets, clusterId: string, values: ClusterSecretsInput): Promise<void> {
  if (values.password !== undefined) {
    await secrets.set(clusterId, 'password', values.password);
  }
  if (values.keyPassphrase !== undefined) {
    await secrets.set(clusterId, 'keyPassphrase', values.keyPassphrase);
  }
}
