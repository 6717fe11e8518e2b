import * as vscode from 'vscode';
import { randomUUID } from 'crypto';
import type { ClusterConfig } from './clusterConfig';

const section = 'kafka';
const key = 'clusters';

/** Reads and writes the saved clusters in the user's settings. */
export class ClusterStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${section}.${key}`)) {
        this.changed.fire();
      }
    });
  }

  list(): ClusterConfig[] {
    const raw = vscode.workspace.getConfiguration(section).get<Partial<ClusterConfig>[]>(key, []);
    return raw
      .filter((entry) => typeof entry?.name === 'string' && typeof entry?.bootstrapServers === 'string')
      .map((entry) => ({
        id: entry.id ?? entry.name!,
        name: entry.name!,
        bootstrapServers: entry.bootstrapServers!,
        ...(entry.auth ? { auth: entry.auth } : {}),
        ...(entry.tls ? { tls: entry.tls } : {}),
      }));
  }

  get(id: string): ClusterConfig | undefined {
    return this.list().find((cluster) => cluster.id === id);
  }

  async add(cluster: Omit<ClusterConfig, 'id'>): Promise<ClusterConfig> {
    const saved: ClusterConfig = { id: randomUUID(), ...cluster };
    await this.save([...this.list(), saved]);
    return saved;
  }

  async update(cluster: ClusterConfig): Promise<void> {
    const clusters = this.list();
    const index = clusters.findIndex((entry) => entry.id === cluster.id);
    if (index < 0) {
      throw new Error(`Cluster "${cluster.name}" is not saved any more.`);
    }
    clusters[index] = cluster;
    await this.save(clusters);
  }

  async remove(id: string): Promise<void> {
    await this.save(this.list().filter((cluster) => cluster.id !== id));
  }

  private async save(clusters: ClusterConfig[]): Promise<void> {
    await vscode.workspace
      .getConfiguration(section)
      .update(key, clusters, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
