import * as vscode from 'vscode';
import type { ClusterConfig } from '../clusters/clusterConfig';
import type { KafkaLogger } from '../kafka/connect/log';
import type { PackedRecords } from '../kafka/tail/packedRecords';
import type { TailMessage } from '../kafka/tail/tailMessage';
import type { PackedTailListener, TailThread } from '../kafka/tail/tailThread';
import type { FilterSpec, FromWebview, PanelState, TailStatus, TailTarget, ToWebview } from '../protocol';
import type { ReadOnlyDocuments } from '../ui/readOnlyDocuments';
import { UpdatePacer } from './flushPace';
import { newNonce, panelHtml } from './html';
import { chooseExportFile, copyAsJson, exportMessages, exportNotice, openFullValue } from './messageActions';
import { MessageStore } from './messageStore';
import { ReloadState } from './reloadState';
import { toDetail, toRow } from './rows';

export const messagesViewType = 'kafka.messages';

/** Characters of a value shown in the detail view; the rest is one click away in an editor. */
const detailLimit = 64 * 1024;

export interface TailPanelOptions {
  cluster: ClusterConfig;
  /** Starts reading the topic (in a worker thread) from `start`, reporting to `listener`. */
  openTail(start: TailTarget, listener: PackedTailListener): TailThread;
  topic: string;
  target: TailTarget;
  /** Where to start reading, if not from `target` (a panel restored after a reload continues here). */
  resume?: Record<string, string>;
  filter: FilterSpec;
  follow: boolean;
  maxMessages: number;
  extensionUri: vscode.Uri;
  logger: KafkaLogger;
  documents: ReadOnlyDocuments;
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
  private readonly session: TailThread;
  private readonly store: MessageStore;
  private readonly disposables: vscode.Disposable[] = [];
  private target: TailTarget;
  private filter: FilterSpec;
  private follow: boolean;
  private filterError: string | undefined;
  private status: TailStatus = { state: 'connecting' };
  private ready = false;
  private disposed = false;
  private readonly pacer: UpdatePacer;
  private viewport = { from: 0, to: 0 };
  /** In follow mode: rows below this position were sent already. */
  private sentUpTo = 0;
  private sentGeneration = 0;
  private partitionsSent = false;
  /** The id of the last update whose drawing holds the tail. */
  private drawnIdAwaited = 0;
  private drawsReported = 0;
  private readonly reloadState = new ReloadState();
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
    this.pacer = new UpdatePacer(() => this.store.received, () => this.flush());
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
        this.pacer.restartCount();
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
      timers: this.pacer.timers,
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
    return this.reloadState.last;
  }

  /** Resolves once the tail's consumer has left and its group is deleted. */
  async dispose(): Promise<void> {
    if (this.disposed) {
      return this.stopped;
    }
    this.disposed = true;
    this.pacer.dispose();
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
        void this.withMessage(message.generation, message.pos, (kept) => copyAsJson(this.options.topic, kept));
        break;
      case 'openValue':
        void this.withMessage(message.generation, message.pos, (kept) => openFullValue(this.options.documents, this.options.topic, kept));
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
    this.pacer.schedule();
  }

  private flush(): void {
    if (!this.ready || this.disposed) {
      return;
    }
    this.pacer.flushing();
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
      counters: store.counters(this.pacer.rate),
      status: this.status,
      rows,
      partitions: sendPartitions ? partitions : undefined,
      state: this.reloadState.next([this.target, this.filter, this.follow], store.received, () => this.stateToPersist()),
      filterError: this.filterError,
      drawnId,
    });
  }

  private stateToPersist(): PanelState {
    return {
      clusterId: this.options.cluster.id,
      topic: this.options.topic,
      target: this.target,
      filter: this.filter,
      follow: this.follow,
      resume: { ...this.session.nextOffsets(), ...this.store.firstKeptOffsets() },
    };
  }

  private notice(text: string): void {
    this.post({ type: 'notice', text });
  }

  private message(generation: number, pos: number): TailMessage | undefined {
    return generation === this.store.generation ? this.store.at(pos) : undefined;
  }

  /** Runs a button's action on the message at `pos`, if the panel still keeps it. */
  private async withMessage(generation: number, pos: number, action: (message: TailMessage) => Promise<string | void>): Promise<void> {
    const message = this.message(generation, pos);
    if (!message) {
      this.notice('That message is no longer kept.');
      return;
    }
    const said = await action(message);
    if (said) {
      this.notice(said);
    }
  }

  private async exportShown(): Promise<void> {
    const target = await chooseExportFile(this.options.topic);
    if (target) {
      await this.exportTo(target);
    }
  }

  /** Writes the shown messages to `target` as envelope JSON Lines and says so in the panel. */
  async exportTo(target: vscode.Uri): Promise<{ count: number; lossy: number }> {
    const written = await exportMessages(target, this.options.topic, this.store.shownMessages());
    this.notice(exportNotice(target, written));
    return written;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
