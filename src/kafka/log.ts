export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** Where the Kafka layer reports what it does; the extension routes it to the "Kafka" log channel. */
export interface KafkaLogger {
  log(level: LogLevel, message: string): void;
}

export const silentLogger: KafkaLogger = { log: () => undefined };
