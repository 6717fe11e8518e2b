import type * as vscode from 'vscode';
import type { ErrorNode } from '../explorer/errorNode';
import type { ExplorerNode } from '../explorer/explorerNode';
import type { LoadMoreNode } from '../explorer/infoNode';
import { addCluster, type AddClusterArgs } from './addCluster';
import { addClusterFromProperties } from './addClusterFromProperties';
import { editCluster, removeCluster, testCluster } from './clusterCommands';
import type { CommandDeps } from './commandDeps';
import { clearTopicFilter, copyName, filterTopics, loadMore, retry } from './explorerCommands';
import { deleteGroup, resetOffsets } from './groupCommands';
import { registerCommand } from './registerCommand';
import { addPartitions, createTopic, deleteTopic, describeTopic, editTopicConfig } from './topicCommands';

/** The cluster, explorer, topic and consumer-group commands (the sidebar's part of the extension). */
export function registerAdminCommands(deps: CommandDeps, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const node = (handler: (deps: CommandDeps, node?: ExplorerNode) => unknown) => (target?: ExplorerNode) => handler(deps, target);
  return [
    registerCommand('kafka.cluster.add', log, (args?: AddClusterArgs) => addCluster(deps.store, deps.secrets, deps.prompts, args)),
    registerCommand('kafka.cluster.addFromProperties', log, (file?: string) => addClusterFromProperties(deps, typeof file === 'string' ? file : undefined)),
    registerCommand('kafka.cluster.edit', log, node(editCluster)),
    registerCommand('kafka.cluster.remove', log, node(removeCluster)),
    registerCommand('kafka.cluster.test', log, node(testCluster)),
    registerCommand('kafka.explorer.refresh', log, (target?: ExplorerNode) => deps.tree.refresh(target)),
    registerCommand('kafka.explorer.retry', log, (target: ErrorNode) => retry(deps, target)),
    registerCommand('kafka.explorer.loadMore', log, (target: LoadMoreNode) => loadMore(target)),
    registerCommand('kafka.explorer.copyName', log, (target?: ExplorerNode) => copyName(target)),
    registerCommand('kafka.topics.filter', log, node(filterTopics)),
    registerCommand('kafka.topics.clearFilter', log, node(clearTopicFilter)),
    registerCommand('kafka.topic.create', log, node(createTopic)),
    registerCommand('kafka.topic.delete', log, node(deleteTopic)),
    registerCommand('kafka.topic.addPartitions', log, node(addPartitions)),
    registerCommand('kafka.topic.editConfig', log, node(editTopicConfig)),
    registerCommand('kafka.topic.describe', log, node(describeTopic)),
    registerCommand('kafka.group.delete', log, node(deleteGroup)),
    registerCommand('kafka.group.resetOffsets', log, node(resetOffsets)),
  ];
}
