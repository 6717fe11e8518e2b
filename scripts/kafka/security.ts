// Listener security for the test broker: SCRAM users, TLS listeners, and the matching client settings
// (kafkajs options for tests, client.properties for Kafka's console tools).
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { KafkaConfig } from 'kafkajs';
import { makeTlsMaterial, type TlsMaterial } from './tls';

/** A client listener: PLAINTEXT, SASL_PLAINTEXT with SCRAM, SSL, or SASL_SSL with SCRAM. */
export type ListenerKind = 'plaintext' | 'scram' | 'ssl' | 'sasl_ssl';
/**
 * Every TLS cluster also gets a `wrong_host` listener: SSL, but its certificate names only
 * WRONG_HOST_NAME, so a client that checks host names must refuse it.
 */
export type AnyListener = ListenerKind | 'wrong_host';

export const LISTENER_NAMES: Record<AnyListener, string> = {
  plaintext: 'PLAINTEXT',
  scram: 'SASL_PLAINTEXT',
  ssl: 'SSL',
  sasl_ssl: 'SASL_SSL',
  wrong_host: 'WRONG_HOST',
};

const PROTOCOLS: Record<AnyListener, string> = {
  plaintext: 'PLAINTEXT',
  scram: 'SASL_PLAINTEXT',
  ssl: 'SSL',
  sasl_ssl: 'SASL_SSL',
  wrong_host: 'SSL',
};

const usesTls = (kind: AnyListener): boolean => kind === 'ssl' || kind === 'sasl_ssl' || kind === 'wrong_host';
const usesSasl = (kind: AnyListener): boolean => kind === 'scram' || kind === 'sasl_ssl';

export interface ClusterSecurity {
  /** The client listeners in order; the first is the inter-broker listener and `bootstrap`. */
  kinds: AnyListener[];
  /** SCRAM user with both SCRAM-SHA-256 and SCRAM-SHA-512 credentials (created when the storage is formatted). */
  username: string;
  password: string;
  /** Present when a TLS listener is. */
  tls?: TlsMaterial;
  /** Brokers require a client certificate on the SSL listener (ssl.client.auth=required). */
  mutualTls: boolean;
  /** client.properties for Kafka's console tools, for the first listener. */
  toolConfigFile: string;
}

export interface SecurityOptions {
  kinds: ListenerKind[];
  mutualTls?: boolean;
}

/** The listeners a cluster gets for `kinds` (wrong_host added after the TLS ones). */
export function listenerKinds(kinds: ListenerKind[]): AnyListener[] {
  const unique = [...new Set(kinds.length ? kinds : (['plaintext'] as ListenerKind[]))];
  return unique.some(usesTls) ? [...unique, 'wrong_host'] : unique;
}

const ADMIN_USER = 'kafka-workbench-admin';

/** Users, passwords and (for TLS) the PKI, written into `dir`. */
export async function prepareSecurity(dir: string, opts: SecurityOptions): Promise<ClusterSecurity> {
  const kinds = listenerKinds(opts.kinds);
  const tls = kinds.some(usesTls) ? await makeTlsMaterial(path.join(dir, 'tls')) : undefined;
  const security: ClusterSecurity = {
    kinds,
    username: 'workbench',
    password: `pw-${crypto.randomBytes(12).toString('hex')}`,
    tls,
    mutualTls: !!opts.mutualTls,
    toolConfigFile: path.join(dir, 'client.properties'),
  };
  fs.writeFileSync(security.toolConfigFile, toolProperties(security, kinds[0]).join('\n') + '\n');
  return security;
}

// Admin password: derived, stable for the cluster's lifetime, never needed by tests.
function adminPassword(security: ClusterSecurity): string {
  return crypto.createHash('sha256').update(`admin:${security.password}`).digest('hex').slice(0, 24);
}

function jaas(username: string, password: string): string {
  return `org.apache.kafka.common.security.scram.ScramLoginModule required username="${username}" password="${password}";`;
}

/** `kafka-storage format` arguments that create the SCRAM users. */
export function scramFormatArgs(security: ClusterSecurity): string[] {
  if (!security.kinds.some(usesSasl)) return [];
  const users: [string, string][] = [[ADMIN_USER, adminPassword(security)], [security.username, security.password]];
  return users.flatMap(([name, password]) =>
    ['SCRAM-SHA-256', 'SCRAM-SHA-512'].flatMap((mechanism) => ['--add-scram', `${mechanism}=[name=${name},password=${password}]`]));
}

/** server.properties lines for the client listeners (besides listeners/advertised.listeners). */
export function serverSecurityProperties(security: ClusterSecurity | undefined, kinds: AnyListener[]): string[] {
  const map = [...kinds.map((k) => `${LISTENER_NAMES[k]}:${PROTOCOLS[k]}`), 'CONTROLLER:PLAINTEXT'].join(',');
  const lines = [`listener.security.protocol.map=${map}`, `inter.broker.listener.name=${LISTENER_NAMES[kinds[0]]}`];
  if (!security) return lines;
  const sasl = kinds.filter(usesSasl);
  if (sasl.length) {
    lines.push('sasl.enabled.mechanisms=SCRAM-SHA-512,SCRAM-SHA-256', 'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512');
    // Each SASL listener needs a login module per mechanism; its credentials are the ones the broker uses as a client.
    for (const kind of sasl) {
      for (const mechanism of ['scram-sha-512', 'scram-sha-256']) {
        lines.push(`listener.name.${LISTENER_NAMES[kind].toLowerCase()}.${mechanism}.sasl.jaas.config=${jaas(ADMIN_USER, adminPassword(security))}`);
      }
    }
  }
  if (security.tls) {
    const { tls } = security;
    lines.push(
      'ssl.keystore.type=PEM',
      `ssl.keystore.location=${tls.brokerKeystoreFile}`,
      'ssl.truststore.type=PEM',
      `ssl.truststore.location=${tls.caFile}`,
      `ssl.client.auth=${security.mutualTls ? 'required' : 'none'}`,
      `listener.name.wrong_host.ssl.keystore.location=${tls.wrongHostKeystoreFile}`,
      'listener.name.wrong_host.ssl.client.auth=none',
    );
  }
  return lines;
}

/** client.properties for Kafka's Java tools against `kind`. */
function toolProperties(security: ClusterSecurity, kind: AnyListener): string[] {
  const lines = [`security.protocol=${PROTOCOLS[kind]}`];
  if (usesSasl(kind)) {
    lines.push('sasl.mechanism=SCRAM-SHA-512', `sasl.jaas.config=${jaas(security.username, security.password)}`);
  }
  if (usesTls(kind) && security.tls) {
    lines.push('ssl.truststore.type=PEM', `ssl.truststore.location=${security.tls.caFile}`);
    if (security.mutualTls) lines.push('ssl.keystore.type=PEM', `ssl.keystore.location=${security.tls.clientKeystoreFile}`);
  }
  return lines;
}

/** kafkajs options that connect to listener `kind` (SCRAM-SHA-512; the CA; the client certificate under mutual TLS). */
export function kafkajsSecurity(security: ClusterSecurity | undefined, kind: AnyListener): Pick<KafkaConfig, 'sasl' | 'ssl'> {
  const config: Pick<KafkaConfig, 'sasl' | 'ssl'> = {};
  if (!security) return config;
  if (usesSasl(kind)) config.sasl = { mechanism: 'scram-sha-512', username: security.username, password: security.password };
  if (usesTls(kind) && security.tls) {
    const { tls } = security;
    config.ssl = {
      ca: [fs.readFileSync(tls.caFile, 'utf8')],
      ...(security.mutualTls && kind !== 'wrong_host'
        ? { cert: fs.readFileSync(tls.clientCertFile, 'utf8'), key: fs.readFileSync(tls.clientKeyFile, 'utf8'), passphrase: tls.keyPassphrase }
        : {}),
    };
  }
  return config;
}
