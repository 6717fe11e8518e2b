// Entry point of the extension's worker threads (dist/worker.js): a message panel's tail or a produce,
// chosen by workerData.kind. One bundle for both keeps one copy of kafkajs in the VSIX.
import { parentPort, workerData } from 'worker_threads';
import { registerCompressionCodecs } from '../connect/codecs';
import { runProduceWorker } from '../produce/produceWorker';
import { runTailWorker } from '../tail/tailWorker';
import type { TailWorkerData } from '../tail/tailWorkerProtocol';

export type WorkerData = ({ kind: 'tail' } & TailWorkerData) | { kind: 'produce' };

registerCompressionCodecs();
const data = workerData as WorkerData;
if (data.kind === 'tail') {
  runTailWorker(parentPort!, data);
} else {
  runProduceWorker(parentPort!);
}
