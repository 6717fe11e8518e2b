// node out/scripts/kafka/cli.js start [--version V] [--nodes N] [--data-dir DIR] [--security scram,ssl,sasl_ssl] [--mtls] [--verbose]
//   starts Kafka, prints KAFKA_BOOTSTRAP=host:port on stdout, runs until Ctrl-C / SIGTERM.
//   With --security: also each listener's address, the SCRAM user and password, and the PEM files (CA, client cert/key).
// node out/scripts/kafka/cli.js fetch [--version V]
//   only resolves the jars (warms ~/.m2 and the classpath cache, e.g. for CI caching).
// KAFKA_VERSION is used when --version is not given.
import { DEFAULT_KAFKA_VERSION, resolveClasspath, startKafka, type ListenerKind } from './broker';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const version = option(args, '--version') || process.env.KAFKA_VERSION || DEFAULT_KAFKA_VERSION;
  const log = (line: string): void => void process.stderr.write(line + '\n');
  if (command === 'fetch') {
    const started = Date.now();
    const cp = await resolveClasspath(version, log);
    log(`Kafka ${version}: ${cp.split(':').length} jars resolved in ${Date.now() - started} ms`);
    return;
  }
  if (command !== 'start') {
    log('usage: cli.js start [--version V] [--nodes N] [--data-dir DIR] [--security scram,ssl,sasl_ssl] [--mtls] [--verbose] | cli.js fetch [--version V]');
    process.exit(2);
  }
  const started = Date.now();
  const kafka = await startKafka({
    version,
    nodes: Number(option(args, '--nodes') ?? 1),
    dataDir: option(args, '--data-dir'),
    log: args.includes('--verbose') ? log : undefined,
    security: option(args, '--security')?.split(',') as ListenerKind[] | undefined,
    mutualTls: args.includes('--mtls'),
  });
  log(`Kafka ${version} ready in ${Date.now() - started} ms; Ctrl-C to stop`);
  process.stdout.write(`KAFKA_BOOTSTRAP=${kafka.bootstrap}\n`);
  const { security } = kafka;
  if (security) {
    const lines = Object.entries(kafka.listeners).map(([kind, servers]) => `KAFKA_${kind.toUpperCase()}_BOOTSTRAP=${servers}`);
    lines.push(`KAFKA_SCRAM_USERNAME=${security.username}`, `KAFKA_SCRAM_PASSWORD=${security.password}`);
    if (security.tls) {
      const { tls } = security;
      lines.push(`KAFKA_CA_FILE=${tls.caFile}`, `KAFKA_CLIENT_CERT_FILE=${tls.clientCertFile}`, `KAFKA_CLIENT_KEY_FILE=${tls.clientKeyFile}`);
      lines.push(`KAFKA_CLIENT_KEY_PASSPHRASE=${tls.keyPassphrase}`);
    }
    lines.push(`KAFKA_CLIENT_PROPERTIES=${security.toolConfigFile}`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    const t = Date.now();
    kafka.stop().then(
      () => (log(`Kafka stopped in ${Date.now() - t} ms`), process.exit(0)),
      (e: Error) => (log(`stop failed: ${e.message}`), process.exit(1)),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
