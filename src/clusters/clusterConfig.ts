/** A saved cluster as it appears in the `kafka.clusters` setting: never holds a secret. */
export interface ClusterConfig {
  id: string;
  name: string;
  bootstrapServers: string;
}
