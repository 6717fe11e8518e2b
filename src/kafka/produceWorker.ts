import type { MessagePort } from 'worker_threads';
import { createKafka, fromPortable } from './connection';
import type { KafkaLogger } from './log';
import { produceText } from './produce';
import type { FromProduceWorker, ProduceWorkerData, ToProduceWorker } from './produceWorkerProtocol';

/**
 * A produce in a worker thread: validation of the whole text and kafkajs's encoding of every record
 * happen there, so the extension host's event loop stays free.
 */
export function runProduceWorker(port: MessagePort, data: ProduceWorkerData): void {
  const post = (message: FromProduceWorker) => port.postMessage(message);
  const logger: KafkaLogger = { log: (level, message) => post({ type: 'log', level, message }) };
  const cancel = new AbortController();

  port.on('message', (message: ToProduceWorker) => {
    if (message.type === 'cancel') {
      cancel.abort();
    }
  });

  produceText(createKafka(fromPortable(data.connection), logger), data.text, data.parse, {
    ...data.options,
    signal: cancel.signal,
    logger,
    onProgress: (sent, total) => post({ type: 'progress', sent, total }),
  }).then(
    (outcome) => post({ type: 'done', outcome }),
    (error) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
}
