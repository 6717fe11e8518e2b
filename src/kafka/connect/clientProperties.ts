import { getProperties } from 'properties-file';
import { parseBootstrapServers } from './bootstrap';
import type { SaslMechanism } from './connection';

/** What a Kafka client.properties file says about connecting, in the workbench's terms. */
export interface ClientProperties {
  bootstrapServers?: string;
  sasl?: { mechanism: SaslMechanism; username?: string; password?: string };
  tls?: { caFile?: string; certFile?: string; keyFile?: string; keyPassphrase?: string; rejectUnauthorized?: boolean };
  /** Settings the file lacks that a cluster needs: ask the user. */
  missing: ('bootstrap.servers' | 'username' | 'password')[];
  /** Every setting that was not taken over, each named with the reason. */
  unsupported: string[];
}

const saslMechanisms: Record<string, SaslMechanism> = {
  PLAIN: 'plain',
  'SCRAM-SHA-256': 'scram-sha-256',
  'SCRAM-SHA-512': 'scram-sha-512',
};

const securityProtocols = new Set(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']);

/** Settings that only tune a producer, consumer or the Java client: they do not change how to reach the cluster. */
const clientTuning = /^(client\.id|group\.id|acks|retries|linger\.ms|batch\.size|compression\.type|(key|value)\.(de)?serializer|auto\.offset\.reset|enable\.auto\.commit|max\.poll\.\w+|request\.timeout\.ms|session\.timeout\.ms|client\.dns\.lookup|basic\.auth\..*|schema\.registry\..*|retry\.backoff\.ms|delivery\.timeout\.ms|default\.api\.timeout\.ms)$/;

/**
 * Reads a Kafka client properties file (Java client keys, plus librdkafka's ssl.ca.location,
 * ssl.certificate.location and ssl.key.location). Nothing it cannot use is dropped silently.
 */
export function parseClientProperties(text: string): ClientProperties {
  const properties = getProperties(text) as Record<string, string>;
  const used = new Set<string>();
  const take = (key: string): string | undefined => {
    const value = properties[key];
    if (value === undefined) {
      return undefined;
    }
    used.add(key);
    return value.trim();
  };
  const result: ClientProperties = { missing: [], unsupported: [] };

  const servers = take('bootstrap.servers');
  if (servers) {
    const parsed = parseBootstrapServers(servers);
    if ('servers' in parsed) {
      result.bootstrapServers = parsed.servers.join(',');
    } else {
      result.unsupported.push(`bootstrap.servers: ${parsed.error}`);
    }
  }
  if (!result.bootstrapServers) {
    result.missing.push('bootstrap.servers');
  }

  const protocol = (take('security.protocol') ?? 'PLAINTEXT').toUpperCase();
  if (!securityProtocols.has(protocol)) {
    result.unsupported.push(`security.protocol=${protocol}: not a Kafka security protocol (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL); PLAINTEXT is used.`);
  }
  const usesSasl = protocol.startsWith('SASL_');
  const usesTls = protocol === 'SSL' || protocol === 'SASL_SSL';

  const mechanismName = (take('sasl.mechanism') ?? (usesSasl ? 'GSSAPI' : undefined))?.toUpperCase();
  const jaas = take('sasl.jaas.config');
  if (usesSasl) {
    const mechanism = mechanismName ? saslMechanisms[mechanismName] : undefined;
    if (!mechanism) {
      result.unsupported.push(
        `sasl.mechanism=${mechanismName}: only PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 are supported${mechanismName === 'GSSAPI' ? ' (GSSAPI is Kafka’s default when sasl.mechanism is not set)' : ''}.`,
      );
    } else {
      const credentials = jaas ? parseJaas(jaas) : {};
      if (jaas && !credentials.module) {
        result.unsupported.push('sasl.jaas.config: not understood; expected "<LoginModule> required username="…" password="…";".');
      } else if (credentials.module && !/(PlainLoginModule|ScramLoginModule)$/.test(credentials.module)) {
        result.unsupported.push(`sasl.jaas.config: login module ${credentials.module} is not supported (PlainLoginModule or ScramLoginModule).`);
      }
      result.sasl = { mechanism, username: credentials.username, password: credentials.password };
      if (!credentials.username) {
        result.missing.push('username');
      }
      if (credentials.password === undefined) {
        result.missing.push('password');
      }
    }
  } else if (mechanismName || jaas) {
    result.unsupported.push(`sasl.mechanism / sasl.jaas.config: ignored because security.protocol is ${protocol}, which does not use SASL.`);
  }

  if (usesTls) {
    result.tls = tlsSettings(take, result.unsupported);
  } else {
    for (const key of Object.keys(properties).filter((name) => name.startsWith('ssl.') || name === 'enable.ssl.certificate.verification')) {
      take(key);
      result.unsupported.push(`${key}: ignored because security.protocol is ${protocol}, which does not use TLS.`);
    }
  }

  for (const key of Object.keys(properties)) {
    if (used.has(key)) {
      continue;
    }
    result.unsupported.push(clientTuning.test(key) ? `${key}: a producer/consumer setting, not used to connect.` : `${key}: not supported by the workbench.`);
  }
  return result;
}

function tlsSettings(take: (key: string) => string | undefined, unsupported: string[]): NonNullable<ClientProperties['tls']> {
  const tls: NonNullable<ClientProperties['tls']> = {};
  const storeFile = (prefix: 'truststore' | 'keystore'): string | undefined => {
    const location = take(`ssl.${prefix}.location`);
    const type = (take(`ssl.${prefix}.type`) ?? 'JKS').toUpperCase();
    take(`ssl.${prefix}.password`);
    if (!location) {
      return undefined;
    }
    if (type !== 'PEM') {
      unsupported.push(
        `ssl.${prefix}.location: ${type} ${prefix}s cannot be read; export ${prefix === 'truststore' ? 'the CA certificate' : 'the certificate and key'} as PEM (${
          prefix === 'truststore' ? 'ssl.ca.location' : 'ssl.certificate.location and ssl.key.location'
        }, or ssl.${prefix}.type=PEM).`,
      );
      return undefined;
    }
    return location;
  };
  const truststore = storeFile('truststore');
  const keystore = storeFile('keystore');
  tls.caFile = take('ssl.ca.location') ?? truststore;
  // A PEM keystore holds the certificate chain and the private key in one file.
  tls.certFile = take('ssl.certificate.location') ?? keystore;
  tls.keyFile = take('ssl.key.location') ?? keystore;
  tls.keyPassphrase = take('ssl.key.password');
  for (const inline of ['ssl.truststore.certificates', 'ssl.keystore.certificate.chain', 'ssl.keystore.key']) {
    if (take(inline) !== undefined) {
      unsupported.push(`${inline}: inline PEM is not supported; put it in a file and use ${inline.startsWith('ssl.truststore') ? 'ssl.ca.location' : 'ssl.certificate.location / ssl.key.location'}.`);
    }
  }
  if (take('enable.ssl.certificate.verification')?.toLowerCase() === 'false') {
    tls.rejectUnauthorized = false;
  }
  const endpointIdentification = take('ssl.endpoint.identification.algorithm');
  if (endpointIdentification !== undefined && endpointIdentification !== 'https') {
    unsupported.push(
      'ssl.endpoint.identification.algorithm: host name verification cannot be switched off on its own; certificates are fully verified (or not at all, if you choose so).',
    );
  }
  if (tls.certFile && !tls.keyFile) {
    unsupported.push('ssl.certificate.location: a client certificate needs its key (ssl.key.location).');
  }
  return Object.fromEntries(Object.entries(tls).filter(([, value]) => value !== undefined));
}

/** `org.….PlainLoginModule required username="alice" password="secret";` → its module and options. */
export function parseJaas(text: string): { module?: string; username?: string; password?: string } {
  const head = /^\s*([\w.$]+)\s+(required|requisite|sufficient|optional)\b/.exec(text);
  if (!head) {
    return {};
  }
  const options: Record<string, string> = {};
  const option = /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;"]+))/g;
  for (let match = option.exec(text.slice(head[0].length)); match; match = option.exec(text.slice(head[0].length))) {
    options[match[1]] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3];
  }
  return { module: head[1], username: options.username, password: options.password };
}
