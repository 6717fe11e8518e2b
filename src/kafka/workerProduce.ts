import { Worker } from 'worker_threads';
import type { PortableConnectionSettings } from './connection';
import type { ProduceOptions, ProduceTextOutcome } from './produce';
import type { FromProduceWorker, ToProduceWorker } from './produceWorkerProtocol';
import type { ParseOptions } from './records';
import type { WorkerData } from './worker';

/**
 * produceText in a worker thread (`workerScript`: dist/worker.js, built from worker.ts): the same validation,
 * batching, progress, cancellation and result, without blocking the caller's event loop.
 */
export function produceTextInWorker(
  workerScript: string,
  connection: PortableConnectionSettings,
  text: string,
  parse: ParseOptions,
  options: ProduceOptions,
): Promise<ProduceTextOutcome> {
  const { signal, onProgress, logger, ...portable } = options;
  const data: WorkerData = { kind: 'produce', connection, text, parse, options: portable };
  const worker = new Worker(workerScript, { workerData: data });
  const cancel = () => worker.postMessage({ type: 'cancel' } satisfies ToProduceWorker);
  signal?.addEventListener('abort', cancel);
  if (signal?.aborted) {
    cancel();
  }
  return new Promise<ProduceTextOutcome>((resolve, reject) => {
    worker.on('message', (message: FromProduceWorker) => {
      switch (message.type) {
        case 'progress':
          onProgress?.(message.sent, message.total);
          break;
        case 'log':
          logger?.log(message.level, message.message);
          break;
        case 'done':
          resolve(message.outcome);
          void worker.terminate();
          break;
        case 'failed':
          reject(new Error(message.message));
          void worker.terminate();
          break;
      }
    });
    worker.on('error', reject);
    // After done/failed this changes nothing: a promise settles once.
    worker.on('exit', (code) => reject(new Error(`the produce stopped: its worker exited with code ${code}`)));
  }).finally(() => signal?.removeEventListener('abort', cancel));
}
