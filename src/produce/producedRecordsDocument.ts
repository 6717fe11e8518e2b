import * as vscode from 'vscode';
import { describeLines } from '../kafka/produce/records';
import type { ProduceResult } from '../kafka/produce/produceRun';

const scheme = 'kafka-produced';
const maxKept = 10;

/**
 * Read-only documents that list where each produced record went (line, partition, offset);
 * the "Record Offsets" action of a produce result opens one.
 */
export class ProducedRecordsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(scheme, this);
  private next = 1;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? 'This produce result is no longer kept.';
  }

  async open(result: ProduceResult, clusterName: string): Promise<vscode.TextEditor> {
    const path = `/${result.topic}-${this.next++}.tsv`;
    this.contents.set(path, render(result, clusterName));
    for (const key of [...this.contents.keys()].slice(0, Math.max(0, this.contents.size - maxKept))) {
      this.contents.delete(key);
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme, path }));
    return vscode.window.showTextDocument(document, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.contents.clear();
  }
}

function render(result: ProduceResult, clusterName: string): string {
  const lines = [
    `# ${result.sent.length} of ${result.total} records sent to topic ${result.topic} on ${clusterName}, ${new Date().toISOString()}`,
  ];
  for (const range of result.partitions) {
    lines.push(`# partition ${range.partition}: offsets ${range.first}–${range.last} (${range.count} records)`);
  }
  if (result.unsentLines.length > 0) {
    lines.push(`# not sent: ${describeLines(result.unsentLines, 50)}`);
  }
  if (result.failure) {
    lines.push(`# ${result.failure.message}`);
  }
  lines.push('line\tpartition\toffset');
  for (const record of result.sent) {
    lines.push(`${record.line}\t${record.partition}\t${record.offset}`);
  }
  return lines.join('\n') + '\n';
}
