/** Parses "host:port, host2:port" into a list, or explains what is wrong with it. */
export function parseBootstrapServers(text: string): { servers: string[] } | { error: string } {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) {
    return { error: 'Enter at least one bootstrap server as host:port, for example 127.0.0.1:9092.' };
  }
  for (const entry of entries) {
    const problem = bootstrapEntryProblem(entry);
    if (problem) {
      return { error: problem };
    }
  }
  return { servers: entries };
}

function bootstrapEntryProblem(entry: string): string | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):(\d+)$/.exec(entry);
  if (!match) {
    return `"${entry}" is not host:port (for example 127.0.0.1:9092).`;
  }
  const port = Number(match[2]);
  if (port < 1 || port > 65535) {
    return `"${entry}" has port ${match[2]}, outside 1-65535.`;
  }
  return undefined;
}
