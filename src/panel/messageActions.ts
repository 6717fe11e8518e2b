import * as vscode from 'vscode';
import { prettyJson } from '../kafka/decode/jsonText';
import { fullValueText } from '../kafka/decode/valueDecoding';
import { envelopeLine } from '../kafka/envelope/envelope';
import type { TailMessage } from '../kafka/tail/tailMessage';
import type { ReadOnlyDocuments } from '../ui/readOnlyDocuments';

/** What the panel's buttons do with one message or with the shown ones; each returns what to tell the user. */

/** "Copy as JSON": the message as a pretty envelope, the format Produce reads back. */
export async function copyAsJson(topic: string, message: TailMessage): Promise<string> {
  const { line } = envelopeLine(topic, message);
  await vscode.env.clipboard.writeText(prettyJson(line));
  return `Copied partition ${message.partition} offset ${message.offset} as JSON.`;
}

/** "Open Full Value": the whole value beside the panel, formatted JSON where it is JSON. */
export async function openFullValue(documents: ReadOnlyDocuments, topic: string, message: TailMessage): Promise<void> {
  const { text, language } = fullValueText(message.value);
  const extension = language === 'json' ? 'json' : 'txt';
  await documents.show({
    title: `${topic}-p${message.partition}-o${message.offset}.${extension}`,
    content: text,
    language,
    beside: true,
  });
}

/** Asks where to export the shown messages of `topic`; undefined when the user cancels. */
export async function chooseExportFile(topic: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const fileName = `${topic.replace(/[^\w.-]+/g, '_')}.jsonl`;
  return vscode.window.showSaveDialog({
    title: `Export the shown messages of ${topic}`,
    defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
    filters: { 'JSON Lines': ['jsonl'] },
    saveLabel: 'Export',
  });
}

/** Writes messages as envelope JSON Lines, the format "Kafka: Produce" reads back. */
export async function exportMessages(
  target: vscode.Uri,
  topic: string,
  messages: Iterable<TailMessage>,
): Promise<{ count: number; lossy: number }> {
  const lines: string[] = [];
  let lossy = 0;
  for (const message of messages) {
    const exported = envelopeLine(topic, message);
    lines.push(exported.line);
    lossy += exported.lossy ? 1 : 0;
  }
  await vscode.workspace.fs.writeFile(target, Buffer.from(lines.length > 0 ? `${lines.join('\n')}\n` : '', 'utf8'));
  return { count: lines.length, lossy };
}

export function exportNotice(target: vscode.Uri, written: { count: number; lossy: number }): string {
  const lossy = written.lossy > 0 ? ` ${written.lossy} had binary bytes or repeated headers, written as base64 or dropped.` : '';
  return `Exported ${written.count.toLocaleString('en-US')} messages to ${vscode.workspace.asRelativePath(target)}.${lossy}`;
}
