// `npm run bench`: every benchmark in turn on one broker, then one table in which each figure stands
// next to its reference measured in the same run, and all the numbers in bench/results/bench-<time>.json.
//   - produce (produce.ts): the extension's produce path vs raw kafkajs batched sends, kcat -P as the ceiling;
//   - tail (tail.ts): the panel in code-server and its extension side alone vs a raw kafkajs consumer, kcat -C as the ceiling;
//   - tree (topics.ts): the Topics node with 10,000 topics in a real extension host vs raw admin calls,
//     and the extension's activation time in that host;
//   - the VSIX's size.
//
//   node out/scripts/bench/all.js [--quick]
//
// --quick: smaller sizes for a fast check. KAFKA_BOOTSTRAP=host:port uses a running broker; otherwise
// one is started and stopped. Expects the build of scripts/setup.sh (scripts/bench.sh runs both).
import { spawnSync } from 'child_process';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Kafka, logLevel } from 'kafkajs';
import { useKafka } from '../kafka/broker';
import { kcatConsume, kcatVersion } from './kcat';
import { benchProduce, type ProduceBenchResult } from './produce';
import { inBrowser, median, produceAll, rawRunner, sessionOnly, type PanelBench, type RateResult } from './tail';
import { benchTopics, type TopicsBenchResult } from './topics';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const quick = process.argv.includes('--quick');
const sizes = quick
  ? { tailMessages: 100_000, tailPartitions: 3, tailRounds: 1, produceRecords: 20_000, produceRounds: 1, producePartitions: [1, 3], topics: 1_000, topicRounds: 3 }
  : { tailMessages: 1_000_000, tailPartitions: 3, tailRounds: 3, produceRecords: 100_000, produceRounds: 3, producePartitions: [1, 3], topics: 10_000, topicRounds: 5 };

/** A part that failed is reported in its rows, not thrown: the other parts still run. */
type Outcome<T> = T | { error: string };

async function attempt<T>(what: string, run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return await run();
  } catch (error) {
    console.error(`${what} failed:`, error);
    return { error: (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200) };
  }
}

function failed<T extends object>(outcome: Outcome<T> | undefined): outcome is { error: string } {
  return outcome !== undefined && 'error' in outcome;
}

interface TailBenchResult {
  messages: number;
  partitions: number;
  /** Every raw kafkajs consumer run, in order: the first, then one after each panel round (or one more without the panel). */
  rawRuns: RateResult[];
  kcat?: Outcome<RateResult>;
  session: Outcome<RateResult & { maxHeapMB: number }>;
  panel: Outcome<PanelBench>;
}

/** tail.ts's readers on one topic: raw first, then the others, the panel's rounds alternating with raw runs. */
async function benchTail(bootstrap: string, messages: number, partitions: number, withKcat: boolean): Promise<TailBenchResult> {
  const kafka = new Kafka({ clientId: 'bench-tail-raw', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topic = `bench-tail-${randomUUID().slice(0, 8)}`;
  const { runs: rawRuns, raw } = rawRunner(kafka, topic, messages);
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
    await produceAll(kafka, topic, messages);
    await raw();
    const kcat = withKcat ? await attempt('kcat -C', () => kcatConsume(bootstrap, topic, messages)) : undefined;
    console.log('kcat -C:', kcat);
    const session = await attempt('panel extension side', () => sessionOnly(bootstrap, topic, messages));
    console.log('panel extension side, no VS Code:', session);
    const panel = await attempt('panel in code-server', () => inBrowser(bootstrap, topic, messages, sizes.tailRounds, raw));
    if (rawRuns.length < 2) await raw();
    return { messages, partitions, rawRuns, kcat, session, panel };
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

interface Row {
  name: string;
  figure: string;
  reference: string;
  ratio: string;
  goal: string;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${count(n)} ms`;
const times = (n: number) => `${n.toFixed(2)}×`;

/** A row for a part that failed or could not run. */
function missing(name: string, why: string, goal = ''): Row {
  return { name, figure: why, reference: '', ratio: '', goal };
}

function tailRows(tail: Outcome<TailBenchResult>, kcat: string | undefined): Row[] {
  const title = `tail ${count(sizes.tailMessages)} × ~200 B, ${sizes.tailPartitions} partitions`;
  if (failed(tail)) return [missing(title, `failed: ${tail.error}`)];
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const raw = mean(tail.rawRuns.map((r) => r.perSecond));
  const rawPerCpu = mean(tail.rawRuns.map((r) => r.perCpuSecond));
  const reference = `raw kafkajs consumer ${count(raw)} msg/s`;
  const rateRow = (name: string, result: Outcome<RateResult> | undefined, goal: string): Row =>
    failed(result) || result === undefined
      ? missing(name, result === undefined ? `kcat not installed (apt-get install kcat)` : `failed: ${result.error}`, goal)
      : { name, figure: `${count(result.perSecond)} msg/s`, reference, ratio: times(result.perSecond / raw), goal };
  const panelName = `${title}: panel in code-server`;
  if (failed(tail.panel)) {
    return [missing(panelName, `failed: ${tail.panel.error}`, '≥ 0.9×'), rateRow('tail: panel, extension side without VS Code', tail.session, '')];
  }
  const panel = tail.panel;
  const rounds = panel.rounds;
  const perSecond = median(rounds.map((r) => r.panel.perSecond));
  const roundRatios = rounds.map((r) => times(r.ratio)).join(', ');
  return [
    {
      name: `${panelName} (median of ${rounds.length} rounds, each against the raw runs beside it)`,
      figure: `${count(perSecond)} msg/s`,
      reference,
      ratio: `${times(panel.medianRatio)} (${roundRatios})`,
      goal: '≥ 0.9×',
    },
    rateRow('tail: panel, extension side without VS Code', tail.session, ''),
    rateRow(`tail: kcat -C (ceiling${kcat ? `, ${kcat}` : ''})`, tail.kcat, ''),
    {
      name: 'tail: panel, messages per CPU second of its process (median round)',
      figure: count(median(rounds.map((r) => r.panel.perCpuSecond))),
      reference: `raw kafkajs ${count(rawPerCpu)}`,
      ratio: times(median(rounds.map((r) => r.panel.perCpuSecond)) / rawPerCpu),
      goal: '',
    },
    {
      name: 'tail: panel, longest webview frame (worst round)',
      figure: `${panel.longestFrameMs} ms`,
      reference:
        `rounds ${rounds.map((r) => r.panel.longestFrameMs).join(', ')} ms; ` +
        `of the frames in which the panel worked ${rounds.map((r) => r.panel.longestFrameWithUpdateMs).join(', ')} ms; ` +
        `the panel's longest work (a task of its own over 50 ms, or a frame's callbacks and rendering) ${rounds.map((r) => r.panel.longestWorkMs).join(', ')} ms; ` +
        `same page idle ${panel.idleLongestFrameMs} ms, while raw kafkajs reads ${panel.longestFrameWhileRawReadsMs} ms`,
      ratio: '',
      goal: '< 50 ms',
    },
    {
      name: 'tail: panel, extension host heap (max / after GC, worst round)',
      figure: `${panel.maxExtensionHostHeapMB} / ${Math.max(...rounds.map((r) => r.panel.extensionHostHeapAfterGcMB))} MB`,
      reference: '',
      ratio: '',
      goal: '< 300 MB',
    },
  ];
}

function produceRows(produce: Outcome<ProduceBenchResult>): Row[] {
  const title = `produce ${count(sizes.produceRecords)} JSON Lines × ~200 B`;
  if (failed(produce)) return [missing(title, `failed: ${produce.error}`)];
  const perSecond = (ms: number) => (produce.records / ms) * 1000;
  const rows: Row[] = [];
  for (const p of produce.byPartitions) {
    const reference = `raw kafkajs batched ${count(perSecond(p.rawMs))} rec/s`;
    const where = `${p.partitions} partition${p.partitions === 1 ? '' : 's'}`;
    rows.push({ name: `${title}, ${where}: extension`, figure: `${count(perSecond(p.oursMs))} rec/s`, reference, ratio: times(p.rawMs / p.oursMs), goal: '≥ 0.9×' });
    rows.push(
      p.kcatMs === undefined
        ? missing(`produce, ${where}: kcat -P (ceiling)`, 'kcat not installed (apt-get install kcat)')
        : { name: `produce, ${where}: kcat -P (ceiling)`, figure: `${count(perSecond(p.kcatMs))} rec/s`, reference, ratio: times(p.rawMs / p.kcatMs), goal: '' },
    );
  }
  const onePartition = produce.byPartitions[0];
  rows.push({
    name: `produce: validation of the ${count(produce.records)} lines`,
    figure: ms(produce.validation.medianMs),
    reference: `whole produce, ${onePartition.partitions} partition: ${ms(onePartition.oursMs)}`,
    ratio: times(produce.validation.medianMs / onePartition.oursMs),
    goal: '< 300 ms',
  });
  const blocks = produce.byPartitions.map((p) => p.longestBlock).concat(produce.validation.longestBlock);
  rows.push({
    name: 'produce: longest event-loop block (main-thread CPU / wall-clock)',
    figure: `${ms(Math.max(...blocks.map((b) => b.cpuMs)))} / ${ms(Math.max(...blocks.map((b) => b.wallMs)))}`,
    reference: '',
    ratio: '',
    goal: '≤ 100 ms',
  });
  return rows;
}

function topicsRows(topics: Outcome<TopicsBenchResult>): Row[] {
  const title = `tree: Topics node with ${count(sizes.topics)} topics, expand`;
  if (failed(topics)) return [missing(title, `failed: ${topics.error}`), missing('activation (real extension host)', 'failed with the tree benchmark')];
  const raw = topics.rawListTopicsPlusFetchTopicMetadataMs.median;
  return [
    {
      name: title,
      figure: ms(topics.treeExpandMs.median),
      reference: `raw listTopics + fetchTopicMetadata ${ms(raw)}`,
      ratio: times(topics.treeExpandMs.median / raw),
      goal: '≤ 1.2×, < 1 s',
    },
    topics.activationMs === undefined
      ? missing('activation (real extension host)', 'VS Code had activated it before the benchmark')
      : { name: 'activation (real extension host)', figure: ms(topics.activationMs), reference: '', ratio: '', goal: '' },
  ];
}

function vsixRow(): { row: Row; bytes?: number } {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const file = path.join(repoRoot, `${name}-${version}.vsix`);
  if (!fs.existsSync(file)) return { row: missing('VSIX size', `no ${path.basename(file)} (npm run package)`) };
  const bytes = fs.statSync(file).size;
  return { row: { name: 'VSIX size', figure: `${(bytes / 1024).toFixed(0)} KiB`, reference: '', ratio: '', goal: '' }, bytes };
}

function table(rows: Row[]): string {
  const header: Row = { name: 'benchmark', figure: 'figure', reference: 'reference (same run)', ratio: 'ratio', goal: 'goal' };
  const columns = ['name', 'figure', 'reference', 'ratio', 'goal'] as const;
  const widths = columns.map((c) => Math.max(...[header, ...rows].map((r) => r[c].length)));
  const line = (r: Row) => `| ${columns.map((c, i) => r[c].padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  if (typeof WebSocket === 'undefined') {
    // Node 20 has a WebSocket client (the tail benchmark reads the extension host's heap with it) only behind a flag.
    const again = spawnSync(process.execPath, ['--experimental-websocket', ...process.argv.slice(1)], { stdio: 'inherit' });
    process.exit(again.status ?? 1);
  }
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const started = new Date();
  const loadBefore = os.loadavg()[0];
  const kcat = kcatVersion();
  const cluster = await useKafka();
  const external = Boolean(process.env.KAFKA_BOOTSTRAP);
  let produce: Outcome<ProduceBenchResult>;
  let tail: Outcome<TailBenchResult>;
  let topics: Outcome<TopicsBenchResult>;
  try {
    console.log(`Kafka ${cluster.version} at ${cluster.bootstrap}; ${kcat ?? 'kcat not installed'}; ${quick ? 'quick sizes' : 'full sizes'}`);
    console.log('\n== produce');
    produce = await attempt('produce', () =>
      benchProduce(cluster.bootstrap, { records: sizes.produceRecords, rounds: sizes.produceRounds, partitions: sizes.producePartitions }),
    );
    console.log('\n== tail');
    tail = await attempt('tail', () => benchTail(cluster.bootstrap, sizes.tailMessages, sizes.tailPartitions, kcat !== undefined));
    // Last: its thousands of topics would slow the others down; a broker of our own goes with them.
    console.log('\n== tree and activation');
    topics = await attempt('tree', () => benchTopics(cluster.bootstrap, { topics: sizes.topics, rounds: sizes.topicRounds, deleteAfter: external }));
  } finally {
    await cluster.stop();
  }
  const vsix = vsixRow();
  const rows = [...tailRows(tail, kcat), ...produceRows(produce), ...topicsRows(topics), vsix.row];
  const loadAfter = os.loadavg()[0];
  const seconds = Math.round((Date.now() - started.getTime()) / 1000);
  console.log(`\n${table(rows)}`);
  console.log(
    `ratios: throughput against the reference (above 1 is faster), times against the reference (below 1 is faster). ` +
      `Load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end, on ${os.cpus().length} cores; ${seconds} s in all.`,
  );
  const resultsDir = path.join(repoRoot, 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  const machine = { cpus: os.cpus().length, loadBefore, loadAfter, node: process.version };
  const results = { produce, tail, topics, vsixBytes: vsix.bytes };
  fs.writeFileSync(file, JSON.stringify({ date: started.toISOString(), quick, sizes, kafka: cluster.version, kcat, machine, seconds, results, table: rows }, null, 2) + '\n');
  console.log(`written to ${path.relative(repoRoot, file)}`);
  if (rows.some((row) => row.figure.startsWith('failed'))) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
