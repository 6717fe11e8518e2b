import { promises as fs } from 'fs';
import type { ConnectionOptions } from 'tls';
import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import type { KafkaLogger, LogLevel } from './log';

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface TlsSettings {
  /** PEM CA bundle; the system's CAs when absent. */
  caFile?: string;
  /** PEM client certificate and key, for mutual TLS. */
  certFile?: string;
  keyFile?: string;
  /** false only after the user chose "don't verify the server certificate". */
  rejectUnauthorized?: boolean;
}

/** Where secrets come from; asked once, just before the first connection. */
export interface SecretSource {
  password(): Promise<string | undefined>;
  keyPassphrase(): Promise<string | undefined>;
}

export interface ConnectionSettings {
  clientId: string;
  brokers: string[];
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  sasl?: { mechanism: SaslMechanism; username: string };
  /** TLS on when set. */
  tls?: TlsSettings;
  secrets?: SecretSource;
  /** Reads the PEM files (tests may replace it). */
  readFile?: (path: string) => Promise<Buffer>;
}

/** Settings with the secrets read out: what another thread needs to build the same client (never written anywhere). */
export interface PortableConnectionSettings extends Omit<ConnectionSettings, 'secrets' | 'readFile'> {
  password?: string;
  keyPassphrase?: string;
}

export async function toPortable(settings: ConnectionSettings): Promise<PortableConnectionSettings> {
  const { clientId, brokers, connectionTimeoutMs, requestTimeoutMs, sasl, tls, secrets } = settings;
  const [password, keyPassphrase] = await Promise.all([secrets?.password(), secrets?.keyPassphrase()]);
  return { clientId, brokers, connectionTimeoutMs, requestTimeoutMs, sasl, tls, password, keyPassphrase };
}

export function fromPortable(portable: PortableConnectionSettings): ConnectionSettings {
  const { password, keyPassphrase, ...rest } = portable;
  return { ...rest, secrets: { password: async () => password, keyPassphrase: async () => keyPassphrase } };
}

const levelNames: Record<number, LogLevel> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * Builds a kafkajs client whose log lines go to `logger` and whose retries stay within the timeouts.
 *
 * The client is built synchronously, but the password comes from SecretStorage and the PEM files
 * from disk, both asynchronously. kafkajs reads `sasl` and `ssl` by reference at each connection and
 * asks `brokers()` (when it is a function) before the first one of every client it makes, so the
 * secrets and files are filled in there, once, without blocking the extension host.
 */
export function createKafka(settings: ConnectionSettings, logger: KafkaLogger): Kafka {
  const sasl: (SASLOptions & { password: string }) | undefined = settings.sasl
    ? ({ mechanism: settings.sasl.mechanism, username: settings.sasl.username, password: '' } as SASLOptions & { password: string })
    : undefined;
  const ssl: ConnectionOptions | undefined = settings.tls ? { rejectUnauthorized: settings.tls.rejectUnauthorized !== false } : undefined;
  if (settings.tls?.rejectUnauthorized === false) {
    logger.log('warn', `TLS server certificates are NOT verified for ${settings.brokers.join(',')}, as configured.`);
  }

  let prepared: Promise<void> | undefined;
  const prepare = (): Promise<void> => {
    prepared ??= fillSecrets(settings, sasl, ssl).catch((error: unknown) => {
      prepared = undefined;
      throw error;
    });
    return prepared;
  };
  const needsPreparation = sasl !== undefined || (settings.tls && (settings.tls.caFile || settings.tls.certFile || settings.tls.keyFile));

  return new Kafka({
    clientId: settings.clientId,
    brokers: needsPreparation ? async () => (await prepare(), settings.brokers) : settings.brokers,
    connectionTimeout: settings.connectionTimeoutMs,
    authenticationTimeout: settings.connectionTimeoutMs,
    requestTimeout: settings.requestTimeoutMs,
    sasl,
    ssl,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2000 },
    logLevel: logLevel.INFO,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...extra } = entry.log;
      const details = Object.keys(extra).length > 0 ? ` ${safeJson(extra)}` : '';
      logger.log(levelNames[entry.level] ?? 'info', `[kafkajs ${entry.namespace}] ${message}${details}`);
    },
  });
}

async function fillSecrets(
  settings: ConnectionSettings,
  sasl: { password: string } | undefined,
  ssl: ConnectionOptions | undefined,
): Promise<void> {
  const readFile = settings.readFile ?? ((path: string) => fs.readFile(path));
  const read = async (path: string | undefined, what: string): Promise<Buffer | undefined> => {
    if (!path) {
      return undefined;
    }
    try {
      return await readFile(path);
    } catch (error) {
      throw new Error(`cannot read the ${what} file ${path}: ${(error as Error).message}. Fix the path (Edit Cluster).`);
    }
  };
  if (sasl) {
    const password = await settings.secrets?.password();
    if (password === undefined) {
      throw new Error('no password is stored for this cluster. Set it with "Kafka: Edit Cluster".');
    }
    sasl.password = password;
  }
  if (ssl && settings.tls) {
    const [ca, cert, key] = await Promise.all([
      read(settings.tls.caFile, 'CA'),
      read(settings.tls.certFile, 'client certificate'),
      read(settings.tls.keyFile, 'client key'),
    ]);
    if (ca) {
      ssl.ca = ca;
    }
    if (cert) {
      ssl.cert = cert;
    }
    if (key) {
      ssl.key = key;
      const passphrase = await settings.secrets?.keyPassphrase();
      if (passphrase) {
        ssl.passphrase = passphrase;
      }
    }
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
