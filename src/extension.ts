import * as vscode from 'vscode';
import { ClusterStore } from './clusters/clusterStore';
import { ClusterConnections } from './clusters/connections';
import { addCluster } from './commands/addCluster';
import { registerCommand } from './commands/registerCommand';
import { ClustersTreeProvider, clustersViewId } from './explorer/clustersTreeProvider';
import type { ExplorerNode } from './explorer/explorerNode';
import { kafkaLoggerFor } from './logChannel';

/** What the extension hands to its own tests; not a public API. */
export interface KafkaExtensionApi {
  tree: ClustersTreeProvider;
  log: vscode.LogOutputChannel;
}

export function activate(context: vscode.ExtensionContext): KafkaExtensionApi {
  const log = vscode.window.createOutputChannel('Kafka', { log: true });
  const store = new ClusterStore();
  const connections = new ClusterConnections(kafkaLoggerFor(log));
  const tree = new ClustersTreeProvider(store, connections);
  const treeView = vscode.window.createTreeView(clustersViewId, { treeDataProvider: tree, showCollapseAll: true });

  const updateClusterCount = () =>
    vscode.commands.executeCommand('setContext', 'kafka.clusterCount', store.list().length);
  updateClusterCount();

  context.subscriptions.push(
    log,
    store,
    connections,
    tree,
    treeView,
    store.onDidChange(() => {
      updateClusterCount();
      tree.refresh();
    }),
    registerCommand('kafka.cluster.add', log, (args) => addCluster(store, args)),
    registerCommand('kafka.explorer.refresh', log, (node?: ExplorerNode) => tree.refresh(node)),
  );
  return { tree, log };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
