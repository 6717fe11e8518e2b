import type { MessagePort } from 'worker_threads';
import { createKafka, fromPortable } from '../connect/connection';
import type { KafkaLogger } from '../connect/log';
import { produceText } from './produceRun';
import { packOutcome, type FromProduceWorker, type ToProduceWorker } from './produceWorkerProtocol';

/**
 * Produce jobs in a worker thread: validation of the whole text and kafkajs's encoding of every
 * record happen there, so the extension host's event loop stays free.
 */
export function runProduceWorker(port: MessagePort): void {
  const post = (message: FromProduceWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
  const jobs = new Map<number, AbortController>();

  const run = (start: Extract<ToProduceWorker, { type: 'start' }>) => {
    const { id, connection, parse, options } = start;
    const cancel = new AbortController();
    jobs.set(id, cancel);
    const bytes = Buffer.from(start.text.buffer, start.text.byteOffset, start.text.byteLength);
    // Node makes a big latin1 string outside the heap; ASCII reads the same either way.
    const text = bytes.toString(start.ascii ? 'latin1' : 'utf8');
    post({ type: 'inputReturned', id, buffer: start.text.buffer as ArrayBuffer }, [start.text.buffer as ArrayBuffer]);
    const logger: KafkaLogger = { log: (level, message) => post({ type: 'log', id, level, message }) };
    produceText(createKafka(fromPortable(connection), logger), text, parse, {
      ...options,
      signal: cancel.signal,
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
        run(message);
        break;
      case 'cancel':
        jobs.get(message.id)?.abort();
        break;
    }
  });
}
