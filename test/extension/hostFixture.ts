import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { startKafka, type KafkaCluster, type StartOptions } from '../../scripts/kafka/broker';
import type { TailPanel } from '../../src/panel/tailPanel';
import { ScriptedPrompts, type Step } from './scriptedPrompts';
import { filesBelow } from './secretScan';
import { extensionApi } from './support';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * A broker of the suite's own, started from inside the extension host (the shared KAFKA_BOOTSTRAP
 * broker cannot be secured, stopped or restarted). KAFKA_VERSION picks the version, as for the integration suite.
 */
export function startOwnKafka(options: StartOptions = {}): Promise<KafkaCluster> {
  return startKafka({ version: process.env.KAFKA_VERSION || undefined, ...options });
}

/** Runs a command with scripted answers, checks every scripted question was asked, and restores VS Code's prompts. */
export async function runWithPrompts<T>(command: string, steps: Step[], ...args: unknown[]): Promise<{ result: T; prompts: ScriptedPrompts }> {
  const api = await extensionApi();
  const prompts = new ScriptedPrompts(steps);
  api.usePrompts(prompts);
  try {
    const result = await vscode.commands.executeCommand<T>(command, ...args);
    prompts.assertDone();
    return { result, prompts };
  } finally {
    api.usePrompts(undefined);
  }
}

export async function openTail(args: { clusterId: string; topic: string; start: { kind: 'beginning' } }): Promise<TailPanel> {
  const panel = await vscode.commands.executeCommand<TailPanel | undefined>('kafka.topic.tail', args);
  if (!panel) throw new Error(`kafka.topic.tail opened no panel for ${args.topic}`);
  return panel;
}

/** The file VS Code writes the "Kafka" log channel to: in the extension host's log folder, next to the extension's logUri. */
export async function logChannelFile(): Promise<string> {
  const api = await extensionApi();
  const root = path.dirname(api.storage.logUri.fsPath);
  const files = filesBelow(root).filter((file) => path.basename(file) === 'Kafka.log');
  if (files.length !== 1) throw new Error(`expected one Kafka.log below ${root}, found: ${files.join(', ') || 'none'}`);
  return files[0];
}

/** Waits until the log channel's file has a line that `matches`, and returns the file's text. */
export async function waitForLogLine(what: string, matches: (line: string) => boolean, timeoutMs = 10_000): Promise<string> {
  let text = '';
  await waitFor(`the log channel to show ${what}`, async () => {
    text = fs.readFileSync(await logChannelFile(), 'utf8');
    return text.split('\n').some(matches);
  }, timeoutMs);
  return text;
}
