import type * as vscode from 'vscode';

export type SecretKind = 'password' | 'keyPassphrase';

/** A cluster's secrets (SASL password, client key passphrase), kept only in VS Code's SecretStorage. */
export class ClusterSecrets {
  constructor(private readonly storage: vscode.SecretStorage) {}

  get(clusterId: string, kind: SecretKind): Thenable<string | undefined> {
    return this.storage.get(key(clusterId, kind));
  }

  async set(clusterId: string, kind: SecretKind, value: string | undefined): Promise<void> {
    if (value === undefined || value === '') {
      await this.storage.delete(key(clusterId, kind));
    } else {
      await this.storage.store(key(clusterId, kind), value);
    }
  }

  async deleteAll(clusterId: string): Promise<void> {
    await Promise.all((['password', 'keyPassphrase'] as const).map((kind) => this.storage.delete(key(clusterId, kind))));
  }
}

function key(clusterId: string, kind: SecretKind): string {
  return `kafka.cluster.${clusterId}.${kind}`;
}
