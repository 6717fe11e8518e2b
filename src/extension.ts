import * as vscode from 'vscode';
import { ClusterStore } from './clusters/clusterStore';
import { ClusterConnections } from './clusters/connections';
import { ClusterSecrets } from './clusters/clusterSecrets';
import { registerAdminCommands } from './commands/adminCommands';
import { registerCommand } from './commands/registerCommand';
import { tailTopic } from './commands/tailTopic';
import { AutoRefresh } from './explorer/autoRefresh';
import { ClustersTreeProvider, clustersViewId } from './explorer/clustersTreeProvider';
import { kafkaLoggerFor } from './logChannel';
import { registerProduceCommands } from './commands/produce';
import { registerCompressionCodecs } from './kafka/connect/codecs';
import { SwappablePrompts, type Prompts } from './ui/prompts';
import { ReadOnlyDocuments } from './ui/readOnlyDocuments';
import { TailPanels } from './panel/tailPanels';

/** What the extension hands to its own tests; not a public API. */
export interface KafkaExtensionApi {
  tree: ClustersTreeProvider;
  /** Answers the admin commands' questions instead of VS Code's input boxes and pickers; undefined restores them. */
  usePrompts(prompts: Prompts | undefined): void;
  log: vscode.LogOutputChannel;
  tailPanels: TailPanels;
  /** The clusters' passwords and key passphrases, as the commands store them. */
  secrets: ClusterSecrets;
  /** Where VS Code keeps this extension's state and logs (tests search them for leaked secrets). */
  storage: Pick<vscode.ExtensionContext, 'logUri' | 'globalStorageUri' | 'storageUri' | 'globalState' | 'workspaceState'>;
}

let openPanels: TailPanels | undefined;

export function activate(context: vscode.ExtensionContext): KafkaExtensionApi {
  const log = vscode.window.createOutputChannel('Kafka', { log: true });
  registerCompressionCodecs();
  const store = new ClusterStore();
  const secrets = new ClusterSecrets(context.secrets);
  const kafkaLogger = kafkaLoggerFor(log);
  const connections = new ClusterConnections(kafkaLogger, secrets);
  const tree = new ClustersTreeProvider(store, connections);
  const prompts = new SwappablePrompts();
  const documents = new ReadOnlyDocuments();
  const commandDeps = { store, secrets, connections, tree, prompts, documents };
  const treeView = vscode.window.createTreeView(clustersViewId, { treeDataProvider: tree, showCollapseAll: true });
  const tailPanels = (openPanels = new TailPanels(context.extensionUri, store, connections, kafkaLogger, documents));

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
    ...registerProduceCommands({ store, connections, log, kafkaLogger, workspaceState: context.workspaceState, extensionUri: context.extensionUri }),
    documents,
    new AutoRefresh(treeView, () => tree.reloadLoaded()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('kafka.explorer.showInternalTopics') || event.affectsConfiguration('kafka.explorer.pageSize')) {
        tree.redraw();
      }
    }),
    ...registerAdminCommands(commandDeps, log),
    tailPanels,
    registerCommand('kafka.topic.tail', log, (arg) => tailTopic(tailPanels, commandDeps, arg)),
  );
  return { tree, log, tailPanels, secrets, storage: context, usePrompts: (replacement) => prompts.use(replacement) };
}

export async function deactivate(): Promise<void> {
  // Tails leave their throwaway consumer groups and delete them before the host goes away.
  await openPanels?.closeAll();
  // Everything else is disposed through context.subscriptions.
}
