import * as vscode from 'vscode';
import { ClusterAdmin } from '../kafka/admin';
import { createKafka } from '../kafka/connection';
import type { KafkaLogger } from '../kafka/log';
import type { ClusterConfig } from './clusterConfig';
import { parseBootstrapServers } from '../kafka/bootstrap';

/** Opens one admin connection per cluster on demand and closes them when settings change. */
export class ClusterConnections implements vscode.Disposable {
  private readonly admins = new Map<string, ClusterAdmin>();

  constructor(private readonly logger: KafkaLogger) {}

  admin(cluster: ClusterConfig): ClusterAdmin {
    let admin = this.admins.get(cluster.id);
    if (!admin) {
      admin = this.createAdmin(cluster);
      this.admins.set(cluster.id, admin);
    }
    return admin;
  }

  /** Drops every open connection; the next use reconnects with the current settings. */
  reset(): void {
    for (const admin of this.admins.values()) {
      void admin.dispose();
    }
    this.admins.clear();
  }

  dispose(): void {
    this.reset();
  }

  private createAdmin(cluster: ClusterConfig): ClusterAdmin {
    const settings = vscode.workspace.getConfiguration('kafka');
    const connectionTimeoutMs = settings.get<number>('connectionTimeoutMs', 5000);
    const requestTimeoutMs = settings.get<number>('requestTimeoutMs', 15000);
    const parsed = parseBootstrapServers(cluster.bootstrapServers);
    const kafka = createKafka(
      {
        clientId: 'vscode-kafka-workbench',
        brokers: 'servers' in parsed ? parsed.servers : [cluster.bootstrapServers],
        connectionTimeoutMs,
        requestTimeoutMs,
      },
      this.logger,
    );
    return new ClusterAdmin(kafka, { connectionTimeoutMs, requestTimeoutMs }, `cluster "${cluster.name}"`);
  }
}
