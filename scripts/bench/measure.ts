// Shared by the benchmark scripts (and the produce benchmark's extension-host variant).

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
 * Watches the event loop with a 5 ms timer. `wallMs`: the longest the loop went without running
 * it (minus the 5 ms), which a busy machine inflates; `cpuMs`: the most CPU the process used
 * between two runs of it, which is what the longest block would take on an idle core.
 */
export function watchEventLoop(): () => { wallMs: number; cpuMs: number } {
  let wallMs = 0;
  let cpuMs = 0;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    wallMs = Math.max(wallMs, now - last - 5);
    cpuMs = Math.max(cpuMs, (cpu.user + cpu.system) / 1000);
    last = now;
    lastCpu = process.cpuUsage();
  }, 5);
  return () => {
    clearInterval(timer);
    return { wallMs: Math.max(0, wallMs), cpuMs };
  };
}
