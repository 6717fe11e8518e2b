import { Worker } from 'worker_threads';
import type { PortableConnectionSettings } from '../connect/connection';
import type { ProduceOptions, ProduceTextOutcome } from './produceRun';
import { unpackOutcome, type FromProduceWorker, type ToProduceWorker } from './produceWorkerProtocol';
import type { ParseOptions } from './records';
import type { WorkerData } from '../threads/worker';

/** Characters encoded between two turns of the event loop: a few milliseconds' work. */
const sliceChars = 1024 * 1024;
/** How long the buffer of the last produce's text is kept for the next one. */
const keepInputBufferMs = 60_000;

interface PendingJob {
  options: ProduceOptions;
  resolve(outcome: ProduceTextOutcome): void;
  reject(error: Error): void;
}

/**
 * produceText in a worker thread (`workerScript`: dist/worker.js, built from worker.ts): the same
 * validation, batching, progress, cancellation and result, without blocking the caller's event loop.
 * The thread is started on first use and kept (warm) for the next produce.
 */
export class ProduceThread {
  private worker: Worker | undefined;
  private readonly jobs = new Map<number, PendingJob>();
  private nextId = 1;
  /** The last text's buffer, back from the thread: already-touched memory for the next text's bytes. */
  private spareInput: ArrayBuffer | undefined;
  private spareInputTimer: NodeJS.Timeout | undefined;

  constructor(private readonly workerScript: string) {}

  async produceText(connection: PortableConnectionSettings, text: string, parse: ParseOptions, options: ProduceOptions): Promise<ProduceTextOutcome> {
    const worker = this.thread();
    // A job keeps the process alive; an idle thread does not.
    worker.ref();
    const id = this.nextId++;
    const { topic, compression, acks, idempotent, maxBatchBytes, clusterLabel, signal } = options;
    const portable = { topic, compression, acks, idempotent, maxBatchBytes, clusterLabel };
    const result = new Promise<ProduceTextOutcome>((resolve, reject) => this.jobs.set(id, { options, resolve, reject }));
    const send = (message: ToProduceWorker) => worker.postMessage(message);
    const cancel = () => send({ type: 'cancel', id });
    signal?.addEventListener('abort', cancel);
    try {
      const spare = this.spareInput;
      this.spareInput = undefined;
      const { bytes, ascii } = await utf8InSlices(text, spare);
      worker.postMessage({ type: 'start', id, connection, parse, options: portable, text: bytes, ascii } satisfies ToProduceWorker, [
        bytes.buffer as ArrayBuffer,
      ]);
      if (signal?.aborted) {
        cancel();
      }
      return await result;
    } finally {
      signal?.removeEventListener('abort', cancel);
      if (this.jobs.size === 0) {
        this.worker?.unref();
      }
    }
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    clearTimeout(this.spareInputTimer);
    this.spareInput = undefined;
  }

  private thread(): Worker {
    if (this.worker) {
      return this.worker;
    }
    const data: WorkerData = { kind: 'produce' };
    // Parsing and encoding a hundred thousand records makes short-lived garbage fast: a young
    // generation of 16 MB (a worker's default) collected it so often that 100,000 lines took 2.1 s instead of 1.5 s.
    const worker = new Worker(this.workerScript, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
    worker.on('message', (message: FromProduceWorker) => this.onMessage(message));
    const fail = (error: Error) => {
      this.worker = undefined;
      this.jobs.forEach((job) => job.reject(error));
      this.jobs.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the produce stopped: its worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private onMessage(message: FromProduceWorker): void {
    const job = this.jobs.get(message.id);
    switch (message.type) {
      case 'progress':
        job?.options.onProgress?.(message.sent, message.total);
        break;
      case 'log':
        job?.options.logger?.log(message.level, message.message);
        break;
      case 'done':
        this.jobs.delete(message.id);
        job?.resolve(unpackOutcome(message.outcome));
        break;
      case 'failed':
        this.jobs.delete(message.id);
        job?.reject(new Error(message.message));
        break;
      case 'inputReturned':
        this.keepSpareInput(message.buffer);
        break;
    }
  }

  private keepSpareInput(buffer: ArrayBuffer): void {
    if (this.spareInput && this.spareInput.byteLength >= buffer.byteLength) {
      return;
    }
    this.spareInput = buffer;
    clearTimeout(this.spareInputTimer);
    this.spareInputTimer = setTimeout(() => (this.spareInput = undefined), keepInputBufferMs);
    this.spareInputTimer.unref();
  }
}

/**
 * `text` as UTF-8, encoded a slice at a time so that a big document does not block the event loop;
 * into `spare` when it is big enough.
 */
async function utf8InSlices(text: string, spare?: ArrayBuffer): Promise<{ bytes: Uint8Array; ascii: boolean }> {
  const length = Buffer.byteLength(text);
  const bytes = spare && spare.byteLength >= length ? Buffer.from(spare, 0, length) : Buffer.allocUnsafeSlow(length);
  let written = 0;
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + sliceChars);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) {
      end--; // never split a surrogate pair
    }
    written += bytes.write(text.slice(at, end), written);
    at = end;
    if (at < text.length) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return { bytes: new Uint8Array(bytes.buffer, 0, written), ascii: length === text.length };
}
