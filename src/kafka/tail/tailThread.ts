import { Worker } from 'worker_threads';
import type { TailStatus, TailTarget } from './tailTypes';
import type { PortableConnectionSettings } from '../connect/connection';
import type { KafkaLogger } from '../connect/log';
import type { PackedRecords } from './packedRecords';
import { newTailGroupId } from './tailGroups';
import type { FromTailWorker, ToTailWorker } from './tailWorkerProtocol';
import type { WorkerData } from '../threads/worker';

export interface PackedTailListener {
  /** Records of one partition in offset order; never a duplicate, never a gap (across reconnects too). */
  records(packed: PackedRecords): void;
  status(status: TailStatus): void;
  /** The tail moved to a new start (seek): what was delivered before belongs to the old position. */
  reset(): void;
}

/** How long a worker may take to leave its group and delete it before it is terminated. */
const stopTimeoutMs = 20_000;

/**
 * A TailSession running in a worker thread (`workerScript`: dist/worker.js, built from worker.ts). Records arrive
 * packed and transferred, not copied; the state the panel reads synchronously is mirrored here.
 */
export class TailThread {
  readonly groupId = newTailGroupId();
  private worker: Worker | undefined;
  private partitions: number[] = [];
  private next: Record<string, string> = {};
  private state: TailStatus = { state: 'connecting' };
  private stopping: Promise<void> | undefined;
  /** Commands given before the worker exists; sent in order once it does. */
  private readonly queued: ToTailWorker[] = [];
  private readonly seeks = new Map<number, { resolve(): void; reject(error: Error): void }>();
  private nextSeekId = 1;
  private started: { resolve(): void; reject(error: Error): void } | undefined;
  private exited: (() => void) | undefined;

  constructor(
    private readonly workerScript: string,
    private readonly connection: () => Promise<PortableConnectionSettings>,
    readonly topic: string,
    private readonly target: TailTarget,
    private readonly listener: PackedTailListener,
    private readonly logger: KafkaLogger,
  ) {}

  get topicPartitions(): number[] {
    return [...this.partitions];
  }

  get status(): TailStatus {
    return this.state;
  }

  nextOffsets(): Record<string, string> {
    return { ...this.next };
  }

  async start(): Promise<void> {
    let connection: PortableConnectionSettings;
    try {
      connection = await this.connection();
    } catch (error) {
      this.setStatus({ state: 'error', message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    if (this.stopping) {
      return;
    }
    const data: WorkerData = { kind: 'tail', connection, topic: this.topic, target: this.target, groupId: this.groupId };
    const worker = new Worker(this.workerScript, { workerData: data });
    this.worker = worker;
    worker.on('message', (message: FromTailWorker) => this.onMessage(message));
    worker.on('error', (error) => {
      this.logger.log('error', `Tail of ${this.topic}: its worker failed: ${error.stack ?? error.message}`);
      this.setStatus({ state: 'error', message: `The tail stopped: ${error.message}` });
    });
    worker.on('exit', (code) => {
      this.worker = undefined;
      if (!this.stopping) {
        this.setStatus({ state: 'error', message: `The tail stopped (its worker exited with code ${code}).` });
      }
      this.started?.reject(new Error(`the tail's worker exited with code ${code}`));
      this.seeks.forEach(({ reject }) => reject(new Error('the tail stopped')));
      this.seeks.clear();
      this.exited?.();
    });
    this.queued.splice(0).forEach((message) => worker.postMessage(message));
    await new Promise<void>((resolve, reject) => (this.started = { resolve, reject }));
  }

  seek(target: TailTarget): Promise<void> {
    const id = this.nextSeekId++;
    return new Promise<void>((resolve, reject) => {
      this.seeks.set(id, { resolve, reject });
      this.send({ type: 'seek', id, target });
    });
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  resume(): void {
    this.send({ type: 'resume' });
  }

  /** See TailSession.hold(); nothing before the worker runs. */
  hold(maxMs: number): void {
    this.worker?.postMessage({ type: 'hold', maxMs } satisfies ToTailWorker);
  }

  release(): void {
    this.worker?.postMessage({ type: 'release' } satisfies ToTailWorker);
  }

  /** The worker leaves and deletes its group, then ends; safe to call more than once. */
  stop(): Promise<void> {
    this.stopping ??= this.stopWorker();
    return this.stopping;
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    if (!worker) {
      this.setStatus({ state: 'stopped' });
      return;
    }
    const exited = new Promise<void>((resolve) => (this.exited = resolve));
    worker.postMessage({ type: 'stop' } satisfies ToTailWorker);
    const timer = setTimeout(() => {
      this.logger.log('warn', `Tail of ${this.topic}: its worker did not stop within ${stopTimeoutMs / 1000} s; terminating it.`);
      void worker.terminate();
    }, stopTimeoutMs);
    await exited;
    clearTimeout(timer);
    this.setStatus({ state: 'stopped', message: this.state.state === 'error' ? this.state.message : undefined });
  }

  /**
   * Hands the buffer of a dropped batch back to the worker to pack later records into (transferred: it
   * is unusable here afterwards). Ignored when the worker is gone.
   */
  recycle(buffer: ArrayBuffer): void {
    if (this.worker && !this.stopping) {
      this.worker.postMessage({ type: 'recycle', buffers: [buffer] } satisfies ToTailWorker, [buffer]);
    }
  }

  private send(message: ToTailWorker): void {
    if (this.worker) {
      this.worker.postMessage(message);
    } else {
      this.queued.push(message);
    }
  }

  private onMessage(message: FromTailWorker): void {
    switch (message.type) {
      case 'records':
        this.next = message.next;
        this.listener.records(message.packed);
        break;
      case 'status':
        this.setStatus(message.status);
        break;
      case 'reset':
        this.next = message.next;
        this.listener.reset();
        break;
      case 'started':
        this.partitions = message.partitions;
        this.next = message.next;
        this.started?.resolve();
        break;
      case 'startFailed':
        this.started?.reject(new Error(message.message));
        break;
      case 'seeked': {
        const seek = this.seeks.get(message.id);
        this.seeks.delete(message.id);
        if (message.error === undefined) {
          seek?.resolve();
        } else {
          seek?.reject(new Error(message.error));
        }
        break;
      }
      case 'log':
        this.logger.log(message.level, message.message);
        break;
      case 'stopped':
        void this.worker?.terminate();
        break;
    }
  }

  private setStatus(status: TailStatus): void {
    if (status.state === this.state.state && status.message === this.state.message) {
      return;
    }
    this.state = status;
    this.listener.status(status);
  }
}
