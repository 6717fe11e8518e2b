import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import type { KafkaLogger, LogLevel } from './log';

export interface ConnectionSettings {
  clientId: string;
  brokers: string[];
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  sasl?: SASLOptions;
  ssl?: boolean | import('tls').ConnectionOptions;
}

const levelNames: Record<number, LogLevel> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** Builds a kafkajs client whose log lines go to `logger` and whose retries stay within the timeouts. */
export function createKafka(settings: ConnectionSettings, logger: KafkaLogger): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: settings.connectionTimeoutMs,
    requestTimeout: settings.requestTimeoutMs,
    sasl: settings.sasl,
    ssl: settings.ssl,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2000 },
    logLevel: logLevel.INFO,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...extra } = entry.log;
      const details = Object.keys(extra).length > 0 ? ` ${safeJson(extra)}` : '';
      logger.log(levelNames[entry.level] ?? 'info', `[kafkajs ${entry.namespace}] ${message}${details}`);
    },
  });
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
