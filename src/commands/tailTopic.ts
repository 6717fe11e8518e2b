import type { ExplorerNode } from '../explorer/explorerNode';
import type { TailPanel } from '../panel/tailPanel';
import type { TailPanels } from '../panel/tailPanels';
import type { StartPosition } from '../protocol';
import type { CommandDeps } from './commandDeps';
import { resolveTopic } from './targets';

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

export const defaultStart: StartPosition = { kind: 'last', count: 100 };

function isArgs(arg: unknown): arg is TailTopicArgs {
  return typeof (arg as TailTopicArgs | undefined)?.clusterId === 'string' && typeof (arg as TailTopicArgs).topic === 'string';
}

/** "Kafka: Tail Topic": from a topic or partition node, from another command's args, or asking for cluster and topic. */
export async function tailTopic(panels: TailPanels, deps: CommandDeps, arg?: TailTopicArgs | ExplorerNode): Promise<TailPanel | undefined> {
  if (isArgs(arg)) {
    const cluster = deps.store.get(arg.clusterId);
    if (!cluster) {
      throw new Error(`No configured Kafka cluster has the id "${arg.clusterId}".`);
    }
    return panels.open(cluster, arg.topic, { start: arg.start ?? defaultStart, partitions: arg.partitions });
  }
  const target = await resolveTopic(deps, arg, 'Which topic to tail?');
  if (!target) {
    return undefined;
  }
  // A partition node tails just that partition.
  const partition = (arg as { partition?: { partition?: number } } | undefined)?.partition?.partition;
  return panels.open(target.clusterNode.cluster, target.topic, {
    start: defaultStart,
    partitions: typeof partition === 'number' ? [partition] : undefined,
  });
}
