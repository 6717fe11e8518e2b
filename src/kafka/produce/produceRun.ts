import { Partitioners, type Admin, type Kafka, type Message, type PartitionMetadata, type Producer } from 'kafkajs';
import { compressionTypes, registerCompressionCodecs, type CompressionName } from '../connect/codecs';
import { explainKafkaError, kafkaErrorType } from '../connect/errors';
import { silentLogger, type KafkaLogger } from '../connect/log';
import { describeLines, parseRecordsAsync, type InputProblem, type InputRecord, type ParseOptions } from './records';

export interface ProduceOptions {
  topic: string;
  compression?: CompressionName;
  /** -1: all in-sync replicas (default); 1: the leader only (turns the idempotent producer off). */
  acks?: -1 | 1;
  idempotent?: boolean;
  /** Upper bound of one batch: key, value and header bytes of its records. Default 128 KiB. */
  maxBatchBytes?: number;
  /** Cancels between batches; the batch in flight completes and is reported. */
  signal?: AbortSignal;
  onProgress?: (sent: number, total: number) => void;
  logger?: KafkaLogger;
  /** Shown in messages, e.g. `cluster "local"`. */
  clusterLabel?: string;
}

export interface SentRecord {
  line: number;
  partition: number;
  offset: string;
}

export interface PartitionOffsets {
  partition: number;
  first: string;
  last: string;
  count: number;
}

export interface ProduceFailure {
  /** What went wrong, in words a user can act on. */
  message: string;
  /** Kafka's error type, e.g. MESSAGE_TOO_LARGE. */
  type?: string;
  /** The records of the batch that failed. */
  lines: number[];
}

export interface ProduceResult {
  topic: string;
  total: number;
  /** Records the broker acknowledged, in input order. */
  sent: SentRecord[];
  /** Lines of the records that were not sent (or not acknowledged), in input order. */
  unsentLines: number[];
  cancelled: boolean;
  failure?: ProduceFailure;
  /** Offsets written per partition, sorted by partition. */
  partitions: PartitionOffsets[];
  elapsedMs: number;
}

/** The sent records as columns, no object per record: cheap to build, and what crosses between threads. */
export interface SentColumns {
  lines: Int32Array;
  partitions: Int32Array;
  offsets: BigInt64Array;
}

const columnsOfResult = new WeakMap<ProduceResult, SentColumns>();

/**
 * A result whose `sent` list is made from `columns` when first read: a hundred thousand objects
 * cost tens of milliseconds, and the usual reader only wants counts and offset ranges.
 */
export function resultWithColumns(rest: Omit<ProduceResult, 'sent'>, columns: SentColumns): ProduceResult {
  const result = { ...rest } as ProduceResult;
  Object.defineProperty(result, 'sent', {
    enumerable: true,
    configurable: true,
    get(): SentRecord[] {
      const sent = Array.from(columns.lines, (line, i) => ({ line, partition: columns.partitions[i], offset: columns.offsets[i].toString() }));
      Object.defineProperty(result, 'sent', { value: sent, enumerable: true, writable: true, configurable: true });
      return sent;
    },
  });
  columnsOfResult.set(result, columns);
  return result;
}

export function sentColumns(result: ProduceResult): SentColumns {
  return (
    columnsOfResult.get(result) ?? {
      lines: Int32Array.from(result.sent, (s) => s.line),
      partitions: Int32Array.from(result.sent, (s) => s.partition),
      offsets: BigInt64Array.from(result.sent, (s) => BigInt(s.offset)),
    }
  );
}

/** Small enough that kafkajs encodes one batch in a few tens of milliseconds of the host's thread. */
const defaultMaxBatchBytes = 128 * 1024;
/** Longest stretch of work between yields to the event loop. */
const sliceMs = 10;
/** Bytes a record costs in a batch besides key, value and headers (varints, attributes, deltas). */
const recordOverhead = 24;

interface Batch {
  partition: number;
  /** Indexes into the records. */
  indexes: number[];
  bytes: number;
}

/**
 * Sends records to one topic with an idempotent producer, in size-bounded batches of one
 * partition each, so every batch is written or refused as a whole and each record's
 * partition and offset are known exactly. Never throws: failures come back in the result.
 *
 * One batch a request: with batches of several partitions in one send, kafkajs may write some
 * (on one broker), fail others (on another) and throw without saying which; sending the written
 * ones again would then write them twice (a leader failover did, 554 records).
 */
export async function produceRecords(
  kafka: Kafka,
  records: readonly InputRecord[],
  options: ProduceOptions,
  connection?: TopicProducer,
): Promise<ProduceResult> {
  registerCompressionCodecs();
  const started = performance.now();
  if (records.length === 0) {
    await connection?.close();
    return new ProduceRun(records, options).result(performance.now() - started);
  }
  connection ??= new TopicProducer(kafka, options);
  const run = new ProduceRun(records, options);
  try {
    await run.execute(connection);
  } finally {
    await connection.close();
  }
  return run.result(performance.now() - started);
}

/**
 * A producer and an admin client (for the topic's metadata and configs), connecting from the
 * moment it is made, so that connecting can overlap the validation of the input.
 */
class TopicProducer {
  readonly producer: Producer;
  readonly admin: Admin;
  private readonly ready: Promise<PartitionMetadata[]>;

  constructor(kafka: Kafka, options: ProduceOptions) {
    const idempotent = (options.idempotent ?? true) && (options.acks ?? -1) === -1;
    this.producer = kafka.producer({
      idempotent,
      maxInFlightRequests: idempotent ? 1 : undefined,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // kafkajs would retry an idempotent send forever; a missing topic must fail instead.
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 },
    });
    this.admin = kafka.admin();
    this.ready = Promise.all([
      this.admin.connect().then(() => this.admin.fetchTopicMetadata({ topics: [options.topic] })),
      this.producer.connect(),
    ]).then(([metadata]) => {
      const partitions = metadata.topics[0]?.partitions ?? [];
      if (partitions.length === 0) {
        throw new Error(`Topic "${options.topic}" has no partitions.`);
      }
      return [...partitions].sort((a, b) => a.partitionId - b.partitionId);
    });
    // Read (and reported) by whoever sends; unread when the input turns out invalid.
    this.ready.catch(() => undefined);
  }

  /** The topic's partitions once connected; rejects when connecting failed. */
  partitions(): Promise<PartitionMetadata[]> {
    return this.ready;
  }

  async close(): Promise<void> {
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()].map((p) => p.catch(() => undefined)));
  }
}

class ProduceRun {
  private readonly partitionOf: Int32Array;
  /** -1 until the broker acknowledged the record. */
  private readonly offsetOf: BigInt64Array;
  private readonly ranges = new Map<number, { first: bigint; last: bigint; count: number }>();
  private sentCount = 0;
  private cancelled = false;
  private failure: ProduceFailure | undefined;
  private readonly logger: KafkaLogger;
  private readonly clusterLabel: string;

  private connection!: TopicProducer;

  constructor(
    private readonly records: readonly InputRecord[],
    private readonly options: ProduceOptions,
  ) {
    this.partitionOf = new Int32Array(records.length).fill(-1);
    this.offsetOf = new BigInt64Array(records.length).fill(-1n);
    this.logger = options.logger ?? silentLogger;
    this.clusterLabel = options.clusterLabel ?? 'the cluster';
  }

  async execute(connection: TopicProducer): Promise<void> {
    const { topic } = this.options;
    this.connection = connection;
    let partitions: PartitionMetadata[];
    try {
      partitions = await this.connection.partitions();
    } catch (error) {
      this.fail(this.explain(error, `produce to topic "${topic}"`), kafkaErrorType(error), this.allIndexes());
      return;
    }
    const known = new Set(partitions.map((p) => p.partitionId));
    const invalid: number[] = [];
    this.records.forEach((record, index) => {
      if (record.partition !== undefined && !known.has(record.partition)) {
        invalid.push(index);
      }
    });
    if (invalid.length > 0) {
      const count = partitions.length;
      this.fail(
        `Topic "${topic}" has ${count} partition${count === 1 ? '' : 's'} (0–${count - 1}); ` +
          `${describeLines(invalid.map((index) => this.records[index].line))} name${invalid.length === 1 ? 's' : ''} another. Nothing was sent.`,
        'INVALID_PARTITION',
        invalid,
      );
      return;
    }
    const queue = await this.planBatches(partitions);
    while (queue.length > 0) {
      if (this.options.signal?.aborted) {
        this.cancelled = true;
        return;
      }
      const refused = await this.sendHalving(queue.shift()!);
      if (refused) {
        const { error, batch } = refused;
        this.fail(await this.describeSendError(error, batch), kafkaErrorType(error), batch.indexes);
        return;
      }
    }
  }

  /** Sends one batch; when the topic's limit is below the batch size, halves it until the culprit stands alone. */
  private async sendHalving(batch: Batch): Promise<{ error: unknown; batch: Batch } | undefined> {
    const pending = [batch];
    while (pending.length > 0) {
      const next = pending.shift()!;
      try {
        await this.send(next);
      } catch (error) {
        const type = kafkaErrorType(error);
        if ((type === 'MESSAGE_TOO_LARGE' || type === 'RECORD_LIST_TOO_LARGE') && next.indexes.length > 1) {
          const middle = Math.ceil(next.indexes.length / 2);
          const half = (indexes: number[]) => ({ partition: next.partition, indexes, bytes: next.bytes / 2 });
          pending.unshift(half(next.indexes.slice(0, middle)), half(next.indexes.slice(middle)));
          continue;
        }
        return { error, batch: next };
      }
    }
    return undefined;
  }

  result(elapsedMs: number): ProduceResult {
    const sentCount = this.sentCount;
    const columns: SentColumns = {
      lines: new Int32Array(sentCount),
      partitions: new Int32Array(sentCount),
      offsets: new BigInt64Array(sentCount),
    };
    const unsentLines: number[] = [];
    let at = 0;
    for (let index = 0; index < this.records.length; index++) {
      const offset = this.offsetOf[index];
      if (offset < 0n) {
        unsentLines.push(this.records[index].line);
      } else {
        columns.lines[at] = this.records[index].line;
        columns.partitions[at] = this.partitionOf[index];
        columns.offsets[at] = offset;
        at++;
      }
    }
    const partitions = [...this.ranges.entries()]
      .sort(([a], [b]) => a - b)
      .map(([partition, range]) => ({
        partition,
        first: range.first.toString(),
        last: range.last.toString(),
        count: range.count,
      }));
    return resultWithColumns(
      {
        topic: this.options.topic,
        total: this.records.length,
        unsentLines,
        cancelled: this.cancelled,
        failure: this.failure,
        partitions,
        elapsedMs,
      },
      columns,
    );
  }

  /**
   * Assigns every record its partition (given, by key hash as Java does, or sticky for records
   * without a key) and cuts each partition's records into batches, in input order.
   */
  private async planBatches(partitions: PartitionMetadata[]): Promise<Batch[]> {
    const maxBytes = this.options.maxBatchBytes ?? defaultMaxBatchBytes;
    const partitioner = Partitioners.DefaultPartitioner();
    const available = partitions.filter((p) => p.leader >= 0);
    const stickyChoices = (available.length > 0 ? available : partitions).map((p) => p.partitionId);
    let sticky = stickyChoices[Math.floor(Math.random() * stickyChoices.length)];
    const open = new Map<number, { batch: Batch }>();
    const batches: Batch[] = [];
    /** Closes the open batch of `partition` if `bytes` more would overflow it. */
    const closeIfFull = (partition: number, bytes: number): boolean => {
      const current = open.get(partition);
      if (current && current.batch.bytes + bytes > maxBytes) {
        batches.push(current.batch);
        open.delete(partition);
        return true;
      }
      return false;
    };
    const { topic } = this.options;
    let deadline = performance.now() + sliceMs;
    for (let index = 0; index < this.records.length; index++) {
      if ((index & 1023) === 0 && performance.now() > deadline) {
        await new Promise((resolve) => setImmediate(resolve));
        deadline = performance.now() + sliceMs;
      }
      const record = this.records[index];
      const bytes = recordBytes(record);
      let partition: number;
      if (record.partition !== undefined) {
        partition = record.partition;
      } else if (record.key !== null) {
        partition = partitioner({ topic, partitionMetadata: partitions, message: { key: record.key, value: null } });
      } else {
        if (closeIfFull(sticky, bytes)) {
          // Like Java's sticky partitioner: a full batch moves key-less records to the next partition.
          sticky = stickyChoices[(stickyChoices.indexOf(sticky) + 1) % stickyChoices.length];
        }
        partition = sticky;
      }
      closeIfFull(partition, bytes);
      let current = open.get(partition);
      if (!current) {
        current = { batch: { partition, indexes: [], bytes: 0 } };
        open.set(partition, current);
      }
      current.batch.indexes.push(index);
      current.batch.bytes += bytes;
    }
    for (const { batch } of open.values()) {
      batches.push(batch);
    }
    return batches;
  }

  /** One produce request: one batch of one partition, written or refused as a whole. */
  private async send(batch: Batch): Promise<void> {
    const messages: Message[] = batch.indexes.map((index) => {
      const record = this.records[index];
      const message: Message = { key: record.key, value: record.value, partition: batch.partition };
      if (record.headers) {
        message.headers = record.headers;
      }
      if (record.timestamp !== undefined) {
        message.timestamp = record.timestamp;
      }
      return message;
    });
    const [metadata] = await this.connection.producer.send({
      topic: this.options.topic,
      messages,
      acks: this.options.acks ?? -1,
      compression: compressionTypes[this.options.compression ?? 'none'],
    });
    const base = metadata?.baseOffset;
    if (base === undefined || metadata.partition !== batch.partition) {
      throw new Error(`The broker answered without an offset for partition ${batch.partition}.`);
    }
    this.written(batch, BigInt(base));
    this.options.onProgress?.(this.sentCount, this.records.length);
  }

  private written(batch: Batch, first: bigint): void {
    batch.indexes.forEach((index, position) => {
      this.partitionOf[index] = batch.partition;
      this.offsetOf[index] = first + BigInt(position);
    });
    const last = first + BigInt(batch.indexes.length - 1);
    const range = this.ranges.get(batch.partition);
    if (range) {
      range.first = first < range.first ? first : range.first;
      range.last = last > range.last ? last : range.last;
      range.count += batch.indexes.length;
    } else {
      this.ranges.set(batch.partition, { first, last, count: batch.indexes.length });
    }
    this.sentCount += batch.indexes.length;
  }

  private async describeSendError(error: unknown, batch: Batch): Promise<string> {
    const type = kafkaErrorType(error);
    const { topic } = this.options;
    const lines = batch.indexes.map((index) => this.records[index].line);
    switch (type) {
      case 'MESSAGE_TOO_LARGE':
      case 'RECORD_LIST_TOO_LARGE': {
        const record = this.records[batch.indexes[0]];
        const limit = await this.topicConfig('max.message.bytes');
        return (
          `The record on line ${record.line} is too large: ${recordBytes(record) - recordOverhead} bytes, ` +
          `and topic "${topic}" accepts ${limit ? `at most ${limit} bytes (max.message.bytes)` : 'less (see its max.message.bytes)'}. ` +
          'Shorten the record, use compression, or raise the topic\'s max.message.bytes.'
        );
      }
      case 'UNKNOWN_TOPIC_OR_PARTITION':
        return `Topic "${topic}" or its partition ${batch.partition} does not exist (any more) on ${this.clusterLabel}.`;
      case 'TOPIC_AUTHORIZATION_FAILED':
        return `Not authorized to write to topic "${topic}": the cluster's ACLs do not allow this client to produce to it.`;
      case 'CLUSTER_AUTHORIZATION_FAILED':
        return (
          'Not authorized for idempotent writes on this cluster (IDEMPOTENT_WRITE). ' +
          'Ask for that permission, or set kafka.produce.idempotent to false.'
        );
      default:
        return this.explain(error, `send ${describeLines(lines)} to topic "${topic}"`);
    }
  }

  private async topicConfig(name: string): Promise<string | undefined> {
    try {
      const { resources } = await this.connection.admin.describeConfigs({
        resources: [{ type: 2 /* TOPIC */, name: this.options.topic, configNames: [name] }],
        includeSynonyms: false,
      });
      return resources[0]?.configEntries.find((entry) => entry.configName === name)?.configValue;
    } catch (error) {
      this.logger.log('debug', `Could not read ${name} of topic "${this.options.topic}": ${String(error)}`);
      return undefined;
    }
  }

  private explain(error: unknown, action: string): string {
    if (kafkaErrorType(error) === 'UNKNOWN_TOPIC_OR_PARTITION') {
      return `Topic "${this.options.topic}" does not exist on ${this.clusterLabel}. Create it first, or pick another topic.`;
    }
    return explainKafkaError(error, { action, cluster: this.clusterLabel }).message;
  }

  private fail(message: string, type: string | undefined, indexes: number[]): void {
    this.logger.log('error', message);
    this.failure = { message, type, lines: indexes.map((index) => this.records[index].line) };
  }

  private allIndexes(): number[] {
    return this.records.map((_, index) => index);
  }
}

function recordBytes(record: InputRecord): number {
  let bytes = recordOverhead;
  if (record.value !== null) {
    bytes += Buffer.byteLength(record.value);
  }
  if (record.key !== null) {
    bytes += Buffer.byteLength(record.key);
  }
  if (record.headers) {
    for (const [name, value] of Object.entries(record.headers)) {
      bytes += Buffer.byteLength(name) + Buffer.byteLength(value) + 4;
    }
  }
  return bytes;
}

/** "Sent 3 records to orders in 41 ms: partition 0 offsets 10–11, partition 2 offset 7." and what was not sent. */
export function describeResult(result: ProduceResult): string {
  const sent = result.sent.length;
  const noun = (n: number) => `${n} record${n === 1 ? '' : 's'}`;
  const where = result.partitions
    .map((p) => `partition ${p.partition} ${p.first === p.last ? `offset ${p.first}` : `offsets ${p.first}–${p.last}`}`)
    .join(', ');
  const parts: string[] = [];
  if (sent > 0 || (!result.failure && !result.cancelled)) {
    parts.push(`Sent ${noun(sent)} to ${result.topic} in ${Math.round(result.elapsedMs)} ms${where ? `: ${where}` : ''}.`);
  }
  if (result.cancelled) {
    parts.push(`Cancelled: ${noun(result.unsentLines.length)} not sent (${describeLines(result.unsentLines)}).`);
  }
  if (result.failure) {
    parts.push(result.failure.message);
    if (result.unsentLines.length > 0) {
      parts.push(`Not sent: ${noun(result.unsentLines.length)} (${describeLines(result.unsentLines)}).`);
    }
  }
  return parts.join(' ');
}

export type ProduceTextOutcome =
  | { kind: 'invalid'; problems: InputProblem[]; problemCount: number }
  | { kind: 'done'; result: ProduceResult }
  /** Cancelled while validating: nothing was sent. */
  | { kind: 'cancelled' };

/** Validates all of `text` first; sends only when every record is valid. */
export async function produceText(
  kafka: Kafka,
  text: string,
  parse: ParseOptions,
  options: ProduceOptions,
): Promise<ProduceTextOutcome> {
  // Connecting overlaps validation; nothing is sent before the whole input is valid.
  const connection = new TopicProducer(kafka, options);
  let parsed;
  try {
    parsed = await parseRecordsAsync(text, parse, { signal: options.signal });
  } catch (error) {
    void connection.close();
    if (options.signal?.aborted) {
      return { kind: 'cancelled' };
    }
    throw error;
  }
  if (parsed.problemCount > 0) {
    void connection.close();
    return { kind: 'invalid', problems: parsed.problems, problemCount: parsed.problemCount };
  }
  return { kind: 'done', result: await produceRecords(kafka, parsed.records, options, connection) };
}
