import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { kafkaErrorType } from '../connect/errors';

export interface BrokerInfo {
  id: number;
  host: string;
  port: number;
  rack?: string;
  /** The broker the metadata names as controller (in KRaft clusters: the broker that forwards to the quorum). */
  controller: boolean;
}

export interface ClusterDescription {
  clusterId: string;
  controllerId: number | null;
  brokers: BrokerInfo[];
}

/** The broker-wide defaults the topic commands start from. */
export interface BrokerDefaults {
  replicationFactor: number;
  partitions: number;
  deleteTopicEnabled: boolean;
  /** false when the user may not read broker configs: the values are Kafka's own defaults, not the broker's. */
  fromBroker: boolean;
}

export async function describeCluster(admin: Admin): Promise<ClusterDescription> {
  const cluster = await admin.describeCluster();
  // kafkajs drops the rack from its metadata; the broker's own config has it, for users allowed to read it.
  const racks = await brokerConfigValues(
    admin,
    cluster.brokers.map((broker) => broker.nodeId),
    ['broker.rack'],
  ).catch(() => new Map<number, Map<string, string | undefined>>());
  const brokers = cluster.brokers
    .map((broker) => ({
      id: broker.nodeId,
      host: broker.host,
      port: broker.port,
      rack: racks.get(broker.nodeId)?.get('broker.rack') ?? undefined,
      controller: broker.nodeId === cluster.controller,
    }))
    .sort((a, b) => a.id - b.id);
  return { clusterId: cluster.clusterId, controllerId: cluster.controller, brokers };
}

export async function brokerDefaults(admin: Admin): Promise<BrokerDefaults> {
  const cluster = await admin.describeCluster();
  const brokerId = cluster.controller ?? cluster.brokers[0]?.nodeId;
  if (brokerId === undefined) {
    throw new Error('the cluster reported no brokers.');
  }
  const names = ['default.replication.factor', 'num.partitions', 'delete.topic.enable'];
  let values: Map<string, string | undefined> | undefined;
  try {
    values = (await brokerConfigValues(admin, [brokerId], names)).get(brokerId);
  } catch (error) {
    if (!/AUTHORIZATION_FAILED$/.test(kafkaErrorType(error) ?? '')) {
      throw error;
    }
  }
  return {
    replicationFactor: Number(values?.get('default.replication.factor') ?? Math.min(3, cluster.brokers.length)),
    partitions: Number(values?.get('num.partitions') ?? 1),
    deleteTopicEnabled: (values?.get('delete.topic.enable') ?? 'true') !== 'false',
    fromBroker: values !== undefined,
  };
}

async function brokerConfigValues(
  admin: Admin,
  brokerIds: number[],
  configNames: string[],
): Promise<Map<number, Map<string, string | undefined>>> {
  const result = new Map<number, Map<string, string | undefined>>();
  if (brokerIds.length === 0) {
    return result;
  }
  const response = await admin.describeConfigs({
    includeSynonyms: false,
    resources: brokerIds.map((id) => ({ type: ConfigResourceTypes.BROKER, name: String(id), configNames })),
  });
  for (const resource of response.resources) {
    const values = new Map<string, string | undefined>();
    for (const entry of resource.configEntries) {
      values.set(entry.configName, entry.configValue ?? undefined);
    }
    result.set(Number(resource.resourceName), values);
  }
  return result;
}
