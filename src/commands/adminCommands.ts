import type * as vscode from 'vscode';
import type { ErrorNode } from '../explorer/errorNode';
import type { ExplorerNode } from '../explorer/explorerNode';
import type { LoadMoreNode } from '../explorer/loadMoreNode';
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
  // Failures reach the user through the prompts seam, so tests see the very message a user would.
  const register = (id: string, handler: (...args: any[]) => unknown) =>
    registerCommand(id, log, handler, (message) => deps.prompts.error(message));
  const node = (handler: (deps: CommandDeps, node?: ExplorerNode) => unknown) => (target?: ExplorerNode) => handler(deps, target);
  return [
    register('kafka.cluster.add', (args?: AddClusterArgs) => addCluster(deps.store, deps.secrets, deps.prompts, args)),
    register('kafka.cluster.addFromProperties', (file?: string) => addClusterFromProperties(deps, typeof file === 'string' ? file : undefined)),
    register('kafka.cluster.edit', node(editCluster)),
    register('kafka.cluster.remove', node(removeCluster)),
    register('kafka.cluster.test', node(testCluster)),
    register('kafka.explorer.refresh', (target?: ExplorerNode) => deps.tree.refresh(target)),
    register('kafka.explorer.retry', (target: ErrorNode) => retry(deps, target)),
    register('kafka.explorer.loadMore', (target: LoadMoreNode) => loadMore(target)),
    register('kafka.explorer.copyName', (target?: ExplorerNode) => copyName(target)),
    register('kafka.topics.filter', node(filterTopics)),
    register('kafka.topics.clearFilter', node(clearTopicFilter)),
    register('kafka.topic.create', node(createTopic)),
    register('kafka.topic.delete', node(deleteTopic)),
    register('kafka.topic.addPartitions', node(addPartitions)),
    register('kafka.topic.editConfig', node(editTopicConfig)),
    register('kafka.topic.describe', node(describeTopic)),
    register('kafka.group.delete', node(deleteGroup)),
    register('kafka.group.resetOffsets', node(resetOffsets)),
  ];
}
