import type { MessagePort } from 'worker_threads';
import { createKafka, fromPortable } from '../connect/connection';
import type { KafkaLogger } from '../connect/log';
import { BufferPool } from './bufferPool';
import { packRecords, transferablesOf } from './packedRecords';
import { TailSession } from './tailSession';
import { lowerThreadPriority } from '../threads/threadPriority';
import type { FromTailWorker, TailWorkerData, ToTailWorker } from './tailWorkerProtocol';

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A tail in a worker thread: kafkajs decodes every record into objects, and the thread's own heap
 * keeps that garbage away from the extension host's heap and event loop.
 */
export function runTailWorker(port: MessagePort, data: TailWorkerData): void {
  // A firehose would take both cores of a small machine; the panel showing it must still get its frames.
  lowerThreadPriority(5);
  const post = (message: FromTailWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
  const logger: KafkaLogger = { log: (level, message) => post({ type: 'log', level, message }) };
  // About what a panel keeps of a busy topic between two batches coming back: more would only sit here.
  const pool = new BufferPool(32 * 1024 * 1024);
  const allocate = (size: number) => pool.take(size);
  const session = new TailSession(
    createKafka(fromPortable(data.connection), logger),
    data.topic,
    data.target,
    {
      messages: (partition, records) => {
        const packed = packRecords(partition, records, allocate);
        post({ type: 'records', packed, next: session.nextOffsets() }, transferablesOf(packed));
      },
      status: (status) => post({ type: 'status', status }),
      reset: () => post({ type: 'reset', next: session.nextOffsets() }),
    },
    logger,
    data.groupId,
  );

  port.on('message', (message: ToTailWorker) => {
    switch (message.type) {
      case 'seek':
        session.seek(message.target).then(
          () => post({ type: 'seeked', id: message.id }),
          (error) => post({ type: 'seeked', id: message.id, error: reason(error) }),
        );
        break;
      case 'pause':
        session.pause();
        break;
      case 'resume':
        session.resume();
        break;
      case 'hold':
        session.hold(message.maxMs);
        break;
      case 'release':
        session.release();
        break;
      case 'stop':
        void session.stop().finally(() => post({ type: 'stopped' }));
        break;
      case 'recycle':
        pool.give(message.buffers);
        break;
    }
  });

  session.start().then(
    () => post({ type: 'started', partitions: session.topicPartitions, next: session.nextOffsets() }),
    (error) => post({ type: 'startFailed', message: reason(error) }),
  );
}
