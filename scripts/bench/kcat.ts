// kcat (Debian's package, librdkafka in C): the benchmarks' ceiling, what a native client does on the
// same broker in the same run. Installed by scripts/vscode/install.sh when it can be had.
import { spawn, spawnSync } from 'child_process';
import { cpuSecondsOf, rate, type RateResult } from './tail';

/** "kcat 1.7.1, librdkafka 2.0.2", or undefined when kcat is not on the PATH. */
export function kcatVersion(): string | undefined {
  const result = spawnSync('kcat', ['-V'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  const version = /Version (\S+)/.exec(result.stdout)?.[1] ?? '?';
  const librdkafka = /librdkafka (\S+)/.exec(result.stdout)?.[1] ?? '?';
  return `kcat ${version}, librdkafka ${librdkafka}`;
}

/** Runs kcat; rejects with the end of its stderr (a failing producer prints a line per record) on a non-zero exit. */
function run(args: string[], input: Buffer | undefined, onData?: (chunk: Buffer, pid: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.stdout.on('data', (chunk: Buffer) => onData?.(chunk, child.pid!));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`kcat ${args.join(' ')} exited with ${code}: ${stderr}`))));
    child.stdin.end(input);
  });
}

/**
 * `kcat -P`: one record a line of `text`, idempotent (so acks=all) like the extension's producer; wall-clock ms from
 * start to exit. Bytes, not the string: Node externalizes a big string written to a pipe, and encoding that string
 * again (the extension's path, in the same run) then took 85 ms instead of 2.
 */
export async function kcatProduce(bootstrap: string, topic: string, text: Buffer): Promise<number> {
  const started = performance.now();
  await run(['-P', '-b', bootstrap, '-t', topic, '-X', 'enable.idempotence=true'], text);
  return performance.now() - started;
}

/**
 * `kcat -C -o beginning`: reads `messages` messages, printing one newline for each; timed like the raw kafkajs
 * consumer, from the first output to the last, with kcat's CPU seconds meanwhile. `-c` ends it at the last
 * message (`-e` alone would add the broker's wait for more data, fetch.wait.max.ms, before its final output).
 */
export async function kcatConsume(bootstrap: string, topic: string, messages: number): Promise<RateResult> {
  let count = 0;
  let firstAt = 0;
  let lastAt = 0;
  let cpuAtFirst = 0;
  let cpuAtLast = 0;
  await run(['-C', '-b', bootstrap, '-t', topic, '-o', 'beginning', '-c', String(messages), '-e', '-q', '-f', '\\n'], undefined, (chunk, pid) => {
    lastAt = performance.now();
    try {
      cpuAtLast = cpuSecondsOf(pid);
    } catch {
      // kcat has already exited: the last reading stands.
    }
    if (firstAt === 0) {
      firstAt = lastAt;
      cpuAtFirst = cpuAtLast;
    }
    count += chunk.length; // one byte a message
  });
  if (count !== messages) throw new Error(`kcat read ${count} of ${messages} messages from ${topic}`);
  return rate(count, firstAt, lastAt, cpuAtLast - cpuAtFirst);
}
