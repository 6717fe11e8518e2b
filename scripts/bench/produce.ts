// Benchmark: 100,000 JSON Lines of about 200 bytes produced from text (validation + batched
// idempotent sends), against raw kafkajs batched sends of the same records, in the same run, and
// `kcat -P` (librdkafka) as the ceiling when kcat is installed.
// Also: validation time of the 100,000 lines, and the longest event-loop block while producing.
//
//   node out/scripts/bench/produce.js [--records N] [--rounds N] [--partitions 1,3]
//
// KAFKA_BOOTSTRAP=host:port uses a running broker; otherwise one is started and stopped.
// benchProduce() is also one part of `npm run bench` (scripts/bench/all.ts).
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Kafka, logLevel, Partitioners, type Admin, type Message } from 'kafkajs';
import { parseRecords, parseRecordsAsync } from '../../src/kafka/produce/records';
import { ProduceThread } from '../../src/kafka/produce/produceThread';
import { useKafka } from '../kafka/broker';
import { kcatProduce, kcatVersion } from './kcat';
import { collectGarbage, option, orderLine, watchEventLoop } from './measure';

export interface ProduceBenchOptions {
  records: number;
  rounds: number;
  partitions: number[];
}

type Block = { wallMs: number; cpuMs: number };

export interface ProducePartitionsResult {
  partitions: number;
  /** Medians of the rounds, wall-clock from connecting to the last acknowledgement. */
  oursMs: number;
  rawMs: number;
  /** Undefined when kcat is not installed. */
  kcatMs?: number;
  runs: { ours: number[]; raw: number[]; kcat: number[] };
  /** Client CPU of this process (load-independent); kcat's is not measured. */
  oursCpuMs: number;
  rawCpuMs: number;
  /** Longest event-loop block while the extension's path produced. */
  longestBlock: Block;
}

export interface ProduceBenchResult {
  records: number;
  bytes: number;
  kcat?: string;
  validation: { medianMs: number; runsMs: number[]; cpuMs: number; longestBlock: Block; inOnePieceMs: number };
  byPartitions: ProducePartitionsResult[];
}

const batchBytes = 128 * 1024; // produce.ts's default

function shippedWorker(): string {
  const bundle = path.resolve(__dirname, '../../../dist/worker.js');
  if (!fs.existsSync(bundle)) {
    throw new Error(`${bundle} is missing: build it first (node esbuild.js)`);
  }
  return bundle;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Creates a topic and waits for its leaders; a busy broker may need a few tries. */
async function createTopic(admin: Admin, topic: string, partitions: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
      return;
    } catch (error) {
      if (attempt === 5) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
      if (metadata?.topics[0]?.partitions.every((p) => p.leader >= 0)) {
        return;
      }
    }
  }
}

function worst(blocks: Block[]): Block {
  return { wallMs: Math.max(...blocks.map((b) => b.wallMs)), cpuMs: Math.max(...blocks.map((b) => b.cpuMs)) };
}

function describeBlock(block: Block): string {
  return `${block.wallMs.toFixed(0)} ms wall-clock, ${block.cpuMs.toFixed(0)} ms of CPU`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs the produce benchmark on the broker at `bootstrap`, printing each figure as it comes. */
export async function benchProduce(bootstrap: string, options: ProduceBenchOptions): Promise<ProduceBenchResult> {
  const { records: recordCount, rounds } = options;
  const brokers = bootstrap.split(',');
  const raw = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.NOTHING });
  // The extension's own path: the produce thread, from the bundle that ships (dist/worker.js, with src/kafka/kafkajsFixes).
  const thread = new ProduceThread(shippedWorker());
  const connection = { clientId: 'bench-ours', brokers, connectionTimeoutMs: 10_000, requestTimeoutMs: 30_000 };
  const kcat = kcatVersion();
  const admin = raw.admin();
  await admin.connect();
  const topics: string[] = [];
  try {
    const lines = Array.from({ length: recordCount }, (_, i) => orderLine(i));
    const text = lines.join('\n') + '\n';
    const bytes = Buffer.byteLength(text);
    const kcatInput = Buffer.from(text);
    console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
    console.log(`${recordCount} JSON Lines, ${(bytes / 1e6).toFixed(1)} MB (${(bytes / recordCount).toFixed(0)} bytes a line), ${kcat ?? 'kcat not installed'}`);

    // Validation alone.
    const validation: number[] = [];
    const validationBlocks: Block[] = [];
    const validationCpu: number[] = [];
    for (let i = 0; i < rounds + 1; i++) {
      const stop = watchEventLoop();
      const started = performance.now();
      const cpu = process.cpuUsage();
      const parsed = await parseRecordsAsync(text, { format: 'jsonl' });
      validation.push(performance.now() - started);
      validationCpu.push(cpuMs(cpu));
      validationBlocks.push(stop());
      if (parsed.records.length !== recordCount) throw new Error('parse lost records');
    }
    validation.shift(); // the first round warms up the JIT
    validationCpu.shift();
    const syncStarted = performance.now();
    parseRecords(text, { format: 'jsonl' });
    const syncMs = performance.now() - syncStarted;
    const result: ProduceBenchResult = {
      records: recordCount,
      bytes,
      kcat,
      validation: { medianMs: median(validation), runsMs: validation, cpuMs: median(validationCpu), longestBlock: worst(validationBlocks), inOnePieceMs: syncMs },
      byPartitions: [],
    };
    console.log(
      `validation (async, in slices): median ${median(validation).toFixed(0)} ms, runs ${validation.map((v) => v.toFixed(0)).join('/')} ms; ` +
        `CPU ${median(validationCpu).toFixed(0)} ms; longest event-loop block ${describeBlock(result.validation.longestBlock)}; in one piece: ${syncMs.toFixed(0)} ms`,
    );

    const messages: Message[] = lines.map((value) => ({ value }));
    for (const partitions of options.partitions) {
      const runs = { ours: [] as number[], raw: [] as number[], kcat: [] as number[] };
      const oursCpu: number[] = [];
      const rawCpu: number[] = [];
      const blocks: Block[] = [];
      // Alternate who goes first so that neither always meets a warmer broker. kcat's runs come after all of
      // them: the broker's work after kcat's burst (and deleting its topic) slowed whichever run came next.
      const orders = Array.from({ length: rounds }, (_, round) => (round % 2 === 0 ? ['ours', 'raw'] : ['raw', 'ours']));
      if (kcat) orders.push(...Array.from({ length: rounds }, () => ['kcat']));
      for (const order of orders) {
        for (const who of order) {
          const topic = `bench-${who}-${randomUUID().slice(0, 8)}`;
          topics.push(topic);
          await createTopic(admin, topic, partitions);
          collectGarbage();
          if (who === 'ours') {
            const stop = watchEventLoop();
            const started = performance.now();
            const cpu = process.cpuUsage();
            const outcome = await thread.produceText(connection, text, { format: 'jsonl' }, { topic });
            runs.ours.push(performance.now() - started);
            oursCpu.push(cpuMs(cpu));
            blocks.push(stop());
            if (outcome.kind !== 'done' || outcome.result.sent.length !== recordCount) {
              throw new Error(`ours: ${JSON.stringify(outcome).slice(0, 300)}`);
            }
          } else if (who === 'raw') {
            const started = performance.now();
            const cpu = process.cpuUsage();
            const producer = raw.producer({
              idempotent: true,
              maxInFlightRequests: 1,
              createPartitioner: Partitioners.DefaultPartitioner,
            });
            await producer.connect();
            // Same batch bound as ours: as many records as fit in batchBytes.
            const perBatch = Math.max(1, Math.floor(batchBytes / (bytes / recordCount + 24)));
            for (let i = 0; i < messages.length; i += perBatch) {
              await producer.send({ topic, acks: -1, messages: messages.slice(i, i + perBatch) });
            }
            await producer.disconnect();
            runs.raw.push(performance.now() - started);
            rawCpu.push(cpuMs(cpu));
          } else {
            runs.kcat.push(await kcatProduce(bootstrap, topic, kcatInput));
          }
          const offsets = await admin.fetchTopicOffsets(topic);
          const written = offsets.reduce((sum, p) => sum + Number(p.high), 0);
          if (written !== recordCount) throw new Error(`${who}: ${written} records on ${topic}`);
          await admin.deleteTopics({ topics: [topic] });
          topics.pop();
        }
      }
      const row: ProducePartitionsResult = {
        partitions,
        oursMs: median(runs.ours),
        rawMs: median(runs.raw),
        kcatMs: kcat ? median(runs.kcat) : undefined,
        runs,
        oursCpuMs: median(oursCpu),
        rawCpuMs: median(rawCpu),
        longestBlock: worst(blocks),
      };
      result.byPartitions.push(row);
      const rate = (ms: number) => (recordCount / ms) * 1000;
      const kcatText = row.kcatMs === undefined ? '' : `kcat -P median ${row.kcatMs.toFixed(0)} ms = ${rate(row.kcatMs).toFixed(0)} records/s; `;
      console.log(
        `${partitions} partition${partitions === 1 ? '' : 's'}: ours (text → validate → send) median ${row.oursMs.toFixed(0)} ms = ` +
          `${rate(row.oursMs).toFixed(0)} records/s, ${((bytes / row.oursMs) * 1000 / 1e6).toFixed(1)} MB/s; ` +
          `raw kafkajs median ${row.rawMs.toFixed(0)} ms = ${rate(row.rawMs).toFixed(0)} records/s; ${kcatText}` +
          `ratio ${(row.rawMs / row.oursMs).toFixed(2)}× (goal ≥ 0.9); ` +
          `runs ours ${runs.ours.map((v) => v.toFixed(0)).join('/')} raw ${runs.raw.map((v) => v.toFixed(0)).join('/')} ms; ` +
          `longest event-loop block while producing ${describeBlock(row.longestBlock)}`,
      );
      console.log(
        `   client CPU (load-independent): ours median ${row.oursCpuMs.toFixed(0)} ms, raw ${row.rawCpuMs.toFixed(0)} ms, ` +
          `ratio ${(row.rawCpuMs / row.oursCpuMs).toFixed(2)}×; load average now ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
      );
    }
    return result;
  } finally {
    thread.dispose();
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  const cluster = await useKafka();
  try {
    console.log(`Kafka ${cluster.version} at ${cluster.bootstrap}`);
    await benchProduce(cluster.bootstrap, {
      records: Number(option('--records', '100000')),
      rounds: Number(option('--rounds', '3')),
      partitions: option('--partitions', '1,3').split(',').map(Number),
    });
  } finally {
    await cluster.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
