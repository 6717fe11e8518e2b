// Benchmark (a script, not a timed test): tail 1,000,000 messages of about 200 bytes from the beginning.
//  - raw:     a plain kafkajs consumer (eachBatch, counting) reading the same topic, first and between
//             the panel's rounds: each round's ratio is against the raw runs just before and after it;
//  - session: the panel's extension side without VS Code (TailSession + MessageStore + a 30/s flush
//             building the rows the webview would get), with its Node heap sampled;
//  - panel:   the real panel in code-server + chromium: messages counted by the panel per second (its
//             counters, read in the webview), the extension host's memory, the longest webview frame.
//             It tails from the beginning --rounds times (default 3) in one code-server, re-seeking the
//             same panel; the summary is the median round's ratio and the worst round's frame and heap.
//
//   node out/scripts/bench/tail.js [--messages N] [--partitions N] [--rounds N] [--topic EXISTING] [--no-browser] [--profile]
//                                  [--webview-process own]
//
// code-server serves webviews from the workbench's own origin, so chromium runs the panel on the workbench's
// main thread and heap; `--webview-process own` serves them from another site, which gets a renderer
// process of its own, as in desktop VS Code. The rounds start once the new workbench's startup work is over.
//
// The panel's result also has the CPU seconds each process (the extension host by thread) used
// from the first message counted to the last, and the bytes through the loopback interface.
// KW_BENCH_NO_FRAMES=1 leaves out the webview's requestAnimationFrame probe (frame lengths).
//
// KAFKA_BOOTSTRAP=host:port uses a running broker; otherwise one is started and stopped.
// KW_VSIX=<file> tests that VSIX (default: the repo's, built when stale). Results also go to bench/results/.
import { spawnSync } from 'child_process';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { createKafka } from '../../src/kafka/connect/connection';
import { silentLogger } from '../../src/kafka/connect/log';
import { TailSession } from '../../src/kafka/tail/tailSession';
import { MessageStore } from '../../src/panel/messageStore';
import { toRow } from '../../src/panel/rows';
import { useKafka } from '../kafka/broker';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const webviewProcess = option('--webview-process', 'shared') === 'own' ? 'own' : 'shared';

const total = Number(option('--messages', '1000000'));
const partitions = Number(option('--partitions', '3'));
/** Panel tails of the same topic in one code-server, each between two raw consumer runs. */
const rounds = Number(option('--rounds', '3'));
const withBrowser = !process.argv.includes('--no-browser');
interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  pid: number;
  tid: number;
  ts: number;
}

/** Milliseconds of the timeline's top-level kinds of work (layout, style, paint, script...), summed over the trace's threads. */
function timelineByKind(events: TraceEvent[]): Record<string, number> {
  const kinds = ['RunTask', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'UpdateLayer', 'CompositeLayers', 'HitTest', 'FunctionCall', 'EvaluateScript', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'ParseHTML', 'MajorGC', 'MinorGC'];
  const totals: Record<string, number> = {};
  for (const event of events) {
    if (event.ph === 'X' && event.dur !== undefined && kinds.includes(event.name)) {
      totals[event.name] = Math.round((totals[event.name] ?? 0) + event.dur / 1000);
    }
  }
  return totals;
}

/**
 * Also record CPU profiles of the extension host and the browser's page while it tails (bench/results/tail-*.cpuprofile),
 * and the browser's timeline (tail-renderer-trace.json; its layout, paint and script milliseconds are printed).
 */
const profileHost = process.argv.includes('--profile');
/** An existing topic with at least --messages messages: skips producing (and deleting) one. */
const reuseTopic = option('--topic', '');
const resultsDir = path.resolve(__dirname, '../../../bench/results');

function orderValue(i: number): string {
  const line = `{"orderId":${9_000_000_000_000_000_000n + BigInt(i)},"customer":"c-${i % 977}","total":${i}.10,"note":"`;
  return line + 'x'.repeat(Math.max(0, 196 - line.length)) + '"}';
}

export interface RateResult {
  messages: number;
  /** From the first message to the last. */
  seconds: number;
  perSecond: number;
  /** CPU seconds the consuming process used meanwhile, and messages per CPU second: cost, whatever else runs. */
  cpuSeconds: number;
  perCpuSecond: number;
}

export function rate(messages: number, firstAt: number, lastAt: number, cpuSeconds: number): RateResult {
  const seconds = (lastAt - firstAt) / 1000;
  return {
    messages,
    seconds: round(seconds, 2),
    perSecond: Math.round(messages / Math.max(seconds, 0.001)),
    cpuSeconds: round(cpuSeconds, 2),
    perCpuSecond: Math.round(messages / Math.max(cpuSeconds, 0.001)),
  };
}

/** CPU seconds (user + system) of this process, or of another one by pid, or of one of its threads. */
export function cpuSecondsOf(pid?: number, thread?: number): number {
  if (pid === undefined) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  }
  const stat = fs.readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime, fields 14 and 15 of /proc/pid/stat, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** A short name for a process: what it is in this benchmark (the broker, a chromium process, the extension host...). */
function processName(pid: string, cmdline: string): string {
  const type = /--type=(\S+)/.exec(cmdline)?.[1];
  const client = /--renderer-client-id=(\d+)/.exec(cmdline)?.[1];
  return cmdline.includes('extensionHost')
    ? 'extension host'
    : cmdline.includes('kafka.Kafka')
      ? 'kafka broker'
      : type
        ? `chromium ${type}${client ? ` ${client}` : ''}`
        : cmdline.includes('code-server')
          ? 'code-server'
          : Number(pid) === process.pid
            ? 'this benchmark'
            : path.basename(cmdline.split(' ')[0] || pid);
}

/** Every process now, with its short name; one that ends while we look is left out. */
function namedProcesses(): { pid: string; name: string }[] {
  const found: { pid: string; name: string }[] = [];
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      found.push({ pid, name: processName(pid, fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')) });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** The threads of a process: [tid, name], the first thread named "main". */
function threadsOf(pid: string): [string, string][] {
  return fs.readdirSync(`/proc/${pid}/task`).map((tid) => [tid, tid === pid ? 'main' : fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim()]);
}

/**
 * CPU seconds of every process now, by pid, with a short name (for where the cores went); the
 * extension host's threads separately, since its main thread and the tail's worker share it.
 */
export function cpuOfAllProcesses(): Map<string, { name: string; seconds: number }> {
  const all = new Map<string, { name: string; seconds: number }>();
  for (const { pid, name } of namedProcesses()) {
    try {
      if (name === 'extension host') {
        for (const [tid, thread] of threadsOf(pid)) {
          all.set(`${pid}/${tid}`, { name: `extension host: ${thread}`, seconds: cpuSecondsOf(Number(pid), Number(tid)) });
        }
      } else {
        all.set(pid, { name, seconds: cpuSecondsOf(Number(pid)) });
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return all;
}

/**
 * Seconds every thread of the browser, code-server and the broker has spent runnable but waiting for a core
 * (the second field of /proc/<pid>/task/<tid>/schedstat), named by process and thread: a frame that came late
 * without long work waited here.
 */
export function runQueueWaits(): Map<string, { name: string; seconds: number }> {
  const all = new Map<string, { name: string; seconds: number }>();
  for (const { pid, name } of namedProcesses()) {
    if (!/^(chromium|extension host|code-server|kafka broker)/.test(name)) continue;
    try {
      for (const [tid, thread] of threadsOf(pid)) {
        const waitedNs = Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[1]);
        all.set(`${pid}/${tid}`, { name: `${name}: ${thread}`, seconds: waitedNs / 1e9 });
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return all;
}

/** CPU seconds each kind of process used between two cpuOfAllProcesses() snapshots, most first. */
export function cpuSpent(before: Map<string, { name: string; seconds: number }>, after: Map<string, { name: string; seconds: number }>): Record<string, number> {
  const byName = new Map<string, number>();
  for (const [id, { name, seconds }] of after) {
    const spent = seconds - (before.get(id)?.seconds ?? 0);
    if (spent > 0) byName.set(name, (byName.get(name) ?? 0) + spent);
  }
  return Object.fromEntries([...byName].sort((a, b) => b[1] - a[1]).filter(([, s]) => s >= 0.05).map(([n, s]) => [n, round(s, 2)]));
}

/**
 * Waits until the workbench has been open for `atLeastSeconds` and the browser has then used under 0.2
 * CPU-s in each of `quietSeconds` seconds in a row (the frame probe alone keeps it at about 0.1); at most
 * `maxSeconds` from `openedAt`. Returns the seconds since `openedAt`. A new workbench runs deferred
 * startup work 25-45 s after it opens, bursts of 0.25-0.4 CPU-s in its renderer, after seconds of
 * quiet: the page's frames then reach 100 ms and more with the panel idle.
 */
async function waitUntilWorkbenchSettles(openedAt: number, atLeastSeconds = 60, quietSeconds = 10, maxSeconds = 150): Promise<number> {
  const browserSeconds = () => [...cpuOfAllProcesses().values()].filter(({ name }) => name.startsWith('chromium')).reduce((sum, { seconds }) => sum + seconds, 0);
  const elapsed = () => (Date.now() - openedAt) / 1000;
  let quiet = 0;
  let before = browserSeconds();
  while ((elapsed() < atLeastSeconds || quiet < quietSeconds) && elapsed() < maxSeconds) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = browserSeconds();
    quiet = now - before < 0.2 ? quiet + 1 : 0;
    before = now;
  }
  return Math.round(elapsed());
}

function loopbackBytes(): number {
  const line = fs.readFileSync('/proc/net/dev', 'utf8').split('\n').find((l) => l.trim().startsWith('lo:'));
  return Number(line?.trim().split(/\s+/)[1] ?? 0);
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

export async function produceAll(kafka: Kafka, topic: string, total: number): Promise<void> {
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
export async function rawConsumer(kafka: Kafka, topic: string, total: number): Promise<RateResult> {
  const groupId = `bench-raw-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  let count = 0;
  let firstAt = 0;
  let lastAt = 0;
  let cpuAtFirst = 0;
  let cpuAtLast = 0;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (firstAt === 0) {
          firstAt = performance.now();
          cpuAtFirst = cpuSecondsOf();
        }
        count += batch.messages.length;
        if (count >= total) {
          lastAt = performance.now();
          cpuAtLast = cpuSecondsOf();
          resolve();
        }
      },
    });
  });
  await done;
  await consumer.disconnect();
  await deleteGroup(kafka, groupId);
  return rate(count, firstAt, lastAt, cpuAtLast - cpuAtFirst);
}

/** Runs of rawConsumer on one topic, each printed and kept in order: `raw` runs one more. */
export function rawRunner(kafka: Kafka, topic: string, total: number): { runs: RateResult[]; raw: () => Promise<RateResult> } {
  const runs: RateResult[] = [];
  const raw = async () => {
    const result = await rawConsumer(kafka, topic, total);
    console.log(`raw kafkajs (run ${runs.length + 1}):`, result);
    runs.push(result);
    return result;
  };
  return { runs, raw };
}

/** The panel's extension side, without VS Code: the real session and store, rows built at 30/s like TailPanel.flush. */
export async function sessionOnly(bootstrap: string, topic: string, total: number): Promise<RateResult & { maxHeapMB: number }> {
  const kafka = createKafka({ clientId: 'bench-tail', brokers: bootstrap.split(','), connectionTimeoutMs: 10000, requestTimeoutMs: 30000 }, silentLogger);
  const store = new MessageStore(100_000);
  let firstAt = 0;
  let lastAt = 0;
  let cpuAtFirst = 0;
  let cpuAtLast = 0;
  let maxHeap = 0;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const session = new TailSession(
    kafka,
    topic,
    { start: { kind: 'beginning' } },
    {
      messages: (partition, records) => {
        if (firstAt === 0) {
          firstAt = performance.now();
          cpuAtFirst = cpuSecondsOf();
        }
        store.add(partition, records);
        if (store.received >= total && lastAt === 0) {
          lastAt = performance.now();
          cpuAtLast = cpuSecondsOf();
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
  return { ...rate(store.received, firstAt, lastAt, cpuAtLast - cpuAtFirst), maxHeapMB: Math.round(maxHeap / 1024 / 1024) };
}

/** The extension host process of a code-server (its process group), with its inspector port. */
function extensionHostProcess(serverPid: number): { pid: number; port: number } | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== serverPid || !fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('extensionHost')) continue;
      const sockets = new Set<string>();
      for (const fd of fs.readdirSync(`/proc/${entry}/fd`)) {
        const match = /socket:\[(\d+)\]/.exec(fs.readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (match) sockets.add(match[1]);
      }
      for (const line of fs.readFileSync(`/proc/${entry}/net/tcp`, 'utf8').split('\n').slice(1)) {
        const columns = line.trim().split(/\s+/);
        // State 0A is LISTEN: the inspector NODE_OPTIONS opened in this process.
        if (columns[3] === '0A' && sockets.has(columns[9])) {
          return { pid: Number(entry), port: parseInt(columns[1].split(':')[1], 16) };
        }
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

function rssMB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** Reads the extension host's V8 heap through its inspector (Chrome DevTools Protocol over a WebSocket). */
async function heapReader(
  port: number,
): Promise<{ heapMB(gc?: boolean): Promise<number>; call(method: string, params?: object): Promise<any>; close(): void }> {
  const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let nextId = 1;
  const pending = new Map<number, (result: any) => void>();
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  };
  const call = (method: string, params: object = {}) =>
    new Promise<any>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    async heapMB(gc = false) {
      if (gc) await call('HeapProfiler.collectGarbage');
      const { usedSize } = (await call('Runtime.getHeapUsage')) as { usedSize: number };
      return Math.round(usedSize / 1024 / 1024);
    },
    call,
    close: () => socket.close(),
  };
}

export interface PanelResult extends RateResult {
  /** The extension host's V8 heap: the most seen while tailing, and after a forced GC at the end. */
  maxExtensionHostHeapMB: number;
  extensionHostHeapAfterGcMB: number;
  maxExtensionHostRssMB: number;
  longestFrameMs: number;
  /** Milliseconds from the round's start (just before the click) to the end of its longest frame. */
  longestFrameEndedAfterMs: number;
  framesOver50ms: number;
  frames: number;
  /**
   * The panel's longest work on the webview's thread: one of its tasks over 50 ms (a message handler),
   * or one frame's animation callbacks with the style, layout and paint they caused (wall-clock: a
   * starved thread counts too). A long frame with short work here was starved, not busy.
   */
  longestWorkMs: number;
  /** The five longest frames: when each ended (ms after the start), and whether the panel worked in it. */
  longestFrames: LongFrame[];
  /** The longest frame in which the panel worked (see LongFrame.withUpdate). */
  longestFrameWithUpdateMs: number;
  /** The workbench page's frames with over 50 ms of work meanwhile (the five longest). */
  workbenchLongFrames: { ms: number; scripts: string[] }[];
  webviewUpdatesPerSecond: number;
  rowsSentToWebview: number;
  mostRowsInOneMessage: number;
  /** CPU seconds by kind of process from the first message counted to the last. */
  cpuByProcess: Record<string, number>;
  /** Seconds each kind of thread waited for a core meanwhile (runnable, not running). */
  waitedForCore: Record<string, number>;
  /** Bytes through the loopback interface meanwhile: the fetches (a consumer that fetched twice shows here), websockets. */
  loopbackMB: number;
}

/** One panel tail from the beginning, between two raw consumer runs: its ratio is against their mean. */
export interface PanelRound {
  rawBefore: RateResult;
  panel: PanelResult;
  rawAfter: RateResult;
  /** The webview's longest frame while `rawAfter` read (the panel idle). */
  longestFrameWhileRawAfterMs: number;
  ratio: number;
}

export interface PanelBench {
  /** `shared`: the webview on the workbench's main thread (code-server's default); `own`: a renderer process of its own (desktop VS Code). */
  webviewProcess: 'shared' | 'own';
  /** Seconds from the workbench's opening to the end of its startup work, when the measuring starts. */
  settledAfterSeconds: number;
  rounds: PanelRound[];
  /** The median round's ratio: this machine's speed drifts within a run, and rounds alternate with the reference. */
  medianRatio: number;
  /** The worst of all rounds. */
  longestFrameMs: number;
  longestWorkMs: number;
  /** The same page's longest frame with the machine idle for 5 s, and while the first raw consumer run read the topic. */
  idleLongestFrameMs: number;
  /** The longest over every raw run (the panel idle meanwhile): the frames this machine gives an idle page under the same Kafka load. */
  longestFrameWhileRawReadsMs: number;
  maxExtensionHostHeapMB: number;
}

/** "33.4 ms at 792 ms (the panel worked)", comma-separated. */
function describeLongFrames(frames: LongFrame[]): string {
  return frames.map((f) => `${f.ms} ms at ${f.endedAfterMs} ms${f.withUpdate ? ' (the panel worked)' : ''}`).join(', ');
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface LongFrame {
  ms: number;
  endedAfterMs: number;
  /**
   * The panel worked in the frame: an update reached the webview during it, or the frame began with the
   * panel's animation callbacks (its drawing, whose layout and paint lengthen this frame, not the one
   * the update arrived in). Otherwise the frame came late with nothing of the panel's to do.
   */
  withUpdate: boolean;
}

/** What the page measures (installed once; reset before each round). */
interface FrameProbe {
  longest: number;
  /** When the longest frame ended, and when the round started (page clock, ms). */
  longestAt: number;
  startedAt: number;
  over50: number;
  frames: number;
  longestWork: number;
  longFrames: LongFrame[];
  longestWithUpdate: number;
  updates: number;
  rows: number;
  maxRows: number;
}

/**
 * The real panel in code-server, tailing `topic` from the beginning `rounds` times (re-seeking the same
 * panel), with `raw` (a plain kafkajs consumer) run before the first round and after each one.
 */
export async function inBrowser(
  bootstrap: string,
  topic: string,
  total: number,
  rounds: number,
  raw: () => Promise<RateResult>,
): Promise<PanelBench> {
  // Loaded lazily: playwright and the e2e harness are only needed here.
  const { openWorkbench } = await import('../../test/e2e/harness');
  const { tailFromPalette } = await import('../../test/e2e/panelHarness');
  const wb = await openWorkbench({
    settings: { 'kafka.clusters': [{ id: 'bench', name: 'Bench', bootstrapServers: bootstrap }] },
    viewport: { width: 1400, height: 900 },
    webviewsInOwnProcess: webviewProcess === 'own',
    // Every Node process of code-server listens for an inspector on a free port; we read the extension host's heap.
    env: { NODE_OPTIONS: '--inspect=127.0.0.1:0' },
  });
  const openedAt = Date.now();
  let heap: Awaited<ReturnType<typeof heapReader>> | undefined;
  try {
    const frame = await tailFromPalette(wb.page, topic);
    const host = extensionHostProcess(wb.server.pid);
    if (!host) throw new Error('no extension host process with an inspector found');
    heap = await heapReader(host.port);
    await frame.locator('#start-kind').selectOption('beginning');
    // Frame timing inside the webview: every animation frame's length, from the browser's own clock.
    await frame.locator('body').evaluate((_body, watchFrames) => {
      const page = globalThis as any;
      // What a round measures, from its start: the same fields at install and at every reset.
      const roundStart = () => ({
        longest: 0, longestAt: 0, startedAt: performance.now(), stopAt: 0, over50: 0, frames: 0,
        longestWork: 0, longFrames: [] as { ms: number; endedAfterMs: number; withUpdate: boolean }[],
        longestWithUpdate: 0, updates: 0, rows: 0, maxRows: 0,
      });
      const probe = { ...roundStart(), last: 0, lastUpdateAt: 0, drewInFrame: 0 };
      page.__probe = probe;
      page.__resetProbe = () => Object.assign(probe, roundStart());
      // What reaches the webview: updates (at most ~30 a second by design) and the rows they carry.
      page.addEventListener('message', (event: any) => {
        if (event.data?.type === 'update' || event.data?.type === 'rows') {
          const rows = event.data.rows?.length ?? 0;
          probe.updates += event.data.type === 'update' ? 1 : 0;
          probe.lastUpdateAt = performance.now();
          probe.rows += rows;
          probe.maxRows = Math.max(probe.maxRows, rows);
        }
      });
      // The panel's work. Chromium reports long-animation-frame entries only to the top-level page, never
      // inside the webview's iframes, so the probe takes this page's own long tasks (over 50 ms; "self":
      // the workbench's are reported here too when it shares the thread) and times each frame's animation
      // callbacks through the rendering they cause (a task posted in the frame runs after its rendering).
      // Frames and work after the round's last message are not the tail's (this process then reads /proc, for one).
      const inRound = (at: number) => !(probe.stopAt > 0 && at > probe.stopAt);
      const work = (ms: number) => {
        if (inRound(performance.now())) probe.longestWork = Math.max(probe.longestWork, ms);
      };
      try {
        new page.PerformanceObserver((list: any) => {
          for (const entry of list.getEntries()) if (entry.name === 'self') work(entry.duration);
        }).observe({ type: 'longtask' });
      } catch {
        // Not in this browser.
      }
      const requestFrame = page.requestAnimationFrame.bind(page);
      let frameWorkStartedAt = 0;
      const afterRendering = new page.MessageChannel();
      afterRendering.port1.onmessage = () => {
        work(performance.now() - frameWorkStartedAt);
        frameWorkStartedAt = 0;
      };
      page.requestAnimationFrame = (callback: (now: number) => void) =>
        requestFrame((now: number) => {
          probe.drewInFrame = now;
          if (frameWorkStartedAt === 0) {
            frameWorkStartedAt = performance.now();
            afterRendering.port2.postMessage(0);
          }
          callback(now);
        });
      const tick = (now: number) => {
        if (probe.last > 0 && inRound(now)) {
          const length = now - probe.last;
          probe.frames++;
          if (length > probe.longest) {
            probe.longest = length;
            probe.longestAt = now;
          }
          if (length > 50) probe.over50++;
          // The panel's callbacks ran in the frame that began at probe.last: its rendering ends this one.
          const withUpdate = probe.lastUpdateAt > probe.last || probe.drewInFrame === probe.last;
          if (withUpdate) probe.longestWithUpdate = Math.max(probe.longestWithUpdate, length);
          if (probe.longFrames.length < 5 || length > probe.longFrames[4].ms) {
            probe.longFrames.push({ ms: Math.round(length * 10) / 10, endedAfterMs: Math.round(now - probe.startedAt), withUpdate });
            probe.longFrames.sort((a, b) => b.ms - a.ms).splice(5);
          }
        }
        probe.last = now;
        requestFrame(tick);
      };
      if (watchFrames) requestFrame(tick);
    }, process.env.KW_BENCH_NO_FRAMES !== '1');
    // The workbench's own long frames (the page around the webview, on the same main thread here).
    await wb.page.evaluate(() => {
      const page = globalThis as any;
      page.__workbenchFrames = [];
      new page.PerformanceObserver((list: any) => {
        for (const entry of list.getEntries()) {
          page.__workbenchFrames.push({
            ms: Math.round(entry.duration),
            scripts: entry.scripts.map((s: any) => `${String(s.sourceURL ?? "").split("/").pop()} ${s.sourceFunctionName || s.invoker} ${Math.round(s.duration)} ms`),
          });
          page.__workbenchFrames.sort((a: any, b: any) => b.ms - a.ms).splice(5);
        }
      }).observe({ type: 'long-animation-frame' });
    });
    const resetWorkbenchFrames = () => wb.page.evaluate(() => ((globalThis as any).__workbenchFrames = []));
    const readWorkbenchFrames = () => wb.page.evaluate(() => (globalThis as any).__workbenchFrames as { ms: number; scripts: string[] }[]);
    const resetProbe = () => frame.locator('body').evaluate(() => (globalThis as any).__resetProbe());
    const readProbe = () => frame.locator('body').evaluate(() => (globalThis as any).__probe as FrameProbe);
    const renderer = profileHost ? await wb.page.context().newCDPSession(wb.page) : undefined;
    const traceEvents: TraceEvent[] = [];
    // The page tells when its counter reaches a count (a MutationObserver in the webview): polling it
    // from here cost this process most of a CPU second per run. `below` waits for a reset first;
    // `endsRound` stops the frame probe there.
    const countedAt = (atLeast: number, below = Number.POSITIVE_INFINITY, endsRound = false) =>
      frame.locator('#counters').evaluate(
        (element, [n, under, ends]) =>
          new Promise<number>((resolve) => {
            const received = () => Number((/Received ([\d,]+)/.exec(element.textContent ?? '')?.[1] ?? '0').replace(/,/g, ''));
            let wasReset = received() < under;
            const check = () => {
              wasReset ||= received() < under;
              if (wasReset && received() >= n) {
                observer.disconnect();
                if (ends) (globalThis as any).__probe.stopAt = performance.now();
                resolve(performance.now());
              }
            };
            // Runs in the page: this tsconfig has no DOM types.
            const observer = new (globalThis as any).MutationObserver(check);
            observer.observe(element, { childList: true, subtree: true, characterData: true });
            check();
          }),
        [atLeast, below, endsRound] as const,
      );
    const measureRound = async (): Promise<PanelResult> => {
      let maxRss = 0;
      let maxHeap = 0;
      const sampleMemory = async () => {
        maxRss = Math.max(maxRss, rssMB(host.pid));
        maxHeap = Math.max(maxHeap, await heap!.heapMB());
      };
      await resetProbe();
      await resetWorkbenchFrames();
      // Before the click: the count of the last round must drop (the seek resets it) before this one's first message counts.
      const first = countedAt(1, total);
      await frame.locator('#start-apply').click();
      const firstInPage = await first;
      const firstAt = performance.now();
      const cpuAtFirst = cpuSecondsOf(host.pid);
      const processesAtFirst = cpuOfAllProcesses();
      const waitsAtFirst = runQueueWaits();
      const loopbackAtFirst = loopbackBytes();
      const sampler = setInterval(() => void sampleMemory(), 1000);
      let giveUp: NodeJS.Timeout | undefined;
      let lastInPage: number;
      try {
        lastInPage = await Promise.race([
          countedAt(total, Number.POSITIVE_INFINITY, true),
          new Promise<never>((_, reject) => (giveUp = setTimeout(() => reject(new Error(`the panel did not count ${total} messages in 15 minutes`)), 15 * 60_000))),
        ]);
      } finally {
        clearInterval(sampler);
        clearTimeout(giveUp);
      }
      const cpuAtLast = cpuSecondsOf(host.pid);
      const processesAtLast = cpuOfAllProcesses();
      const waitsAtLast = runQueueWaits();
      const loopbackMB = Math.round((loopbackBytes() - loopbackAtFirst) / 1e6);
      const lastAt = firstAt + (lastInPage - firstInPage);
      const probe = await readProbe();
      const workbenchFrames = await readWorkbenchFrames();
      maxHeap = Math.max(maxHeap, await heap!.heapMB());
      const heapAfterGc = await heap!.heapMB(true);
      return {
        ...rate(total, firstAt, lastAt, cpuAtLast - cpuAtFirst),
        maxExtensionHostHeapMB: maxHeap,
        extensionHostHeapAfterGcMB: heapAfterGc,
        maxExtensionHostRssMB: maxRss,
        longestFrameMs: round(probe.longest, 1),
        longestFrameEndedAfterMs: Math.round(probe.longestAt - probe.startedAt),
        framesOver50ms: probe.over50,
        frames: probe.frames,
        longestWorkMs: round(probe.longestWork, 1),
        longestFrames: probe.longFrames,
        longestFrameWithUpdateMs: round(probe.longestWithUpdate, 1),
        workbenchLongFrames: workbenchFrames,
        webviewUpdatesPerSecond: round(probe.updates / Math.max(0.001, (lastAt - firstAt) / 1000), 1),
        rowsSentToWebview: probe.rows,
        mostRowsInOneMessage: probe.maxRows,
        cpuByProcess: cpuSpent(processesAtFirst, processesAtLast),
        waitedForCore: cpuSpent(waitsAtFirst, waitsAtLast),
        loopbackMB,
      };
    };
    const settledAfterSeconds = await waitUntilWorkbenchSettles(openedAt);
    console.log(`the workbench's startup work was over ${settledAfterSeconds} s after it opened`);
    if (profileHost) {
      await heap.call('Profiler.enable');
      await heap.call('Profiler.start');
      await renderer!.send('Profiler.enable');
      await renderer!.send('Profiler.start');
      renderer!.on('Tracing.dataCollected', ({ value }) => traceEvents.push(...(value as unknown as TraceEvent[])));
      await renderer!.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
    }
    const results: PanelRound[] = [];
    // References for the frames, in the same page: the machine idle, and busy with the raw consumer (not the panel).
    await resetProbe();
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const idle = await readProbe();
    await resetProbe();
    let rawBefore = await raw();
    const whileRawReads = await readProbe();
    console.log(`longest webview frame: ${round(idle.longest, 1)} ms idle (5 s), ${round(whileRawReads.longest, 1)} ms while the raw consumer read`);
    for (let i = 1; i <= rounds; i++) {
      const panel = await measureRound();
      await resetProbe();
      const rawAfter = await raw();
      const longestFrameWhileRawAfterMs = round((await readProbe()).longest, 1);
      const ratio = round(panel.perSecond / ((rawBefore.perSecond + rawAfter.perSecond) / 2), 2);
      console.log(
        `round ${i}: panel ${panel.perSecond} msg/s, raw ${rawBefore.perSecond} before and ${rawAfter.perSecond} after: ${ratio}x; ` +
          `longest frame ${panel.longestFrameMs} ms (ended ${panel.longestFrameEndedAfterMs} ms after the start; the longest: ${describeLongFrames(panel.longestFrames)}); ` +
          `the panel's longest work ${panel.longestWorkMs} ms; extension host heap max ${panel.maxExtensionHostHeapMB} MB; ` +
          `longest frame while the raw consumer read next ${longestFrameWhileRawAfterMs} ms`,
      );
      results.push({ rawBefore, panel, rawAfter, longestFrameWhileRawAfterMs, ratio });
      rawBefore = rawAfter;
    }
    if (profileHost) {
      const { profile } = await heap.call('Profiler.stop');
      fs.mkdirSync(resultsDir, { recursive: true });
      fs.writeFileSync(path.join(resultsDir, 'tail-extension-host.cpuprofile'), JSON.stringify(profile));
      const { profile: rendererProfile } = await renderer!.send('Profiler.stop');
      fs.writeFileSync(path.join(resultsDir, 'tail-renderer.cpuprofile'), JSON.stringify(rendererProfile));
      const traced = new Promise((resolve) => renderer!.once('Tracing.tracingComplete', resolve));
      await renderer!.send('Tracing.end');
      await traced;
      fs.writeFileSync(path.join(resultsDir, 'tail-renderer-trace.json'), JSON.stringify({ traceEvents }));
      console.log(`browser main threads' work while tailing, by kind (ms): ${JSON.stringify(timelineByKind(traceEvents))}`);
    }
    return {
      webviewProcess,
      settledAfterSeconds,
      rounds: results,
      medianRatio: median(results.map((r) => r.ratio)),
      longestFrameMs: Math.max(...results.map((r) => r.panel.longestFrameMs)),
      longestWorkMs: Math.max(...results.map((r) => r.panel.longestWorkMs)),
      idleLongestFrameMs: round(idle.longest, 1),
      longestFrameWhileRawReadsMs: Math.max(round(whileRawReads.longest, 1), ...results.map((r) => r.longestFrameWhileRawAfterMs)),
      maxExtensionHostHeapMB: Math.max(...results.map((r) => r.panel.maxExtensionHostHeapMB)),
    };
  } finally {
    heap?.close();
    await wb.close();
  }
}

async function main(): Promise<void> {
  if (withBrowser && typeof WebSocket === 'undefined') {
    // Node 20 has a WebSocket client only behind a flag: run again with it.
    const again = spawnSync(process.execPath, ['--experimental-websocket', ...process.argv.slice(1)], { stdio: 'inherit' });
    process.exit(again.status ?? 1);
  }
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const cluster = await useKafka();
  const kafka = new Kafka({ clientId: 'bench-tail-raw', brokers: cluster.bootstrap.split(','), logLevel: logLevel.NOTHING });
  const topic = reuseTopic || `bench-tail-${randomUUID().slice(0, 8)}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!reuseTopic) {
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
      await produceAll(kafka, topic, total);
    }
    const { runs: rawRuns, raw } = rawRunner(kafka, topic, total);
    await raw();
    const session = await sessionOnly(cluster.bootstrap, topic, total);
    console.log('panel extension side, no VS Code:', session);
    const panel = withBrowser ? await inBrowser(cluster.bootstrap, topic, total, rounds, raw) : (await raw(), undefined);
    const rawMean = Math.round(rawRuns.reduce((sum, r) => sum + r.perSecond, 0) / rawRuns.length);
    const rawPerCpu = Math.round(rawRuns.reduce((sum, r) => sum + r.perCpuSecond, 0) / rawRuns.length);
    const lines = [
      `raw kafkajs: ${rawMean.toLocaleString('en-US')} msg/s (mean of ${rawRuns.map((r) => r.perSecond).join(', ')}), ${rawPerCpu.toLocaleString('en-US')} msg per CPU second`,
      `panel extension side: ${session.perSecond.toLocaleString('en-US')} msg/s = ${(session.perSecond / rawMean).toFixed(2)}x raw; ` +
        `per CPU second ${(session.perCpuSecond / rawPerCpu).toFixed(2)}x raw; max Node heap ${session.maxHeapMB} MB`,
    ];
    for (const [i, { panel: round, ratio }] of (panel?.rounds ?? []).entries()) {
      lines.push(
        `panel in code-server, round ${i + 1}: ${round.perSecond.toLocaleString('en-US')} msg/s = ${ratio.toFixed(2)}x raw (its neighbours); ` +
          `per CPU second ${(round.perCpuSecond / rawPerCpu).toFixed(2)}x raw; ` +
          `extension host heap max ${round.maxExtensionHostHeapMB} MB (${round.extensionHostHeapAfterGcMB} MB after GC, RSS max ${round.maxExtensionHostRssMB} MB); ` +
          `longest webview frame ${round.longestFrameMs} ms, ${round.longestFrameWithUpdateMs} ms of those in which the panel worked ` +
          `(${round.framesOver50ms} of ${round.frames} frames over 50 ms; the panel's longest work ${round.longestWorkMs} ms); ` +
          `webview got ${round.webviewUpdatesPerSecond} updates/s and ${round.rowsSentToWebview.toLocaleString('en-US')} rows in all`,
      );
    }
    if (panel) {
      lines.push(
        `panel in code-server (webview process: ${panel.webviewProcess}), ${panel.rounds.length} round(s): median ${panel.medianRatio.toFixed(2)}x raw; ` +
          `longest webview frame ${panel.longestFrameMs} ms, ${Math.max(...panel.rounds.map((r) => r.panel.longestFrameWithUpdateMs))} ms of those in which the panel worked ` +
          `(${panel.idleLongestFrameMs} ms idle, ${panel.longestFrameWhileRawReadsMs} ms while the raw consumer read); the panel's longest work ${panel.longestWorkMs} ms; ` +
          `extension host heap max ${panel.maxExtensionHostHeapMB} MB`,
      );
    }
    console.log(`\n${lines.join('\n')}`);
    const results = { messages: total, partitions, rawRuns, session, panel };
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, `tail-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify(results, null, 2));
  } finally {
    if (!reuseTopic) {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    }
    await admin.disconnect();
    await cluster.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
