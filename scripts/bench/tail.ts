// Benchmark (a script, not a timed test): tail 1,000,000 messages of about 200 bytes from the beginning.
//  - raw:     a plain kafkajs consumer (eachBatch, counting) reading the same topic, before and after;
//  - session: the panel's extension side without VS Code (TailSession + MessageStore + a 30/s flush
//             building the rows the webview would get), with its Node heap sampled;
//  - panel:   the real panel in code-server + chromium: messages counted by the panel per second (its
//             counters, read in the webview), the extension host's memory, the longest webview frame.
//
//   node out/scripts/bench/tail.js [--messages N] [--partitions N] [--no-browser]
//
// KAFKA_BOOTSTRAP=host:port uses a running broker; otherwise one is started and stopped.
// KW_VSIX=<file> tests that VSIX (default: the repo's, built when stale). Results also go to bench/results/.
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { createKafka } from '../../src/kafka/connection';
import { silentLogger } from '../../src/kafka/log';
import { TailSession } from '../../src/kafka/tail';
import { MessageStore } from '../../src/panel/messageStore';
import { toRow } from '../../src/panel/rows';
import { useKafka } from '../kafka/broker';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const total = Number(option('--messages', '1000000'));
const partitions = Number(option('--partitions', '3'));
const withBrowser = !process.argv.includes('--no-browser');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function orderValue(i: number): string {
  const line = `{"orderId":${9_000_000_000_000_000_000n + BigInt(i)},"customer":"c-${i % 977}","total":${i}.10,"note":"`;
  return line + 'x'.repeat(Math.max(0, 196 - line.length)) + '"}';
}

interface RateResult {
  messages: number;
  /** From the first message to the last. */
  seconds: number;
  perSecond: number;
}

function rate(messages: number, firstAt: number, lastAt: number): RateResult {
  const seconds = (lastAt - firstAt) / 1000;
  return { messages, seconds: round(seconds, 2), perSecond: Math.round(messages / Math.max(seconds, 0.001)) };
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

async function produceAll(kafka: Kafka, topic: string): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  const batch = 5000;
  const started = Date.now();
  for (let from = 0; from < total; from += batch * 4) {
    await Promise.all(
      [0, 1, 2, 3].map((k) => {
        const start = from + k * batch;
        const count = Math.min(batch, total - start);
        if (count <= 0) return undefined;
        return producer.send({
          topic,
          acks: 1,
          messages: Array.from({ length: count }, (_, j) => ({ key: `k-${(start + j) % 1000}`, value: orderValue(start + j) })),
        });
      }),
    );
  }
  await producer.disconnect();
  console.log(`produced ${total.toLocaleString('en-US')} messages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.disconnect();
}

/** A plain kafkajs consumer that only counts. */
async function rawConsumer(kafka: Kafka, topic: string): Promise<RateResult> {
  const groupId = `bench-raw-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  let count = 0;
  let firstAt = 0;
  let lastAt = 0;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        firstAt ||= performance.now();
        count += batch.messages.length;
        if (count >= total) {
          lastAt = performance.now();
          resolve();
        }
      },
    });
  });
  await done;
  await consumer.disconnect();
  await deleteGroup(kafka, groupId);
  return rate(count, firstAt, lastAt);
}

/** The panel's extension side, without VS Code: the real session and store, rows built at 30/s like TailPanel.flush. */
async function sessionOnly(bootstrap: string, topic: string): Promise<RateResult & { maxHeapMB: number }> {
  const kafka = createKafka({ clientId: 'bench-tail', brokers: bootstrap.split(','), connectionTimeoutMs: 10000, requestTimeoutMs: 30000 }, silentLogger);
  const store = new MessageStore(100_000);
  let firstAt = 0;
  let lastAt = 0;
  let maxHeap = 0;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const session = new TailSession(
    kafka,
    topic,
    { start: { kind: 'beginning' } },
    {
      messages: (partition, records) => {
        firstAt ||= performance.now();
        store.add(partition, records);
        if (store.received >= total) {
          lastAt = performance.now();
          finished();
        }
      },
      status: () => undefined,
      reset: () => store.reset(),
    },
    silentLogger,
  );
  let sentUpTo = 0;
  const flush = setInterval(() => {
    const rows = [];
    for (let pos = Math.max(sentUpTo, store.tail - 50, store.head); pos < store.tail; pos++) {
      rows.push(toRow(pos, store.at(pos)!));
    }
    sentUpTo = store.tail;
    JSON.stringify({ rows, counters: store.counters(0) });
  }, 33);
  const heap = setInterval(() => (maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed)), 250);
  await session.start();
  await done;
  clearInterval(flush);
  clearInterval(heap);
  await session.stop();
  return { ...rate(store.received, firstAt, lastAt), maxHeapMB: Math.round(maxHeap / 1024 / 1024) };
}

/** RSS of the extension host processes in code-server's process group, in MB. */
function extensionHostRssMB(serverPid: number): number {
  let rss = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== serverPid) continue;
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes('extensionHost')) continue;
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      // The process ended while we looked.
    }
  }
  return Math.round(rss);
}

interface PanelResult extends RateResult {
  maxExtensionHostRssMB: number;
  longestFrameMs: number;
  framesOver50ms: number;
  frames: number;
}

async function inBrowser(bootstrap: string, topic: string): Promise<PanelResult> {
  // Loaded lazily: playwright and the e2e harness are only needed here.
  const { openWorkbench } = await import('../../test/e2e/harness');
  const { tailFromPalette } = await import('../../test/e2e/panelHarness');
  const wb = await openWorkbench({
    settings: { 'kafka.clusters': [{ id: 'bench', name: 'Bench', bootstrapServers: bootstrap }] },
    viewport: { width: 1400, height: 900 },
  });
  try {
    const frame = await tailFromPalette(wb.page, topic);
    await frame.locator('#start-kind').selectOption('beginning');
    // Frame timing inside the webview: every animation frame's length, from the browser's own clock.
    await frame.locator('body').evaluate(() => {
      const page = globalThis as any;
      const probe = { longest: 0, over50: 0, frames: 0, last: 0 };
      page.__probe = probe;
      const tick = (now: number) => {
        if (probe.last > 0) {
          const length = now - probe.last;
          probe.frames++;
          probe.longest = Math.max(probe.longest, length);
          if (length > 50) probe.over50++;
        }
        probe.last = now;
        page.requestAnimationFrame(tick);
      };
      page.requestAnimationFrame(tick);
    });
    await frame.locator('#start-apply').click();
    let firstAt = 0;
    let lastAt = 0;
    let received = 0;
    let maxRss = 0;
    const deadline = Date.now() + 15 * 60_000;
    while (received < total) {
      if (Date.now() > deadline) throw new Error(`the panel counted only ${received} messages`);
      const text = (await frame.locator('#counters').textContent()) ?? '';
      received = Number((/Received ([\d,]+)/.exec(text)?.[1] ?? '0').replace(/,/g, ''));
      const now = performance.now();
      if (received > 0 && firstAt === 0) firstAt = now;
      if (received >= total) lastAt = now;
      maxRss = Math.max(maxRss, extensionHostRssMB(wb.server.pid));
      await sleep(100);
    }
    await sleep(1000);
    maxRss = Math.max(maxRss, extensionHostRssMB(wb.server.pid));
    const probe = await frame.locator('body').evaluate(() => (globalThis as any).__probe as { longest: number; over50: number; frames: number });
    return {
      ...rate(received, firstAt, lastAt),
      maxExtensionHostRssMB: maxRss,
      longestFrameMs: round(probe.longest, 1),
      framesOver50ms: probe.over50,
      frames: probe.frames,
    };
  } finally {
    await wb.close();
  }
}

async function main(): Promise<void> {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const cluster = await useKafka();
  const kafka = new Kafka({ clientId: 'bench-tail-raw', brokers: cluster.bootstrap.split(','), logLevel: logLevel.NOTHING });
  const topic = `bench-tail-${randomUUID().slice(0, 8)}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
    await produceAll(kafka, topic);
    const results: Record<string, unknown> = {};
    const rawBefore = await rawConsumer(kafka, topic);
    console.log('raw kafkajs (1st):', rawBefore);
    const session = await sessionOnly(cluster.bootstrap, topic);
    console.log('panel extension side, no VS Code:', session);
    let panel: PanelResult | undefined;
    if (withBrowser) {
      panel = await inBrowser(cluster.bootstrap, topic);
      console.log('panel in code-server:', panel);
    }
    const rawAfter = await rawConsumer(kafka, topic);
    console.log('raw kafkajs (2nd):', rawAfter);
    const raw = Math.round((rawBefore.perSecond + rawAfter.perSecond) / 2);
    Object.assign(results, { messages: total, partitions, rawBefore, rawAfter, session, panel });
    const lines = [
      `raw kafkajs: ${raw.toLocaleString('en-US')} msg/s (mean of ${rawBefore.perSecond} and ${rawAfter.perSecond})`,
      `panel extension side: ${session.perSecond.toLocaleString('en-US')} msg/s = ${(session.perSecond / raw).toFixed(2)}x raw; max Node heap ${session.maxHeapMB} MB`,
    ];
    if (panel) {
      lines.push(
        `panel in code-server: ${panel.perSecond.toLocaleString('en-US')} msg/s = ${(panel.perSecond / raw).toFixed(2)}x raw; ` +
          `extension host RSS max ${panel.maxExtensionHostRssMB} MB; longest webview frame ${panel.longestFrameMs} ms ` +
          `(${panel.framesOver50ms} of ${panel.frames} frames over 50 ms)`,
      );
    }
    console.log(`\n${lines.join('\n')}`);
    const dir = path.resolve(__dirname, '../../../bench/results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `tail-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify(results, null, 2));
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await cluster.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
