import * as vscode from 'vscode';
import type { ClusterStore } from '../clusters/clusterStore';
import type { ClusterConfig } from '../clusters/clusterConfig';
import { parseBootstrapServers } from '../kafka/bootstrap';

export interface AddClusterArgs {
  name: string;
  bootstrapServers: string;
}

/** "Kafka: Add Cluster": asks for a name and bootstrap servers unless given them. */
export async function addCluster(store: ClusterStore, args?: AddClusterArgs): Promise<ClusterConfig | undefined> {
  const existingNames = new Set(store.list().map((cluster) => cluster.name));
  const name =
    args?.name ??
    (await vscode.window.showInputBox({
      title: 'Add Kafka Cluster (1/2)',
      prompt: 'A name for the cluster',
      placeHolder: 'local',
      ignoreFocusOut: true,
      validateInput: (value) => clusterNameProblem(value, existingNames),
    }));
  if (name === undefined) {
    return undefined;
  }
  const bootstrapServers =
    args?.bootstrapServers ??
    (await vscode.window.showInputBox({
      title: 'Add Kafka Cluster (2/2)',
      prompt: 'Bootstrap servers, comma-separated host:port',
      value: '127.0.0.1:9092',
      ignoreFocusOut: true,
      validateInput: (value) => {
        const parsed = parseBootstrapServers(value);
        return 'error' in parsed ? parsed.error : undefined;
      },
    }));
  if (bootstrapServers === undefined) {
    return undefined;
  }
  const problem = clusterNameProblem(name, existingNames);
  const parsed = parseBootstrapServers(bootstrapServers);
  if (problem || 'error' in parsed) {
    throw new Error(problem ?? (parsed as { error: string }).error);
  }
  return store.add({ name: name.trim(), bootstrapServers: parsed.servers.join(',') });
}

function clusterNameProblem(name: string, existingNames: Set<string>): string | undefined {
  const trimmed = name.trim();
  if (trimmed.length === 0) {
    return 'Enter a name for the cluster.';
  }
  if (existingNames.has(trimmed)) {
    return `A cluster named "${trimmed}" exists already.`;
  }
  return undefined;
}
