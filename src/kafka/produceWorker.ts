import type { MessagePort } from 'worker_threads';
import { createKafka, fromPortable } from './connection';
import type { KafkaLogger } from './log';
import { produceText } from './produce';
import { packOutcome, type FromProduceWorker, type ToProduceWorker } from './produceWorkerProtocol';

interface Job {
  start: Extract<ToProduceWorker, { type: 'start' }>;
  slices: string[];
  cancel: AbortController;
}

/**
 * Produce jobs in a worker thread: validation of the whole text and kafkajs's encoding of every
 * record happen there, so the extension host's event loop stays free.
 */
export function runProduceWorker(port: MessagePort): void {
  const post = (message: FromProduceWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
  const jobs = new Map<number, Job>();

  const run = (id: number, job: Job) => {
    const { connection, parse, options } = job.start;
    const logger: KafkaLogger = { log: (level, message) => post({ type: 'log', id, level, message }) };
    produceText(createKafka(fromPortable(connection), logger), job.slices.join(''), parse, {
      ...options,
      signal: job.cancel.signal,
      logger,
      onProgress: (sent, total) => post({ type: 'progress', id, sent, total }),
    })
      .then(
        (done) => {
          const { outcome, transfer } = packOutcome(done);
          post({ type: 'done', id, outcome }, transfer);
        },
        (error) => post({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => jobs.delete(id));
  };

  port.on('message', (message: ToProduceWorker) => {
    switch (message.type) {
      case 'start':
        jobs.set(message.id, { start: message, slices: [], cancel: new AbortController() });
        break;
      case 'text':
        jobs.get(message.id)?.slices.push(message.slice);
        break;
      case 'run': {
        const job = jobs.get(message.id);
        if (job) {
          run(message.id, job);
        }
        break;
      }
      case 'cancel':
        jobs.get(message.id)?.cancel.abort();
        break;
    }
  });
}
