// The extension-host half of scripts/bench/topics.ts: runs inside a real VS Code (as an
// extensionTestsPath), expands the Topics node of the configured cluster through the extension's
// own tree provider, and prints one "BENCH {json}" line per round for the outer script (with the
// extension's activation time, measured when this script activates it).
import * as vscode from 'vscode';
import type { KafkaExtensionApi } from '../../src/extension';

const SUMMARY_MARKER = '[kafka-workbench-extension-tests]';

export async function run(): Promise<void> {
  // The runner forwards the host's console from this line on (as for the extension tests).
  console.log('extension tests: Topics node benchmark');
  const rounds = Number(process.env.BENCH_ROUNDS ?? '5');
  const extension = vscode.extensions.getExtension<KafkaExtensionApi>('kafka-workbench.kafka-workbench');
  if (!extension) {
    throw new Error('the extension is not installed');
  }
  // Timed as test/extension/index.ts does: activate() before anything else touches the extension.
  const activating = extension.isActive ? undefined : performance.now();
  const api = await extension.activate();
  const activationMs = activating === undefined ? undefined : performance.now() - activating;
  const [cluster] = await api.tree.getChildren();
  // Expanding the cluster connects and describes it; the Topics node is timed from here on.
  const clusterChildren = await api.tree.getChildren(cluster);
  const topicsNode = clusterChildren.find((node) => node.getTreeItem().label === 'Topics');
  if (!topicsNode) {
    throw new Error(`no Topics node: ${clusterChildren.map((node) => String(node.getTreeItem().label)).join(', ')}`);
  }
  for (let round = 0; round < rounds; round++) {
    api.tree.refresh(topicsNode);
    const started = performance.now();
    const children = await api.tree.getChildren(topicsNode);
    const returned = performance.now();
    // VS Code asks for each child's TreeItem before it draws the rows.
    for (const child of children) {
      api.tree.getTreeItem(child);
    }
    const drawn = performance.now();
    const topics = (await (topicsNode as unknown as { topicNames(): Promise<string[]> }).topicNames()).length;
    console.log(
      `BENCH ${JSON.stringify({ round, childrenMs: returned - started, withTreeItemsMs: drawn - started, children: children.length, topics, activationMs })}`,
    );
  }
  console.log(`${SUMMARY_MARKER} ${JSON.stringify({ passed: 1, failed: 0, pending: 0, duration: 0 })}`);
}
