import type { ClusterConnections } from '../clusters/connections';
import type { ExplorerNode } from './explorerNode';

export interface ExplorerSettings {
  showInternalTopics: boolean;
  /** Children shown before a "Load more…" node. */
  pageSize: number;
}

/** What the nodes need from the extension: clients, settings, and a way to ask for a redraw. */
export interface ExplorerContext {
  readonly connections: ClusterConnections;
  settings(): ExplorerSettings;
  /** Redraws `node`'s children from what it has cached (no reload unless it was invalidated). */
  changed(node: ExplorerNode): void;
}
