import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { TailStatus, TailTarget } from './tailTypes';
import { kafkaFailureReason } from '../connect/errors';
import type { KafkaLogger } from '../connect/log';
import { deleteAbandonedTailGroups, newTailGroupId } from './tailGroups';
import type { TailRecord } from './tailMessage';
import { ReadHold } from './readHold';
import { startOffsets, topicPartitions } from './tailStart';

export interface TailListener {
  /** Records of one partition in offset order; never a duplicate, never a gap (across reconnects too). */
  messages(partition: number, records: TailRecord[]): void;
  status(status: TailStatus): void;
  /** The tail moved to a new start (seek): what was delivered before belongs to the old position. */
  reset(): void;
}

/**
 * Reads one topic from chosen start offsets without side effects on anyone's consumer groups.
 * kafkajs has no manual partition assignment, so the session joins a throwaway group of its own
 * (`kafka-workbench-tail-<uuid>`), never commits, seeks after every join, and deletes the group in stop().
 */
export class TailSession {
  private readonly admin: Admin;
  private readonly consumer: Consumer;
  /** Next offset to deliver per tailed partition: the seek target after a (re)join, the duplicate guard. */
  private readonly next = new Map<number, bigint>();
  private partitions: number[] = [];
  private target: TailTarget;
  private paused = false;
  private stopped = false;
  private started = false;
  private state: TailStatus = { state: 'connecting' };
  private removeListeners: (() => void)[] = [];
  private readonly readHold = new ReadHold();

  constructor(
    kafka: Kafka,
    readonly topic: string,
    target: TailTarget,
    private readonly listener: TailListener,
    private readonly logger: KafkaLogger,
    readonly groupId = newTailGroupId(),
  ) {
    this.target = target;
    this.admin = kafka.admin();
    this.consumer = kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      // A seek, pause or resume takes effect at the next fetch: keep idle long-polls short.
      maxWaitTimeInMs: 500,
      // kafkajs grows a response buffer by concatenation, chunk by chunk: copying is quadratic in the
      // response size. 1 MiB fetches (instead of 10 MiB) make it negligible at the same throughput.
      maxBytes: 1024 * 1024,
      // After a broker restart the group waits for the old member's session to expire before the
      // rejoin completes: 10 s (the broker's minimum is 6 s) instead of kafkajs's 30 s.
      sessionTimeout: 10_000,
      // Restart after any retriable crash (a broker restart): the next join seeks to `next`.
      retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 3000, restartOnFailure: async () => !this.stopped },
    });
  }

  /** All partitions of the topic, as found at start. */
  get topicPartitions(): number[] {
    return [...this.partitions];
  }

  get status(): TailStatus {
    return this.state;
  }

  /** The next offset per tailed partition (what a restarted tail would read first). */
  nextOffsets(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [partition, offset] of this.next) {
      result[String(partition)] = offset.toString();
    }
    return result;
  }

  async start(): Promise<void> {
    this.setStatus({ state: 'connecting' });
    try {
      await this.admin.connect();
      void deleteAbandonedTailGroups(this.admin).then(
        (deleted) => deleted.length > 0 && this.logger.log('info', `Deleted ${deleted.length} abandoned tail group(s): ${deleted.join(', ')}`),
        (error) => this.logger.log('debug', `Looking for abandoned tail groups failed: ${errorMessage(error)}`),
      );
      this.partitions = await topicPartitions(this.admin, this.topic);
      this.adopt(await this.resolve(this.target));
      const { consumer } = this;
      const events = consumer.events;
      this.removeListeners = [
        consumer.on(events.GROUP_JOIN, () => this.onJoin()),
        consumer.on(events.CRASH, (event) => void this.onCrash(event.payload.error, event.payload.restart)),
      ];
      await consumer.connect();
      await consumer.subscribe({ topic: this.topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: true,
        eachBatch: async (payload) => {
          // Awaiting here also holds back this broker's next fetch: the broker rests too.
          await this.readHold.until;
          this.onBatch(payload);
        },
      });
      this.started = true;
    } catch (error) {
      if (!this.stopped) {
        this.setStatus({ state: 'error', message: kafkaFailureReason(error) });
      }
      throw error;
    }
  }

  /** Moves the tail to a new start (and partition choice) without reopening it. */
  async seek(target: TailTarget): Promise<void> {
    const offsets = await this.resolve(target);
    if (this.stopped) {
      return;
    }
    // From here to the seek, nothing may await: a batch of the old position must not slip in between.
    this.target = target;
    this.adopt(offsets);
    this.listener.reset();
    if (this.started) {
      this.applyPositions();
    }
  }

  pause(): void {
    this.paused = true;
    if (this.started) {
      this.consumer.pause([{ topic: this.topic, partitions: this.partitions }]);
    }
    this.setStatus({ state: 'paused' });
  }

  resume(): void {
    this.paused = false;
    if (this.started) {
      this.applyPositions();
    }
    this.setStatus({ state: 'running' });
  }

  /** Reading waits until release(), or `maxMs` at most (see ReadHold). */
  hold(maxMs: number): void {
    if (!this.stopped) {
      this.readHold.hold(maxMs);
    }
  }

  release(): void {
    this.readHold.release();
  }

  /** Disconnects and deletes the throwaway group; safe to call more than once. */
  async stop(): Promise<void> {
    if (this.stopped) {
      return;
    }
    this.stopped = true;
    this.release();
    this.removeListeners.forEach((remove) => remove());
    try {
      await this.consumer.disconnect();
    } catch (error) {
      this.logger.log('warn', `Tail of ${this.topic}: disconnect failed: ${errorMessage(error)}`);
    }
    await this.deleteGroup();
    await this.admin.disconnect().catch(() => undefined);
    this.setStatus({ state: 'stopped', message: this.state.state === 'error' ? this.state.message : undefined });
  }

  private async deleteGroup(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.admin.deleteGroups([this.groupId]);
        return;
      } catch (error) {
        const text = errorMessage(error);
        // A tail that never joined has no group: nothing to delete.
        if (/does not exist|GROUP_ID_NOT_FOUND|not found/i.test(text)) {
          return;
        }
        if (attempt >= 5) {
          this.logger.log('warn', `Tail of ${this.topic}: could not delete consumer group ${this.groupId}: ${text}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  private resolve(target: TailTarget): Promise<Map<number, string>> {
    return startOffsets(this.admin, this.topic, this.partitions, target);
  }

  private adopt(offsets: Map<number, string>): void {
    this.next.clear();
    for (const [partition, offset] of offsets) {
      this.next.set(partition, BigInt(offset));
    }
  }

  /** After every group join (the first, and each one after a crash): seek to where we are, pause what we don't read. */
  private onJoin(): void {
    if (this.stopped) {
      return;
    }
    this.applyPositions();
    this.setStatus({ state: this.paused ? 'paused' : 'running' });
  }

  private applyPositions(): void {
    const { topic } = this;
    for (const [partition, offset] of this.next) {
      this.consumer.seek({ topic, partition, offset: offset.toString() });
    }
    const tailed = [...this.next.keys()];
    const idle = this.partitions.filter((p) => !this.next.has(p));
    if (idle.length > 0) {
      this.consumer.pause([{ topic, partitions: idle }]);
    }
    if (this.paused) {
      this.consumer.pause([{ topic, partitions: tailed }]);
    } else if (tailed.length > 0) {
      this.consumer.resume([{ topic, partitions: tailed }]);
    }
  }

  private onBatch({ batch, isStale }: EachBatchPayload): void {
    const { partition } = batch;
    const expected = this.next.get(partition);
    // A pending seek makes the batch stale; a partition we don't tail (any more) is ignored.
    if (expected === undefined || isStale() || this.stopped) {
      return;
    }
    const messages = batch.messages as TailRecord[];
    let first = 0;
    // After a reconnect the broker may send what we had already: skip up to the next expected offset.
    while (first < messages.length && BigInt(messages[first].offset) < expected) {
      first++;
    }
    if (first === messages.length) {
      return;
    }
    this.next.set(partition, BigInt(messages[messages.length - 1].offset) + 1n);
    if (this.state.state === 'reconnecting' || this.state.state === 'connecting') {
      this.setStatus({ state: this.paused ? 'paused' : 'running' });
    }
    this.listener.messages(partition, first === 0 ? messages : messages.slice(first));
  }

  private async onCrash(error: Error, restart: boolean): Promise<void> {
    if (this.stopped) {
      return;
    }
    // Once per outage: while reconnecting, each failed retry crashes the consumer again.
    const level = this.state.state === 'reconnecting' ? 'debug' : 'warn';
    this.logger.log(level, `Tail of ${this.topic}: consumer crashed (${error.message}); restart: ${restart}`);
    if (await this.topicIsGone()) {
      this.setStatus({
        state: 'error',
        message: `Topic "${this.topic}" was deleted while tailing. The messages received so far stay here.`,
      });
      void this.stopConsumerOnly();
      return;
    }
    this.setStatus(
      restart
        ? { state: 'reconnecting', message: `Connection lost (${error.message}); reconnecting…` }
        : { state: 'error', message: `The tail stopped: ${error.message}` },
    );
  }

  private async topicIsGone(): Promise<boolean> {
    try {
      return !(await this.admin.listTopics()).includes(this.topic);
    } catch {
      // The cluster is unreachable: that is a reconnect, not a deletion.
      return false;
    }
  }

  /** Stops reading but keeps the session (and its group) until stop(): used when the topic vanished. */
  private async stopConsumerOnly(): Promise<void> {
    try {
      await this.consumer.stop();
    } catch (error) {
      this.logger.log('debug', `Tail of ${this.topic}: stop after topic deletion: ${errorMessage(error)}`);
    }
  }

  private setStatus(status: TailStatus): void {
    if (this.stopped && status.state !== 'stopped') {
      return;
    }
    const errorStays = this.state.state === 'error' && status.state !== 'stopped';
    if (errorStays || (status.state === this.state.state && status.message === this.state.message)) {
      return;
    }
    this.state = status;
    this.listener.status(status);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
