import * as vscode from 'vscode';
import type { ClusterConfig } from '../clusters/clusterConfig';
import type { ClusterStore } from '../clusters/clusterStore';
import type { ClusterConnections } from '../clusters/connections';
import type { KafkaLogger } from '../kafka/connect/log';
import { TailThread } from '../kafka/tail/tailThread';
import type { FilterSpec, PanelState, TailTarget } from '../protocol';
import type { ReadOnlyDocuments } from '../ui/readOnlyDocuments';
import { keptMessages } from './messageStore';
import { messagesViewType, TailPanel } from './tailPanel';

const noFilter: FilterSpec = { text: '', jsonField: '' };

/** Every open message panel; restores them after a window reload (webview serializer). */
export class TailPanels implements vscode.Disposable {
  private readonly panels = new Set<TailPanel>();
  private readonly serializer: vscode.Disposable;
  private readonly workerScript: string;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: ClusterStore,
    private readonly connections: ClusterConnections,
    private readonly logger: KafkaLogger,
    private readonly documents: ReadOnlyDocuments,
  ) {
    this.workerScript = vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath;
    this.serializer = vscode.window.registerWebviewPanelSerializer(messagesViewType, {
      deserializeWebviewPanel: async (panel, state: PanelState | undefined) => this.restore(panel, state),
    });
  }

  /** Opens a new panel tailing `topic`; several may be open at once, one per tail. */
  open(cluster: ClusterConfig, topic: string, target: TailTarget): TailPanel {
    const panel = vscode.window.createWebviewPanel(messagesViewType, topic, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')],
    });
    return this.adopt(panel, cluster, topic, target, noFilter, true);
  }

  list(): TailPanel[] {
    return [...this.panels];
  }

  /** Closes every panel and waits until their consumers have left and their groups are gone. */
  async closeAll(): Promise<void> {
    await Promise.all(this.list().map((panel) => panel.dispose()));
  }

  dispose(): void {
    void this.closeAll();
    this.serializer.dispose();
  }

  private restore(panel: vscode.WebviewPanel, state: PanelState | undefined): void {
    const cluster = state && this.store.get(state.clusterId);
    if (!state || !cluster) {
      this.logger.log('warn', `A message panel could not be restored: its cluster is no longer configured.`);
      panel.dispose();
      return;
    }
    this.adopt(panel, cluster, state.topic, state.target, state.filter ?? noFilter, state.follow ?? true, state.resume);
  }

  private adopt(
    panel: vscode.WebviewPanel,
    cluster: ClusterConfig,
    topic: string,
    target: TailTarget,
    filter: FilterSpec,
    follow: boolean,
    resume?: Record<string, string>,
  ): TailPanel {
    const tail = new TailPanel(panel, {
      cluster,
      openTail: (start, listener) =>
        new TailThread(this.workerScript, () => this.connections.portableSettings(cluster), topic, start, listener, this.logger),
      topic,
      target,
      resume,
      filter,
      follow,
      maxMessages: keptMessages(vscode.workspace.getConfiguration('kafka').get<number>('tail.maxMessages', 100_000)),
      extensionUri: this.extensionUri,
      logger: this.logger,
      documents: this.documents,
    });
    this.panels.add(tail);
    tail.onDidDispose(() => this.panels.delete(tail));
    return tail;
  }
}
