// A real Kafka broker (KRaft, no Docker) from Maven Central jars, for tests and local use.
// The jars stay in ~/.m2; the computed classpath is cached per version under ~/.cache/kafka-workbench.
import { spawn, type ChildProcess } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import {
  kafkajsSecurity,
  LISTENER_NAMES,
  listenerKinds,
  prepareSecurity,
  scramFormatArgs,
  serverSecurityProperties,
  type AnyListener,
  type ClusterSecurity,
  type ListenerKind,
} from './security';

export type { AnyListener, ClusterSecurity, ListenerKind } from './security';
export { WRONG_HOST_NAME } from './tls';

export const DEFAULT_KAFKA_VERSION = '4.4.0';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface KafkaCluster {
  /** Comma-separated host:port list of all nodes, on the first client listener. */
  bootstrap: string;
  /** The bootstrap list of each client listener (`wrong_host`: TLS whose certificate names another host). */
  listeners: Partial<Record<AnyListener, string>>;
  /** Users, passwords and PEM files of a SCRAM or TLS cluster. */
  security?: ClusterSecurity;
  /** kafkajs `sasl`/`ssl` options that work for `listener` (default: the first); empty for PLAINTEXT. */
  clientConfig(listener?: AnyListener): Pick<KafkaConfig, 'sasl' | 'ssl'>;
  version: string;
  classpath: string;
  /** Node ids (1..n); empty for an external broker (KAFKA_BOOTSTRAP). */
  nodeIds: number[];
  stop(): Promise<void>;
  /** Graceful stop of one node (SIGTERM: controlled shutdown), or `kill` (SIGKILL: it just dies); its data stays for startNode. */
  stopNode(id: number, opts?: { kill?: boolean }): Promise<void>;
  /** Restarts a stopped node and waits until it is back in the cluster's metadata. */
  startNode(id: number): Promise<void>;
  /**
   * Resolves once every node's own metadata lists every node. A node can drop out for a moment after start
   * (fenced when its heartbeats are late on a starved machine), so a replicated create waits for this first.
   */
  untilAllNodesListed(): Promise<void>;
  /** Runs a JVM main class (console tools) with the broker's classpath. */
  runTool(mainClass: string, args: string[], input?: string, opts?: { timeoutMs?: number }): Promise<ToolResult>;
}

export interface StartOptions {
  version?: string;
  /** 1 (default) or more; every node is broker+controller. */
  nodes?: number;
  /** Receives every broker log line (prefixed with [node N] when nodes > 1). */
  log?: (line: string) => void;
  /** Root folder for node data; reused (not formatted again, not removed) if already formatted. Default: a fresh temp dir, removed by stop(). */
  dataDir?: string;
  /** Default 60 s for one node, 120 s for more. */
  readyTimeoutMs?: number;
  /** Maximum heap of each broker JVM; default 512 MB for one node, 256 MB each for more. */
  heapMb?: number;
  /**
   * Client listeners (default PLAINTEXT). 'scram': SASL_PLAINTEXT with SCRAM-SHA-512 and -256 users made at
   * format time; 'ssl': TLS with a CA made for this cluster; 'sasl_ssl': both. Any TLS listener adds 'wrong_host'.
   * The first one is also the inter-broker listener, so brokers talk to each other with the same security.
   */
  security?: ListenerKind | ListenerKind[];
  /** TLS listeners require a client certificate (mutual TLS). */
  mutualTls?: boolean;
  /** Extra server.properties lines, e.g. { 'delete.topic.enable': 'false' }; they override the defaults. */
  properties?: Record<string, string>;
}

const KAFKA_DIR = findKafkaDir();
const POM = path.join(KAFKA_DIR, 'pom.xml');
const JAVA = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
// C1 only (TieredStopAtLevel=1): a test broker's start-up time matters more than peak throughput.
const brokerJvm = (heapMb: number): string[] =>
  [`-Xmx${heapMb}m`, `-Xms${Math.min(128, heapMb)}m`, '-XX:+UseG1GC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true'];
// Tools are short-lived: C1 only and serial GC.
const TOOL_JVM = ['-Xmx192m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Djava.awt.headless=true'];
const LOG_TAIL = 40;

// Works both from scripts/kafka (ts-node) and from out/scripts/kafka (compiled).
function findKafkaDir(): string {
  for (const dir of [__dirname, path.resolve(__dirname, '../../../scripts/kafka')]) {
    if (fs.existsSync(path.join(dir, 'pom.xml'))) return dir;
  }
  throw new Error(`scripts/kafka/pom.xml not found from ${__dirname}`);
}

function major(version: string): number {
  return Number.parseInt(version, 10);
}

function atLeast(version: string, min: string): boolean {
  const [a, b] = [version, min].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

function logArgs(version: string, level: 'INFO' | 'WARN'): string[] {
  return major(version) >= 4
    ? [`-Dlog4j2.configurationFile=${path.join(KAFKA_DIR, 'log4j2.xml')}`, `-Dkafka.logLevel=${level}`]
    : [`-Dlog4j.configuration=file:${path.join(KAFKA_DIR, 'log4j.properties')}`, `-Dkafka.logLevel=${level}`];
}

function cacheDir(version: string): string {
  // KW_CACHE_HOME: the caller's cache, passed to code-server's extension host, whose XDG_CACHE_HOME is a throwaway folder.
  const base = process.env.KW_CACHE_HOME || process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'kafka-workbench', `kafka-${version}`);
}

/** Jars for `version` (downloaded by Maven on first use); returns the classpath string. */
export async function resolveClasspath(version = DEFAULT_KAFKA_VERSION, log?: (line: string) => void): Promise<string> {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`Bad Kafka version "${version}"`);
  const dir = cacheDir(version);
  const cpFile = path.join(dir, 'classpath.txt');
  const stampFile = path.join(dir, 'pom.sha256');
  const stamp = crypto.createHash('sha256').update(fs.readFileSync(POM)).digest('hex');
  try {
    const cp = fs.readFileSync(cpFile, 'utf8').trim();
    if (fs.readFileSync(stampFile, 'utf8').trim() === stamp && cp.split(path.delimiter).every((j) => fs.existsSync(j))) return cp;
  } catch {
    // no cache yet
  }
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${cpFile}.${process.pid}.tmp`;
  log?.(`Resolving Kafka ${version} jars with Maven...`);
  // Full plugin coordinates: no plugin-prefix lookup in remote metadata.
  const args = ['-q', '-B', '-Dstyle.color=never', '-f', POM,
    'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath',
    `-Dkafka.version=${version}`, `-Dkafka.line=${major(version)}`, `-Dmdep.outputFile=${tmp}`];
  const r = await run('mvn', args, { cwd: dir });
  if (r.code !== 0) {
    throw new Error(`mvn could not resolve Kafka ${version} (exit ${r.code}):\n${(r.stdout + r.stderr).trim().slice(-4000)}`);
  }
  fs.renameSync(tmp, cpFile);
  fs.writeFileSync(stampFile, stamp + '\n');
  return fs.readFileSync(cpFile, 'utf8').trim();
}

function run(cmd: string, args: string[], opts: { cwd?: string; input?: string; timeoutMs?: number } = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let timedOut = false;
    const timer = opts.timeoutMs ? setTimeout(() => ((timedOut = true), child.kill('SIGKILL')), opts.timeoutMs) : undefined;
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${cmd}: ${e.message}${cmd === 'mvn' ? ' (install Maven: apt-get install maven)' : ''}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) stderr += `\n[killed after ${opts.timeoutMs} ms]`;
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // EPIPE if the program exits without reading
    child.stdin.end(opts.input ?? '');
  });
}

function toolRunner(classpath: string, version: string) {
  return (mainClass: string, args: string[], input?: string, opts?: { timeoutMs?: number }) =>
    run(JAVA, [...TOOL_JVM, ...logArgs(version, 'WARN'), '-cp', classpath, mainClass, ...args], {
      input,
      timeoutMs: opts?.timeoutMs ?? 120_000,
    });
}

// ---- process bookkeeping: no JVM outlives this Node process ----

const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let hooksInstalled = false;

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const p of live) killGroup(p, 'SIGKILL');
    for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
  });
  for (const [sig, num] of [['SIGINT', 2], ['SIGTERM', 15]] as const) {
    // Only act when nobody else handles the signal (a handler turns off Node's default exit).
    process.on(sig, () => {
      if (process.listenerCount(sig) === 1) process.exit(128 + num);
    });
  }
}

function killGroup(p: ChildProcess, sig: NodeJS.Signals): void {
  try {
    if (p.pid) process.kill(-p.pid, sig);
  } catch {
    // already gone
  }
}

// ---- the cluster ----

interface Node {
  id: number;
  /** Port of each client listener. */
  ports: Partial<Record<AnyListener, number>>;
  controllerPort: number;
  dir: string;
  proc?: ChildProcess;
  exited?: Promise<void>;
  tail: string[];
}

async function freePorts(n: number): Promise<number[]> {
  // All sockets stay open until every port is known, so no port is handed out twice.
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<net.Server>((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

function newClusterId(): string {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id; // a leading '-' would be read as a CLI flag
  }
}

function serverProperties(
  node: Node,
  all: Node[],
  kinds: AnyListener[],
  security: ClusterSecurity | undefined,
  extra: Record<string, string> = {},
): string {
  const rf = Math.min(all.length, 3);
  const minIsr = rf > 1 ? 2 : 1;
  const client = kinds.map((k) => `${LISTENER_NAMES[k]}://127.0.0.1:${node.ports[k]}`);
  return [
    'process.roles=broker,controller',
    `node.id=${node.id}`,
    `controller.quorum.voters=${all.map((n) => `${n.id}@127.0.0.1:${n.controllerPort}`).join(',')}`,
    `listeners=${[...client, `CONTROLLER://127.0.0.1:${node.controllerPort}`].join(',')}`,
    `advertised.listeners=${client.join(',')}`,
    'controller.listener.names=CONTROLLER',
    ...serverSecurityProperties(security, kinds),
    `log.dirs=${path.join(node.dir, 'data')}`,
    `offsets.topic.replication.factor=${rf}`,
    `transaction.state.log.replication.factor=${rf}`,
    `transaction.state.log.min.isr=${minIsr}`,
    `share.coordinator.state.topic.replication.factor=${rf}`,
    `share.coordinator.state.topic.min.isr=${minIsr}`,
    `default.replication.factor=${rf}`,
    // Fewer internal partitions: the first consumer group / transaction is ready sooner.
    'offsets.topic.num.partitions=10',
    'transaction.state.log.num.partitions=10',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    'num.partitions=1',
    // The cleaner's default 128 MiB buffer costs seconds at start-up with a small heap.
    'log.cleaner.dedupe.buffer.size=8388608',
    ...Object.entries(extra).map(([key, value]) => `${key}=${value}`),
    '',
  ].join('\n');
}

async function waitReady(
  bootstrap: string,
  clientConfig: Pick<KafkaConfig, 'sasl' | 'ssl'>,
  ready: (brokers: number[]) => boolean,
  timeoutMs: number,
  failed: () => string | undefined = () => undefined,
  logTail: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    const why = failed();
    if (why) throw new Error(why);
    const admin = new Kafka({
      clientId: 'kafka-workbench-ready',
      brokers: bootstrap.split(','),
      ...clientConfig,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1000,
      requestTimeout: 3000,
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      const { brokers } = await admin.describeCluster();
      if (ready(brokers.map((b) => b.nodeId))) return;
      lastError = `brokers so far: ${brokers.map((b) => b.nodeId).join(',')}`;
    } catch (e) {
      lastError = (e as Error).message;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Kafka at ${bootstrap} not ready after ${timeoutMs} ms (${lastError})${logTail()}`);
}

/** Starts a fresh KRaft cluster on free 127.0.0.1 ports; resolves once an admin describeCluster sees every node. */
export async function startKafka(opts: StartOptions = {}): Promise<KafkaCluster> {
  const version = opts.version || DEFAULT_KAFKA_VERSION;
  const count = opts.nodes ?? 1;
  const timeoutMs = opts.readyTimeoutMs ?? (count > 1 ? 120_000 : 60_000);
  const classpath = await resolveClasspath(version, opts.log);
  const runTool = toolRunner(classpath, version);
  installExitHooks();

  const ownDir = !opts.dataDir;
  const root = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-workbench-'));
  if (ownDir) tempDirs.add(root);
  const requested = opts.security === undefined ? [] : Array.isArray(opts.security) ? opts.security : [opts.security];
  const kinds = listenerKinds(requested);
  const security = await loadSecurity(root, requested, opts.mutualTls);
  const perNode = kinds.length + 1;
  const ports = await freePorts(count * perNode);
  const nodes: Node[] = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    ports: Object.fromEntries(kinds.map((k, j) => [k, ports[perNode * i + j]])),
    controllerPort: ports[perNode * i + kinds.length],
    dir: path.join(root, `node-${i + 1}`),
    tail: [],
  }));
  const listeners = Object.fromEntries(kinds.map((k) => [k, nodes.map((n) => `127.0.0.1:${n.ports[k]}`).join(',')]));
  const bootstrap = listeners[kinds[0]];
  const clientConfig = (listener: AnyListener = kinds[0]) => kafkajsSecurity(security, listener);

  const clusterId = newClusterId();
  await Promise.all(nodes.map(async (node) => {
    fs.mkdirSync(node.dir, { recursive: true });
    const props = path.join(node.dir, 'server.properties');
    fs.writeFileSync(props, serverProperties(node, nodes, kinds, security, opts.properties));
    if (fs.existsSync(path.join(node.dir, 'data', 'meta.properties'))) return;
    const scram = security ? scramFormatArgs(security) : [];
    const r = await runTool('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', props, ...scram]);
    if (r.code !== 0) throw new Error(`kafka-storage format failed for node ${node.id}:\n${r.stdout}${r.stderr}`);
  }));

  const spawnNode = (node: Node): void => {
    node.tail = [];
    // bash becomes the JVM (exec, same pid) after starting a watchdog that sends it SIGTERM once
    // our stdin pipe closes, i.e. when this Node process dies, even by SIGKILL (no exit hook runs then).
    const script = 'exec 3<&0; { cat <&3 >/dev/null; kill -TERM $$ 2>/dev/null; } & exec "$@" 3<&-';
    const proc = spawn('bash', ['-c', script, 'kafka',
      JAVA, ...brokerJvm(opts.heapMb ?? (count > 1 ? 256 : 512)), ...logArgs(version, 'INFO'), '-cp', classpath, 'kafka.Kafka', path.join(node.dir, 'server.properties')], {
      cwd: node.dir,
      detached: true, // own process group: Ctrl-C in a terminal reaches Node only, and we stop the JVM in order
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    node.proc = proc;
    live.add(proc);
    const onLine = (line: string): void => {
      if (!line) return;
      node.tail.push(line);
      if (node.tail.length > LOG_TAIL) node.tail.shift();
      opts.log?.(count > 1 ? `[node ${node.id}] ${line}` : line);
    };
    for (const stream of [proc.stdout!, proc.stderr!]) {
      let buf = '';
      stream.setEncoding('utf8').on('data', (d: string) => {
        buf += d;
        const lines = buf.split('\n');
        buf = lines.pop()!;
        lines.forEach(onLine);
      });
    }
    node.exited = new Promise((resolve) => proc.on('exit', () => {
      live.delete(proc);
      resolve();
    }));
    proc.on('error', (e) => onLine(`spawn error: ${e.message}`));
  };

  const tails = (which: Node[]) => (): string =>
    which.map((n) => `\nLast log lines of node ${n.id}:\n${n.tail.join('\n')}`).join('');
  const exitedEarly = (which: Node[]) => (): string | undefined => {
    const dead = which.find((n) => n.proc && (n.proc.exitCode !== null || n.proc.signalCode !== null));
    return dead && `Kafka node ${dead.id} exited (${dead.proc!.exitCode ?? dead.proc!.signalCode}) before it was ready.${tails([dead])()}`;
  };
  const waitFor = (which: Node[], ready: (ids: number[]) => boolean): Promise<void> =>
    waitReady(bootstrap, clientConfig(), ready, timeoutMs, exitedEarly(which), tails(which));

  const stopNode = async (id: number, how: { kill?: boolean } = {}): Promise<void> => {
    const node = nodes.find((n) => n.id === id);
    if (!node) throw new Error(`No node ${id}`);
    const proc = node.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    killGroup(proc, how.kill ? 'SIGKILL' : 'SIGTERM');
    const killer = setTimeout(() => killGroup(proc, 'SIGKILL'), 10_000);
    await node.exited;
    clearTimeout(killer);
    killGroup(proc, 'SIGKILL'); // the watchdog's cat, if still there
    proc.stdin?.destroy();
  };

  const startNode = async (id: number): Promise<void> => {
    const node = nodes.find((n) => n.id === id);
    if (!node) throw new Error(`No node ${id}`);
    if (node.proc && node.proc.exitCode === null && node.proc.signalCode === null) return;
    spawnNode(node);
    await waitFor([node], (ids) => ids.includes(id));
  };

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await Promise.all(nodes.map((n) => stopNode(n.id)));
    if (ownDir) {
      fs.rmSync(root, { recursive: true, force: true });
      tempDirs.delete(root);
    }
  };

  // Each node answers metadata from its own cache, which may lag (seen on Kafka 3.9): ready means every node sees them all.
  const untilAllNodesListed = async (): Promise<void> => {
    for (const address of count > 1 ? bootstrap.split(',') : []) {
      await waitReady(address, clientConfig(), (ids) => ids.length >= count, timeoutMs, exitedEarly(nodes), tails(nodes));
    }
  };

  nodes.forEach(spawnNode);
  try {
    await waitFor(nodes, (ids) => ids.length >= count);
    await untilAllNodesListed();
  } catch (e) {
    await stop();
    throw e;
  }
  return { bootstrap, listeners, security, clientConfig, version, classpath, nodeIds: nodes.map((n) => n.id), stop, stopNode, startNode, untilAllNodesListed, runTool };
}

/** The security of a cluster in `root`: made once, kept in security.json so a reused data dir keeps its users. */
async function loadSecurity(root: string, requested: ListenerKind[], mutualTls = false): Promise<ClusterSecurity | undefined> {
  if (listenerKinds(requested).every((k) => k === 'plaintext')) return undefined;
  const file = path.join(root, 'security.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as ClusterSecurity;
  const security = await prepareSecurity(root, { kinds: requested, mutualTls });
  fs.writeFileSync(file, JSON.stringify(security, null, 2), { mode: 0o600 });
  return security;
}

/**
 * KAFKA_BOOTSTRAP=host:port → that broker (stop() does nothing; PLAINTEXT only, so a `security` request starts
 * a fresh cluster anyway); otherwise a fresh one (KAFKA_VERSION or the default).
 */
export async function useKafka(opts: StartOptions = {}): Promise<KafkaCluster> {
  const external = process.env.KAFKA_BOOTSTRAP;
  const version = opts.version || process.env.KAFKA_VERSION || DEFAULT_KAFKA_VERSION;
  const secure = opts.security !== undefined && opts.security !== 'plaintext';
  if (!external || secure) return startKafka({ ...opts, version });
  const classpath = await resolveClasspath(version, opts.log);
  await waitReady(external, {}, (ids) => ids.length > 0, opts.readyTimeoutMs ?? 60_000);
  const unsupported = async (): Promise<void> => {
    throw new Error('stopNode/startNode are not available for an external broker (KAFKA_BOOTSTRAP)');
  };
  return {
    bootstrap: external,
    listeners: { plaintext: external },
    clientConfig: () => ({}),
    version,
    classpath,
    nodeIds: [],
    stop: async () => undefined,
    stopNode: unsupported,
    startNode: unsupported,
    untilAllNodesListed: async () => undefined,
    runTool: toolRunner(classpath, version),
  };
}

// ---- console tools, a second opinion next to kafkajs ----

type ToolHost = Pick<KafkaCluster, 'bootstrap' | 'version' | 'runTool'> & { security?: ClusterSecurity };

/** `flag file` with the cluster's client.properties, for a SCRAM or TLS cluster. */
function configArgs(k: ToolHost, flag: string): string[] {
  return k.security ? [flag, k.security.toolConfigFile] : [];
}

// KIP-1147 (4.2): the console tools' --consumer.config / --producer.config became --command-config.
function clientConfigFlag(k: ToolHost, old: string): string {
  return atLeast(k.version, '4.2') ? '--command-config' : old;
}

export function topicsTool(k: ToolHost, args: string[]): Promise<ToolResult> {
  return k.runTool('org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', k.bootstrap, ...configArgs(k, '--command-config'), ...args]);
}

export function consumerGroupsTool(k: ToolHost, args: string[]): Promise<ToolResult> {
  // Its admin calls give up after 5 s by default: too short for a fresh JVM on a busy machine.
  const timeout = args.includes('--timeout') ? [] : ['--timeout', '30000'];
  return k.runTool('org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', [
    '--bootstrap-server', k.bootstrap, ...configArgs(k, '--command-config'), ...timeout, ...args,
  ]);
}

export interface ConsumeOptions {
  fromBeginning?: boolean;
  maxMessages?: number;
  /** Give up after this long without a message (default 10 s). */
  timeoutMs?: number;
  printKey?: boolean;
  printHeaders?: boolean;
  printPartition?: boolean;
  printOffset?: boolean;
  /** Between key/headers/value columns; default tab. */
  separator?: string;
  group?: string;
  partition?: number;
}

/** Reads with kafka-console-consumer; `lines` are the printed records (stdout lines). */
export async function consoleConsume(k: ToolHost, topic: string, o: ConsumeOptions = {}): Promise<ToolResult & { lines: string[] }> {
  const args = ['--bootstrap-server', k.bootstrap, '--topic', topic, '--timeout-ms', String(o.timeoutMs ?? 10_000),
    ...configArgs(k, clientConfigFlag(k, '--consumer.config'))];
  if (o.fromBeginning ?? true) args.push('--from-beginning');
  if (o.maxMessages !== undefined) args.push('--max-messages', String(o.maxMessages));
  if (o.group) args.push('--group', o.group);
  if (o.partition !== undefined) args.push('--partition', String(o.partition));
  // Without offsets, the tool's own throwaway console-consumer-NNNNN group is removed once it leaves.
  const commandProperty = atLeast(k.version, '4.2') ? '--command-property' : '--consumer-property';
  if (!o.group) args.push(commandProperty, 'enable.auto.commit=false');
  const fmt: Record<string, boolean | string> = {
    'print.key': !!o.printKey,
    'print.headers': !!o.printHeaders,
    'print.partition': !!o.printPartition,
    'print.offset': !!o.printOffset,
    'key.separator': o.separator ?? '\t',
    'headers.separator': ',',
  };
  // KIP-1147 (4.2): --property became --formatter-property; the old one prints a warning on stdout.
  const flag = atLeast(k.version, '4.2') ? '--formatter-property' : '--property';
  for (const [key, v] of Object.entries(fmt)) args.push(flag, `${key}=${v}`);
  const r = await k.runTool('org.apache.kafka.tools.consumer.ConsoleConsumer', args);
  return { ...r, lines: r.stdout.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1) };
}

export interface ProduceOptions {
  /** Lines are "key<separator>value". */
  parseKey?: boolean;
  keySeparator?: string;
  acks?: 'all' | '1' | '0';
}

/** Sends one record per line with kafka-console-producer. */
export function consoleProduce(k: ToolHost, topic: string, lines: string[], o: ProduceOptions = {}): Promise<ToolResult> {
  const mainClass = major(k.version) >= 4 ? 'org.apache.kafka.tools.ConsoleProducer' : 'kafka.tools.ConsoleProducer';
  const args = ['--bootstrap-server', k.bootstrap, '--topic', topic, '--request-required-acks', o.acks ?? 'all',
    ...configArgs(k, clientConfigFlag(k, '--producer.config'))];
  const flag = atLeast(k.version, '4.2') ? '--reader-property' : '--property';
  if (o.parseKey) args.push(flag, 'parse.key=true', flag, `key.separator=${o.keySeparator ?? '\t'}`);
  return k.runTool(mainClass, args, lines.map((l) => l + '\n').join(''));
}
