import * as vscode from 'vscode';
import type { ClusterConfig } from '../clusters/clusterConfig';
import type { ClusterStore } from '../clusters/clusterStore';
import type { ClusterConnections } from '../clusters/connections';
import type { CompressionName } from '../kafka/connect/codecs';
import type { KafkaLogger } from '../kafka/connect/log';
import { describeResult, type ProduceTextOutcome } from '../kafka/produce/produceRun';
import { ProduceThread } from '../kafka/produce/produceThread';
import { detectFormat, parseHeaderList, type InputFormat, type KeySource } from '../kafka/produce/records';
import { ProduceDiagnostics } from '../produce/produceDiagnostics';
import { ProducedRecordsDocuments } from '../produce/producedRecordsDocument';
import { ProduceMemory, type DocumentChoices } from '../produce/produceMemory';
import { confirmOptions, formatLabels, pickTarget, type RecordOptions, type ResolvedTarget } from '../produce/producePrompts';
import { registerCommand } from './registerCommand';
import type { TailTopicArgs } from './tailTopic';

/** Given by callers that know what to send (tests, other commands): no prompts then. */
export interface ProduceArgs {
  clusterId: string;
  topic: string;
  format?: InputFormat;
  key?: KeySource;
  /** `name=value, …` */
  headers?: string;
}

export interface ProduceDeps {
  store: ClusterStore;
  connections: ClusterConnections;
  memory: ProduceMemory;
  diagnostics: ProduceDiagnostics;
  producedDocuments: ProducedRecordsDocuments;
  log: vscode.LogOutputChannel;
  kafkaLogger: KafkaLogger;
  /** Where produces run: a worker thread, off the extension host's event loop. */
  thread: ProduceThread;
}

/** Registers Produce Selection, Produce Document and Produce to… with what they need. */
export function registerProduceCommands(base: {
  store: ClusterStore;
  connections: ClusterConnections;
  log: vscode.LogOutputChannel;
  kafkaLogger: KafkaLogger;
  workspaceState: vscode.Memento;
  extensionUri: vscode.Uri;
}): vscode.Disposable[] {
  const deps: ProduceDeps = {
    ...base,
    thread: new ProduceThread(vscode.Uri.joinPath(base.extensionUri, 'dist', 'worker.js').fsPath),
    memory: new ProduceMemory(base.workspaceState),
    diagnostics: new ProduceDiagnostics(),
    producedDocuments: new ProducedRecordsDocuments(),
  };
  return [
    { dispose: () => deps.thread.dispose() },
    deps.diagnostics,
    deps.producedDocuments,
    registerCommand('kafka.produce.selection', deps.log, (args) => produceSelection(deps, args)),
    registerCommand('kafka.produce.document', deps.log, (args) => produceDocument(deps, args)),
    registerCommand('kafka.topic.produce', deps.log, (node) => produceToTopic(deps, node)),
  ];
}

interface Input {
  editor: vscode.TextEditor;
  text: string;
  origin: vscode.Position;
  /** "the selection", "the document" */
  what: string;
}

/** "Kafka: Produce Selection": the selection, or the current line when nothing is selected. */
export function produceSelection(deps: ProduceDeps, args?: unknown): Promise<ProduceTextOutcome | undefined> {
  const editor = activeEditor();
  const selection = editor.selection;
  const range = selection.isEmpty ? editor.document.lineAt(selection.active.line).range : selection;
  const input: Input = {
    editor,
    text: editor.document.getText(range),
    origin: range.start,
    what: selection.isEmpty ? `line ${range.start.line + 1}` : 'the selection',
  };
  return produce(deps, input, produceArgs(args));
}

/** "Kafka: Produce Document": the whole document (from the editor title: that editor's document). */
export async function produceDocument(deps: ProduceDeps, args?: unknown): Promise<ProduceTextOutcome | undefined> {
  const editor = args instanceof vscode.Uri ? await editorFor(args) : activeEditor();
  return produce(deps, wholeDocument(editor), produceArgs(args));
}

/** "Produce to…" on a topic node: the active editor's selection, or all of it when nothing is selected. */
export function produceToTopic(
  deps: ProduceDeps,
  node: { cluster: ClusterConfig; topic: { name: string } },
): Promise<ProduceTextOutcome | undefined> {
  const editor = activeEditor();
  const input = editor.selection.isEmpty
    ? wholeDocument(editor)
    : { editor, text: editor.document.getText(editor.selection), origin: editor.selection.start, what: 'the selection' };
  return produce(deps, input, undefined, { cluster: node.cluster, topic: node.topic.name });
}

async function produce(
  deps: ProduceDeps,
  input: Input,
  args: ProduceArgs | undefined,
  fromNode?: ResolvedTarget,
): Promise<ProduceTextOutcome | undefined> {
  const { document } = input.editor;
  const remembered = deps.memory.forDocument(document.uri);
  const target = args ? resolveArgsTarget(deps.store, args) : (fromNode ?? (await pickTarget(deps.store, deps.connections, deps.memory, remembered.target)));
  if (!target) {
    return undefined;
  }
  const detected = detectFormat(input.text, { fileName: document.fileName, languageId: document.languageId });
  const initial: RecordOptions = {
    format: remembered.format ?? (detected === 'text' ? (remembered.textMode ?? 'text') : detected),
    key: remembered.key ?? { kind: 'none' },
    headers: remembered.headers ?? '',
  };
  const options = args
    ? { format: args.format ?? initial.format, key: args.key ?? initial.key, headers: args.headers ?? initial.headers }
    : await confirmOptions(target, detected, initial, input.what);
  if (!options) {
    return undefined;
  }
  await rememberChoices(deps.memory, document.uri, target, detected, options, remembered);

  const headers = parseHeaderList(options.headers);
  if ('error' in headers) {
    throw new Error(headers.error);
  }
  const settings = vscode.workspace.getConfiguration('kafka.produce');
  const started = Date.now();
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Producing to ${target.topic}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancellation = token.onCancellationRequested(() => controller.abort());
      progress.report({ message: `checking ${formatLabels[options.format]}…` });
      let reported = 0;
      try {
        return await deps.thread.produceText(
          await deps.connections.portableSettings(target.cluster),
          input.text,
          {
            format: options.format,
            key: options.key,
            headers: Object.keys(headers.headers).length > 0 ? headers.headers : undefined,
            origin: { line: input.origin.line, character: input.origin.character },
          },
          {
            topic: target.topic,
            compression: settings.get<CompressionName>('compression', 'none'),
            acks: settings.get<string>('acks', 'all') === 'leader' ? 1 : -1,
            idempotent: settings.get<boolean>('idempotent', true),
            maxBatchBytes: settings.get<number>('batchBytes'),
            signal: controller.signal,
            logger: deps.kafkaLogger,
            clusterLabel: `cluster "${target.cluster.name}"`,
            onProgress: (sent, total) => {
              const increment = ((sent - reported) / total) * 100;
              reported = sent;
              progress.report({ message: `${sent.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} records sent`, increment });
            },
          },
        );
      } finally {
        cancellation.dispose();
      }
    },
  );
  report(deps, input, target, outcome, Date.now() - started);
  return outcome;
}

function report(deps: ProduceDeps, input: Input, target: ResolvedTarget, outcome: ProduceTextOutcome, elapsedMs: number): void {
  const { document } = input.editor;
  if (outcome.kind === 'cancelled') {
    deps.log.info(`Produce to ${target.topic} cancelled while checking the input after ${elapsedMs} ms: nothing was sent.`);
    void vscode.window.showWarningMessage(`Cancelled: nothing was sent to ${target.topic}.`);
    return;
  }
  if (outcome.kind === 'invalid') {
    const diagnostics = deps.diagnostics.show(document, outcome.problems);
    const first = diagnostics[0];
    if (first) {
      input.editor.revealRange(first.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    const count = outcome.problemCount;
    const firstProblem = outcome.problems[0];
    const message =
      `Nothing was sent to ${target.topic}: ${count} problem${count === 1 ? '' : 's'} in the input. ` +
      (firstProblem ? `Line ${firstProblem.line}, column ${firstProblem.column}: ${firstProblem.message}` : '');
    deps.log.warn(message);
    void vscode.window.showErrorMessage(message, 'Show Problems').then((action) => {
      if (action) {
        void vscode.commands.executeCommand('workbench.actions.view.problems');
      }
    });
    return;
  }
  deps.diagnostics.clear(document.uri);
  const { result } = outcome;
  const text = describeResult(result);
  const actions = result.sent.length > 0 ? ['Show Messages', 'Record Offsets'] : [];
  const show = (action: string | undefined) => {
    if (action === 'Show Messages') {
      // The message panel, from the first offset written in each partition written to.
      const args: TailTopicArgs = {
        clusterId: target.cluster.id,
        topic: target.topic,
        start: { kind: 'offsets', offsets: Object.fromEntries(result.partitions.map((p) => [String(p.partition), p.first])) },
        partitions: result.partitions.map((p) => p.partition),
      };
      void vscode.commands.executeCommand('kafka.topic.tail', args);
    } else if (action === 'Record Offsets') {
      void deps.producedDocuments.open(result, target.cluster.name);
    } else if (action === 'Show Log') {
      deps.log.show(true);
    }
  };
  if (result.failure) {
    deps.log.error(text);
    void vscode.window.showErrorMessage(text, ...actions, 'Show Log').then(show);
  } else if (result.cancelled) {
    deps.log.warn(text);
    void vscode.window.showWarningMessage(text, ...actions).then(show);
  } else {
    deps.log.info(text);
    void vscode.window.showInformationMessage(text, ...actions).then(show);
  }
}

async function rememberChoices(
  memory: ProduceMemory,
  uri: vscode.Uri,
  target: ResolvedTarget,
  detected: InputFormat,
  options: RecordOptions,
  previous: DocumentChoices,
): Promise<void> {
  const textFamily = options.format === 'text' || options.format === 'text-lines';
  const overridden = !(options.format === detected || (detected === 'text' && textFamily));
  await memory.rememberDocument(uri, {
    target: { clusterId: target.cluster.id, topic: target.topic },
    format: overridden ? options.format : undefined,
    textMode: textFamily ? (options.format as 'text' | 'text-lines') : previous.textMode,
    key: options.key,
    headers: options.headers,
  });
  await memory.rememberTarget({ clusterId: target.cluster.id, topic: target.topic });
}

function resolveArgsTarget(store: ClusterStore, args: ProduceArgs): ResolvedTarget {
  const cluster = store.get(args.clusterId);
  if (!cluster) {
    throw new Error(`No saved cluster has the id "${args.clusterId}".`);
  }
  return { cluster, topic: args.topic };
}

function produceArgs(args: unknown): ProduceArgs | undefined {
  const candidate = args as Partial<ProduceArgs> | undefined;
  return typeof candidate?.clusterId === 'string' && typeof candidate.topic === 'string' ? (candidate as ProduceArgs) : undefined;
}

function activeEditor(): vscode.TextEditor {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    throw new Error('Open a JSON, JSON Lines or text file first: its text is what gets produced.');
  }
  return editor;
}

async function editorFor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
  return visible ?? vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

function wholeDocument(editor: vscode.TextEditor): Input {
  return { editor, text: editor.document.getText(), origin: new vscode.Position(0, 0), what: 'the document' };
}

