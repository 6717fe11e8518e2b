import type { ClusterSecrets } from '../clusters/clusterSecrets';
import type { ClusterStore } from '../clusters/clusterStore';
import type { ClusterConnections } from '../clusters/connections';
import type { ClustersTreeProvider } from '../explorer/clustersTreeProvider';
import type { Prompts } from '../ui/prompts';
import type { ReadOnlyDocuments } from '../ui/readOnlyDocuments';

/** What the cluster, topic and group commands work with. */
export interface CommandDeps {
  store: ClusterStore;
  secrets: ClusterSecrets;
  connections: ClusterConnections;
  tree: ClustersTreeProvider;
  prompts: Prompts;
  documents: ReadOnlyDocuments;
}
