import * as vscode from 'vscode';
import type { ExplorerNode } from '../explorer/explorerNode';
import { ConfigNode, TopicNode } from '../explorer/topicNode';
import { describeTopicReport } from '../kafka/admin/reports';
import { parseConfigs } from '../kafka/admin/configText';
import { checkTopicName } from '../kafka/admin/topicName';
import type { CommandDeps } from './commandDeps';
import { resolveCluster, resolveTopic } from './targets';

/** "Kafka: Create Topic": name, partitions, replication factor (broker default), optional configs. */
export async function createTopic(deps: CommandDeps, node?: ExplorerNode): Promise<string | undefined> {
  const clusterNode = await resolveCluster(deps, node);
  if (!clusterNode) {
    return undefined;
  }
  const admin = deps.connections.admin(clusterNode.cluster);
  const [existing, defaults, description] = await Promise.all([
    clusterNode.topics.topicNames().catch(() => [] as string[]),
    admin.brokerDefaults(),
    admin.describeCluster(),
  ]);
  const brokerCount = description.brokers.length;
  const title = `Create Topic on ${clusterNode.cluster.name}`;

  const name = await deps.prompts.input({
    title: `${title} (1/4)`,
    prompt: 'Topic name: letters, digits, ".", "_" and "-", at most 249 characters',
    validateInput: (value) => {
      const check = checkTopicName(value, existing);
      if (check.error) {
        return check.error;
      }
      return check.warning ? { message: check.warning, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
    },
  });
  if (name === undefined) {
    return undefined;
  }
  const partitions = await deps.prompts.input({
    title: `${title} (2/4)`,
    prompt: 'Number of partitions',
    value: String(defaults.partitions),
    validateInput: (value) => wholeNumberProblem(value, 1),
  });
  if (partitions === undefined) {
    return undefined;
  }
  const replicationFactor = await deps.prompts.input({
    title: `${title} (3/4)`,
    prompt: `Replication factor (${defaults.fromBroker ? `the broker's default is ${defaults.replicationFactor}` : "the broker's default is not readable with your permissions"}; the cluster has ${brokerCount} broker${brokerCount === 1 ? '' : 's'})`,
    value: String(Math.min(defaults.replicationFactor, brokerCount)),
    validateInput: (value) =>
      wholeNumberProblem(value, 1) ??
      (Number(value) > brokerCount
        ? `Replication factor ${value} is larger than the number of brokers (${brokerCount}).`
        : undefined),
  });
  if (replicationFactor === undefined) {
    return undefined;
  }
  const configText = await deps.prompts.input({
    title: `${title} (4/4)`,
    prompt: 'Configs (optional), comma-separated key=value, e.g. cleanup.policy=compact, retention.ms=604800000',
    placeHolder: 'cleanup.policy=compact, retention.ms=604800000',
    validateInput: (value) => ('error' in parseConfigs(value) ? (parseConfigs(value) as { error: string }).error : undefined),
  });
  if (configText === undefined) {
    return undefined;
  }
  const configs = parseConfigs(configText);
  if ('error' in configs) {
    throw new Error(configs.error);
  }
  await clusterNode.topics.whileCreating(
    name,
    admin.createTopic({ name, partitions: Number(partitions), replicationFactor: Number(replicationFactor), configs: configs.configs }),
  );
  deps.prompts.info(`Topic "${name}" created on ${clusterNode.cluster.name}.`);
  return name;
}

/** "Kafka: Delete Topic": a modal confirmation that names the topic and the cluster. */
export async function deleteTopic(deps: CommandDeps, node?: ExplorerNode): Promise<boolean> {
  const target = await resolveTopic(deps, node, 'Topic to delete');
  if (!target) {
    return false;
  }
  const { clusterNode, topic } = target;
  const confirmed = await deps.prompts.confirm(
    `Delete topic "${topic}" from cluster "${clusterNode.cluster.name}"?`,
    'All its messages are deleted. This cannot be undone.',
    'Delete Topic',
  );
  if (!confirmed) {
    return false;
  }
  await deps.connections.admin(clusterNode.cluster).deleteTopic(topic);
  deps.tree.refresh(clusterNode.topics);
  deps.prompts.info(`Topic "${topic}" deleted from ${clusterNode.cluster.name}.`);
  return true;
}

/** "Kafka: Add Partitions": only more than the topic has today. */
export async function addPartitions(deps: CommandDeps, node?: ExplorerNode): Promise<number | undefined> {
  const target = await resolveTopic(deps, node, 'Topic to add partitions to');
  if (!target) {
    return undefined;
  }
  const { clusterNode, topic } = target;
  const admin = deps.connections.admin(clusterNode.cluster);
  const current = node instanceof TopicNode ? node.topic.partitionCount : (await admin.describePartitions(topic)).length;
  const count = await deps.prompts.input({
    title: `Add Partitions to ${topic}`,
    prompt: `New total number of partitions (now ${current}). Keys will map to different partitions afterwards.`,
    value: String(current + 1),
    validateInput: (value) =>
      wholeNumberProblem(value, 1) ??
      (Number(value) <= current ? `The new count must be more than ${current}: Kafka cannot remove partitions.` : undefined),
  });
  if (count === undefined) {
    return undefined;
  }
  await admin.addPartitions(topic, Number(count));
  deps.tree.refresh(clusterNode.topics);
  deps.prompts.info(`Topic "${topic}" now has ${count} partitions.`);
  return Number(count);
}

/** "Kafka: Edit Topic Config": one key at a time; the topic's other configs stay as they are. */
export async function editTopicConfig(deps: CommandDeps, node?: ExplorerNode): Promise<boolean> {
  const target = await resolveTopic(deps, node, 'Topic whose config to edit');
  if (!target) {
    return false;
  }
  const { clusterNode, topic } = target;
  const admin = deps.connections.admin(clusterNode.cluster);
  const configs = await admin.topicConfigs(topic);
  let entry = node instanceof ConfigNode ? configs.find((config) => config.name === node.entry.name) : undefined;
  if (!entry) {
    const picked = await deps.prompts.pick(
      configs
        .filter((config) => !config.readOnly)
        .map((config) => ({
          label: config.name,
          description: `${config.value ?? ''}${config.isDefault ? '' : ` · ${config.source}`}`,
          config,
        })),
      { title: `Edit config of ${topic}`, placeHolder: 'Which config?', matchOnDescription: true },
    );
    entry = picked?.config;
  }
  if (!entry) {
    return false;
  }
  if (entry.readOnly) {
    throw new Error(`${entry.name} is read-only: it cannot be changed on a topic.`);
  }
  const name = entry.name;
  const value = await deps.prompts.input({
    title: `${name} of ${topic}`,
    prompt: `New value of ${name} (now ${entry.value ?? 'null'}, ${entry.isDefault ? 'default' : `set by ${entry.source}`}). Leave empty to revert to the default.`,
    value: entry.value ?? '',
  });
  if (value === undefined) {
    return false;
  }
  await admin.setTopicConfig(topic, name, value.trim() === '' ? undefined : value.trim());
  const topicNode = clusterNode.topics.topicNode(topic);
  if (topicNode) {
    deps.tree.refresh(topicNode.configs);
  }
  deps.prompts.info(value.trim() === '' ? `${name} of "${topic}" reverted to its default.` : `${name} of "${topic}" set to ${value.trim()}.`);
  return true;
}

/** "Kafka: Describe Topic": a read-only document like `kafka-topics --describe`, with watermarks and configs. */
export async function describeTopic(deps: CommandDeps, node?: ExplorerNode): Promise<vscode.TextDocument | undefined> {
  const target = await resolveTopic(deps, node, 'Topic to describe');
  if (!target) {
    return undefined;
  }
  const { clusterNode, topic } = target;
  const admin = deps.connections.admin(clusterNode.cluster);
  const [partitions, configs] = await Promise.all([admin.describePartitions(topic), admin.topicConfigs(topic)]);
  return deps.documents.show({
    title: `${topic} (${clusterNode.cluster.name}).txt`,
    content: describeTopicReport(clusterNode.cluster.name, topic, partitions, configs),
  });
}

function wholeNumberProblem(value: string, minimum: number): string | undefined {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < minimum || !Number.isSafeInteger(Number(trimmed))) {
    return `Enter a whole number of at least ${minimum}.`;
  }
  return undefined;
}
