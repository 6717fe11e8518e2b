// Shared by the benchmark scripts (and the produce benchmark's extension-host variant).
import * as fs from 'fs';
import * as v8 from 'v8';
import * as vm from 'vm';

/** The value after `name` on the command line, or `fallback`. */
export function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

/** One order of about 200 bytes, with a 19-digit id and decimals that must survive byte for byte. */
export function orderLine(i: number): string {
  const line =
    `{"orderId":${9_000_000_000_000_000_000n + BigInt(i)},"customer":{"id":"c-${i % 977}","tier":"gold"},` +
    `"items":[{"sku":"SKU-${i % 100}","qty":${(i % 7) + 1},"price":12.50}],"total":${i}.10,"currency":"EUR","note":"`;
  return line + 'x'.repeat(Math.max(0, 198 - line.length)) + '"}';
}

/**
 * CPU milliseconds the calling (main) thread has used: from /proc on Linux, where worker threads
 * (the produce and tail threads) have their own entries; elsewhere the whole process's.
 */
function mainThreadCpuMs(): number {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime (fields 14 and 15), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
}

/**
 * Watches the event loop with a 5 ms timer. `wallMs`: the longest the loop went without running
 * it (minus the 5 ms), which a busy machine inflates; `cpuMs`: the most CPU the main thread used
 * between two runs of it (to 10 ms), which is what the longest block would take on an idle core.
 */
export function watchEventLoop(): () => { wallMs: number; cpuMs: number } {
  let wallMs = 0;
  let cpuMs = 0;
  let last = performance.now();
  let lastCpu = mainThreadCpuMs();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = mainThreadCpuMs();
    wallMs = Math.max(wallMs, now - last - 5);
    cpuMs = Math.max(cpuMs, cpu - lastCpu);
    last = now;
    lastCpu = cpu;
  }, 5);
  return () => {
    clearInterval(timer);
    return { wallMs: Math.max(0, wallMs), cpuMs };
  };
}

/**
 * A full garbage collection of this thread's heap, before a timed run: the raw kafkajs reference runs on
 * this thread, and without this the next run (the extension's, in its own thread) paid for collecting
 * the previous run's garbage on the same two cores.
 */
export function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}
