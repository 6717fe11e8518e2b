import * as assert from 'assert';
import { randomUUID } from 'crypto';
import { Kafka, logLevel } from 'kafkajs';
import * as vscode from 'vscode';
import type { KafkaExtensionApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/explorer/explorerNode';

export const extensionId = 'kafka-workbench.kafka-workbench';

/** The broker the outer runner started (or the user's, through KAFKA_BOOTSTRAP). */
export function kafkaBootstrap(): string {
  const bootstrap = process.env.KAFKA_BOOTSTRAP;
  assert.ok(bootstrap, 'KAFKA_BOOTSTRAP must name the test broker');
  return bootstrap;
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function extensionApi(): Promise<KafkaExtensionApi> {
  const extension = vscode.extensions.getExtension<KafkaExtensionApi>(extensionId);
  assert.ok(extension, `${extensionId} is not installed`);
  return extension.activate();
}

/** A plain kafkajs client for arranging and checking broker state independently of the extension. */
export function testKafka(): Kafka {
  return new Kafka({ clientId: 'extension-tests', brokers: [kafkaBootstrap()], logLevel: logLevel.NOTHING });
}

export async function setClusters(clusters: Array<{ id: string; name: string; bootstrapServers: string }>): Promise<void> {
  await vscode.workspace.getConfiguration('kafka').update('clusters', clusters, vscode.ConfigurationTarget.Global);
}

export function label(node: ExplorerNode): string {
  const itemLabel = node.getTreeItem().label;
  return typeof itemLabel === 'string' ? itemLabel : (itemLabel?.label ?? '');
}

/** Walks the tree from the root by labels and returns the children of the last one. */
export async function childrenAt(api: KafkaExtensionApi, ...path: string[]): Promise<ExplorerNode[]> {
  let children = await api.tree.getChildren();
  for (const step of path) {
    const node = children.find((child) => label(child) === step);
    assert.ok(node, `no node "${step}" among ${children.map(label).join(', ')}`);
    children = await api.tree.getChildren(node);
  }
  return children;
}
