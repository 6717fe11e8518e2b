import * as vscode from 'vscode';
import type { Kafka } from 'kafkajs';
import { ClusterAdmin } from '../kafka/admin/clusterAdmin';
import { createKafka, toPortable, type ConnectionSettings, type PortableConnectionSettings } from '../kafka/connect/connection';
import type { KafkaLogger } from '../kafka/connect/log';
import type { ClusterConfig } from './clusterConfig';
import type { ClusterSecrets } from './clusterSecrets';
import { parseBootstrapServers } from '../kafka/connect/bootstrap';

interface ClusterClients {
  kafka: Kafka;
  admin: ClusterAdmin;
}

/**
 * The one place kafkajs clients are made: one `Kafka` client and one admin connection
 * per cluster, created on demand and dropped when settings change.
 */
export class ClusterConnections implements vscode.Disposable {
  private readonly clients = new Map<string, ClusterClients>();

  constructor(
    private readonly logger: KafkaLogger,
    private readonly secrets?: ClusterSecrets,
  ) {}

  /** The kafkajs client for `cluster` (auth, TLS and timeouts applied); producers and consumers come from it. */
  kafka(cluster: ClusterConfig): Kafka {
    return this.clientsFor(cluster).kafka;
  }

  admin(cluster: ClusterConfig): ClusterAdmin {
    return this.clientsFor(cluster).admin;
  }

  /** Drops the open connections (of one cluster, or all); the next use reconnects with the current settings and secrets. */
  reset(clusterId?: string): void {
    for (const [id, clients] of this.clients) {
      if (clusterId === undefined || id === clusterId) {
        void clients.admin.dispose();
        this.clients.delete(id);
      }
    }
  }

  dispose(): void {
    this.reset();
  }

  private clientsFor(cluster: ClusterConfig): ClusterClients {
    let clients = this.clients.get(cluster.id);
    if (!clients) {
      clients = this.createClients(cluster);
      this.clients.set(cluster.id, clients);
    }
    return clients;
  }

  /** The connection settings of `cluster` with its secrets read: for a client in another thread. */
  async portableSettings(cluster: ClusterConfig): Promise<PortableConnectionSettings> {
    return toPortable(this.settingsFor(cluster).connection);
  }

  private createClients(cluster: ClusterConfig): ClusterClients {
    const { connection, timeouts } = this.settingsFor(cluster);
    const kafka = createKafka(connection, this.logger);
    const admin = new ClusterAdmin(kafka, timeouts, `cluster "${cluster.name}"`);
    return { kafka, admin };
  }

  private settingsFor(cluster: ClusterConfig): { connection: ConnectionSettings; timeouts: { connectionTimeoutMs: number; requestTimeoutMs: number } } {
    const settings = vscode.workspace.getConfiguration('kafka');
    const connectionTimeoutMs = settings.get<number>('connectionTimeoutMs', 5000);
    const requestTimeoutMs = settings.get<number>('requestTimeoutMs', 15000);
    const parsed = parseBootstrapServers(cluster.bootstrapServers);
    return {
      connection: {
        clientId: 'vscode-kafka-workbench',
        brokers: 'servers' in parsed ? parsed.servers : [cluster.bootstrapServers],
        connectionTimeoutMs,
        requestTimeoutMs,
        sasl: cluster.auth && cluster.auth.mechanism !== 'none' ? { mechanism: cluster.auth.mechanism, username: cluster.auth.username ?? '' } : undefined,
        tls: cluster.tls?.enabled ? cluster.tls : undefined,
        secrets: this.secrets && {
          password: async () => this.secrets?.get(cluster.id, 'password'),
          keyPassphrase: async () => this.secrets?.get(cluster.id, 'keyPassphrase'),
        },
      },
      timeouts: { connectionTimeoutMs, requestTimeoutMs },
    };
  }
}
