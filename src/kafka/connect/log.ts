export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** Where the Kafka layer reports what it does; the extension routes it to the "Kafka" log channel. */
export interface KafkaLogger {
  log(level: LogLevel, message: string): void;
}

export const silentLogger: KafkaLogger = { log: () => undefined };

/** How long a repeated message is folded into a count. */
const foldWindowMs = 30_000;

/**
 * Passes messages on, except that a kafkajs message repeating one of the last 30 s (same level and
 * words; numbers, ports and details may differ) is only counted: a client retrying against a
 * broker that is down says the same thing many times a second. The first repeat after the window
 * is logged with the count of those left out. Debug messages and the extension's own always pass.
 */
export function foldRepeats(logger: KafkaLogger, now: () => number = Date.now): KafkaLogger {
  const seen = new Map<string, { since: number; folded: number }>();
  return {
    log(level, message) {
      if (level === 'debug' || !message.startsWith('[kafkajs ')) {
        logger.log(level, message);
        return;
      }
      const key = `${level} ${message.replace(/ \{.*$/s, '').replace(/\d+/g, '#')}`;
      const time = now();
      const entry = seen.get(key);
      if (entry && time - entry.since < foldWindowMs) {
        entry.folded++;
        return;
      }
      const folded = entry?.folded ?? 0;
      seen.set(key, { since: time, folded: 0 });
      if (seen.size > 500) {
        for (const [oldKey, old] of seen) {
          if (time - old.since >= foldWindowMs) {
            seen.delete(oldKey);
          }
        }
      }
      const note = folded > 0 ? ` (${folded} more like this in the ${Math.round((time - entry!.since) / 1000)} s before, not shown)` : '';
      logger.log(level, message + note);
    },
  };
}
