import * as vscode from 'vscode';
import type { ClusterConfig } from '../clusters/clusterConfig';
import { envelopeLine } from '../kafka/envelope/envelope';
import { prettyJson } from '../kafka/decode/jsonText';
import type { KafkaLogger } from '../kafka/connect/log';
import type { PackedRecords } from '../kafka/tail/packedRecords';
import type { TailMessage } from '../kafka/tail/tailMessage';
import type { PackedTailListener, WorkerTail } from '../kafka/tail/tailThread';
import type { FilterSpec, FromWebview, PanelState, TailStatus, TailTarget, ToWebview } from '../protocol';
import type { FullValueDocuments } from './fullValueDocuments';
import { newNonce, panelHtml } from './html';
import { flushInterval } from './flushPace';
import { MessageStore } from './messageStore';
import { toDetail, toRow } from './rows';

export const messagesViewType = 'kafka.messages';

/** Characters of a value shown in the detail view; the rest is one click away in an editor. */
const detailLimit = 64 * 1024;

export interface TailPanelOptions {
  cluster: ClusterConfig;
  /** Starts reading the topic (in a worker thread) from `start`, reporting to `listener`. */
  openTail(start: TailTarget, listener: PackedTailListener): WorkerTail;
  topic: string;
  target: TailTarget;
  /** Where to start reading, if not from `target` (a panel restored after a reload continues here). */
  resume?: Record<string, string>;
  filter: FilterSpec;
  follow: boolean;
  maxMessages: number;
  extensionUri: vscode.Uri;
  logger: KafkaLogger;
  fullValues: FullValueDocuments;
}

/** Counters that tests and the benchmark read. */
export interface TailPanelStats {
  received: number;
  shown: number;
  firstMessageAt: number | undefined;
  lastMessageAt: number | undefined;
  status: TailStatus;
  groupId: string;
  /** Timers this panel holds; 0 once disposed. */
  timers: number;
  disposed: boolean;
  /** Updates with new rows that held the tail, and how many of them the webview said it drew. */
  drawsAwaited: number;
  drawsReported: number;
}

/**
 * The longest the tail waits for the webview to draw new rows: a hidden or stuck webview must not stop
 * reading for long.
 */
const maxDrawHoldMs = 100;

/**
 * One tail in one webview panel. The extension side keeps the messages (a capped store) and
 * sends the webview only what it shows, in batches at most ~30 times a second.
 */
export class TailPanel {
  private readonly session: WorkerTail;
  private readonly store: MessageStore;
  private readonly disposables: vscode.Disposable[] = [];
  private target: TailTarget;
  private filter: FilterSpec;
  private follow: boolean;
  private filterError: string | undefined;
  private status: TailStatus = { state: 'connecting' };
  private ready = false;
  private disposed = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private rateTimer: NodeJS.Timeout | undefined;
  private lastFlush = 0;
  private receivedAtFlush = 0;
  private viewport = { from: 0, to: 0 };
  /** In follow mode: rows below this position were sent already. */
  private sentUpTo = 0;
  private sentGeneration = 0;
  private partitionsSent = false;
  /** The id of the last update whose drawing holds the tail. */
  private drawnIdAwaited = 0;
  private drawsReported = 0;
  private rate = 0;
  private rateBase = 0;
  private lastStateAt = 0;
  private persistedChoices = '';
  private persisted: PanelState | undefined;
  private receivedAtState = -1;
  private firstMessageAt: number | undefined;
  private lastMessageAt: number | undefined;
  private readonly onDisposeCallbacks: (() => void)[] = [];
  private stopped: Promise<void> = Promise.resolve();

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly options: TailPanelOptions,
  ) {
    this.target = options.target;
    this.filter = options.filter;
    this.follow = options.follow;
    // A batch's buffer goes back to the tail's thread once the panel keeps none of its messages.
    this.store = new MessageStore(options.maxMessages, undefined, (buffer) => this.session.recycle(buffer));
    this.filterError = this.store.setFilter(this.filter);
    const start = options.resume ? { start: { kind: 'offsets' as const, offsets: options.resume }, partitions: options.target.partitions } : options.target;
    this.session = options.openTail(start, {
      records: (packed) => this.onRecords(packed),
      status: (status) => {
        this.status = status;
        this.scheduleFlush();
      },
      reset: () => {
        this.store.reset();
        this.rateBase = 0;
        this.receivedAtFlush = 0;
        this.scheduleFlush();
      },
    });

    panel.title = options.topic;
    panel.iconPath = vscode.Uri.joinPath(options.extensionUri, 'media', 'kafka.svg');
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(options.extensionUri, 'dist')],
    };
    this.render();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: FromWebview) => this.onMessage(message)),
      panel.onDidChangeViewState(() => {
        // A hidden webview is torn down; when shown again it reloads and says "ready".
        if (!panel.visible) {
          this.ready = false;
        }
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    this.rateTimer = setInterval(() => this.tickRate(), 1000);
    this.session.start().catch((error) => {
      options.logger.log('error', `Tail of ${options.topic} on ${options.cluster.name} failed to start: ${String(error)}`);
    });
  }

  get topic(): string {
    return this.options.topic;
  }

  get clusterId(): string {
    return this.options.cluster.id;
  }

  onDidDispose(callback: () => void): void {
    this.onDisposeCallbacks.push(callback);
  }

  stats(): TailPanelStats {
    return {
      received: this.store.received,
      shown: this.store.tail - this.store.head,
      firstMessageAt: this.firstMessageAt,
      lastMessageAt: this.lastMessageAt,
      status: this.status,
      groupId: this.session.groupId,
      timers: (this.flushTimer ? 1 : 0) + (this.rateTimer ? 1 : 0),
      disposed: this.disposed,
      drawsAwaited: this.drawnIdAwaited,
      drawsReported: this.drawsReported,
    };
  }

  /** Partition and offset of every shown message, oldest first. */
  shownPositions(): { partition: number; offset: string }[] {
    return Array.from(this.store.shownMessages(), ({ partition, offset }) => ({ partition, offset }));
  }

  /** The last state handed to the webview to persist (vscode.setState) for a window reload. */
  persistedState(): PanelState | undefined {
    return this.persisted;
  }

  /** Resolves once the tail's consumer has left and its group is deleted. */
  async dispose(): Promise<void> {
    if (this.disposed) {
      return this.stopped;
    }
    this.disposed = true;
    clearTimeout(this.flushTimer);
    clearInterval(this.rateTimer);
    this.flushTimer = undefined;
    this.rateTimer = undefined;
    this.disposables.forEach((d) => d.dispose());
    this.panel.dispose();
    this.stopped = this.session.stop();
    this.onDisposeCallbacks.forEach((callback) => callback());
    return this.stopped;
  }

  private render(): void {
    const { webview } = this.panel;
    const dist = vscode.Uri.joinPath(this.options.extensionUri, 'dist');
    webview.html = panelHtml(
      {
        cspSource: webview.cspSource,
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
      },
      newNonce(),
    );
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private onRecords(packed: PackedRecords): void {
    const now = Date.now();
    this.firstMessageAt ??= now;
    this.lastMessageAt = now;
    this.store.addPacked(packed);
    this.scheduleFlush();
  }

  private onMessage(message: FromWebview): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.partitionsSent = false;
        this.sentGeneration = 0;
        this.post({
          type: 'init',
          init: {
            clusterName: this.options.cluster.name,
            topic: this.options.topic,
            partitions: this.session.topicPartitions,
            target: this.target,
            filter: this.filter,
            follow: this.follow,
            paused: this.status.state === 'paused',
            maxMessages: this.store.maxMessages,
          },
        });
        this.flush();
        break;
      case 'drawn':
        this.drawsReported++;
        if (message.id === this.drawnIdAwaited) {
          this.session.release();
        }
        break;
      case 'viewport':
        this.viewport = { from: message.from, to: message.to };
        this.follow = message.follow;
        if (message.generation === this.store.generation) {
          if (message.follow) {
            // The next update carries the rows at the end.
            this.sentUpTo = Math.min(this.sentUpTo, this.store.tail - (message.to - message.from));
            this.scheduleFlush();
          } else {
            this.post({ type: 'rows', generation: this.store.generation, rows: this.rows(message.from, message.to) });
          }
        }
        break;
      case 'select': {
        const stored = message.generation === this.store.generation ? this.store.at(message.pos) : undefined;
        this.post({
          type: 'detail',
          generation: message.generation,
          pos: message.pos,
          detail: stored && toDetail(message.pos, stored, detailLimit),
        });
        break;
      }
      case 'seek':
        this.target = message.target;
        this.session.seek(message.target).catch((error) => this.notice(`Could not move the tail: ${errorText(error)}`));
        break;
      case 'pause':
        if (message.paused) {
          this.session.pause();
        } else {
          this.session.resume();
        }
        break;
      case 'clear':
        this.store.clear();
        this.scheduleFlush();
        break;
      case 'filter':
        this.filterError = this.store.setFilter(message.filter);
        if (!this.filterError) {
          this.filter = message.filter;
        }
        this.scheduleFlush();
        break;
      case 'copy':
        void this.copy(message.generation, message.pos);
        break;
      case 'openValue':
        void this.openValue(message.generation, message.pos);
        break;
      case 'export':
        void this.exportShown();
        break;
    }
  }

  private rows(from: number, to: number) {
    const rows = [];
    for (let pos = Math.max(from, this.store.head); pos < Math.min(to, this.store.tail); pos++) {
      rows.push(toRow(pos, this.store.at(pos)!));
    }
    return rows;
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.disposed) {
      return;
    }
    const now = Date.now();
    const interval = flushInterval({
      ratePerSecond: this.rate,
      sinceLastFlush: this.store.received - this.receivedAtFlush,
      msSinceLastFlush: this.lastFlush === 0 ? 0 : now - this.lastFlush,
    });
    const wait = Math.max(0, this.lastFlush + interval - now);
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, wait);
  }

  private flush(): void {
    if (!this.ready || this.disposed) {
      return;
    }
    this.lastFlush = Date.now();
    this.receivedAtFlush = this.store.received;
    const { store } = this;
    if (this.sentGeneration !== store.generation) {
      this.sentGeneration = store.generation;
      this.sentUpTo = store.head;
    }
    let rows;
    let drawnId: number | undefined;
    if (this.follow) {
      const size = Math.max(this.viewport.to - this.viewport.from, 50);
      rows = this.rows(Math.max(this.sentUpTo, store.tail - size), store.tail);
      this.sentUpTo = store.tail;
      if (rows.length > 0) {
        drawnId = ++this.drawnIdAwaited;
        this.session.hold(maxDrawHoldMs);
      }
    }
    const partitions = this.session.topicPartitions;
    const sendPartitions = !this.partitionsSent && partitions.length > 0;
    this.partitionsSent ||= sendPartitions;
    this.post({
      type: 'update',
      generation: store.generation,
      head: store.head,
      tail: store.tail,
      counters: store.counters(this.rate),
      status: this.status,
      rows,
      partitions: sendPartitions ? partitions : undefined,
      state: this.stateToPersist(),
      filterError: this.filterError,
      drawnId,
    });
  }

  /** The state for a window reload: whenever a choice changes, and about once a second while messages move. */
  private stateToPersist(): PanelState | undefined {
    const choices = JSON.stringify([this.target, this.filter, this.follow]);
    const now = Date.now();
    const moved = this.store.received !== this.receivedAtState && now - this.lastStateAt >= 1000;
    if (choices === this.persistedChoices && !moved) {
      return undefined;
    }
    this.persistedChoices = choices;
    this.receivedAtState = this.store.received;
    this.lastStateAt = now;
    this.persisted = {
      clusterId: this.options.cluster.id,
      topic: this.options.topic,
      target: this.target,
      filter: this.filter,
      follow: this.follow,
      resume: { ...this.session.nextOffsets(), ...this.store.firstKeptOffsets() },
    };
    return this.persisted;
  }

  private tickRate(): void {
    const received = this.store.received;
    const rate = Math.max(0, received - this.rateBase);
    this.rateBase = received;
    if (rate !== this.rate) {
      this.rate = rate;
      this.scheduleFlush();
    }
  }

  private notice(text: string): void {
    this.post({ type: 'notice', text });
  }

  private message(generation: number, pos: number): TailMessage | undefined {
    return generation === this.store.generation ? this.store.at(pos) : undefined;
  }

  private async copy(generation: number, pos: number): Promise<void> {
    const message = this.message(generation, pos);
    if (!message) {
      this.notice('That message is no longer kept.');
      return;
    }
    const { line } = envelopeLine(this.options.topic, message);
    await vscode.env.clipboard.writeText(prettyJson(line));
    this.notice(`Copied partition ${message.partition} offset ${message.offset} as JSON.`);
  }

  private async openValue(generation: number, pos: number): Promise<void> {
    const message = this.message(generation, pos);
    if (!message) {
      this.notice('That message is no longer kept.');
      return;
    }
    await this.options.fullValues.open(this.options.topic, message);
  }

  private async exportShown(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const fileName = `${this.options.topic.replace(/[^\w.-]+/g, '_')}.jsonl`;
    const target = await vscode.window.showSaveDialog({
      title: `Export the shown messages of ${this.options.topic}`,
      defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
      filters: { 'JSON Lines': ['jsonl'] },
      saveLabel: 'Export',
    });
    if (target) {
      await this.exportTo(target);
    }
  }

  /** Writes the shown messages to `target` as envelope JSON Lines and says so in the panel. */
  async exportTo(target: vscode.Uri): Promise<{ count: number; lossy: number }> {
    const written = await exportMessages(target, this.options.topic, this.store.shownMessages());
    const lossy = written.lossy > 0 ? ` ${written.lossy} had binary bytes or repeated headers, written as base64 or dropped.` : '';
    this.notice(`Exported ${written.count.toLocaleString('en-US')} messages to ${vscode.workspace.asRelativePath(target)}.${lossy}`);
    return written;
  }
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

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
