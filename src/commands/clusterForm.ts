import type { ClusterAuth, ClusterConfig, ClusterTls, SaslMechanism } from '../clusters/clusterConfig';
import { parseBootstrapServers } from '../kafka/connect/bootstrap';
import type { Prompts } from '../ui/prompts';

export interface ClusterSecretsInput {
  /** undefined: keep what is stored; '' clears it. */
  password?: string;
  keyPassphrase?: string;
}

export interface ClusterFormResult {
  cluster: Omit<ClusterConfig, 'id'>;
  secrets: ClusterSecretsInput;
}

const mechanisms: { label: string; mechanism: ClusterAuth['mechanism'] }[] = [
  { label: 'None', mechanism: 'none' },
  { label: 'SASL PLAIN', mechanism: 'plain' },
  { label: 'SASL SCRAM-SHA-256', mechanism: 'scram-sha-256' },
  { label: 'SASL SCRAM-SHA-512', mechanism: 'scram-sha-512' },
];

/**
 * Asks for a cluster's name, servers, authentication and TLS; `current` pre-fills every answer
 * (Edit Cluster). Passwords are returned separately: they go to SecretStorage, never to settings.
 */
export async function clusterForm(
  prompts: Prompts,
  existingNames: Set<string>,
  current?: ClusterConfig,
  defaults: Partial<Omit<ClusterConfig, 'id'>> = {},
): Promise<ClusterFormResult | undefined> {
  const start = { ...defaults, ...current };
  const title = current ? `Edit Cluster ${current.name}` : 'Add Kafka Cluster';
  const name = await prompts.input({
    title: `${title}: name`,
    prompt: 'A name for the cluster',
    value: start.name ?? '',
    placeHolder: 'local',
    validateInput: (value) => clusterNameProblem(value, existingNames),
  });
  if (name === undefined) {
    return undefined;
  }
  const servers = await prompts.input({
    title: `${title}: bootstrap servers`,
    prompt: 'Bootstrap servers, comma-separated host:port',
    value: start.bootstrapServers ?? '127.0.0.1:9092',
    validateInput: (value) => {
      const parsed = parseBootstrapServers(value);
      return 'error' in parsed ? parsed.error : undefined;
    },
  });
  if (servers === undefined) {
    return undefined;
  }
  const auth = await askAuth(prompts, title, start.auth);
  if (!auth) {
    return undefined;
  }
  const tls = await askTls(prompts, title, start.tls);
  if (!tls) {
    return undefined;
  }
  const problem = clusterNameProblem(name, existingNames);
  const parsed = parseBootstrapServers(servers);
  if (problem || 'error' in parsed) {
    throw new Error(problem ?? (parsed as { error: string }).error);
  }
  return {
    cluster: {
      name: name.trim(),
      bootstrapServers: parsed.servers.join(','),
      ...(auth.auth.mechanism !== 'none' ? { auth: auth.auth } : {}),
      ...(tls.tls.enabled ? { tls: tls.tls } : {}),
    },
    secrets: { password: auth.password, keyPassphrase: tls.keyPassphrase },
  };
}

async function askAuth(
  prompts: Prompts,
  title: string,
  current: ClusterAuth | undefined,
): Promise<{ auth: ClusterAuth; password?: string } | undefined> {
  const picked = await prompts.pick(
    mechanisms.map((entry) => ({ ...entry, description: entry.mechanism === (current?.mechanism ?? 'none') ? '(current)' : undefined })),
    { title: `${title}: authentication`, placeHolder: 'How does the client authenticate?' },
  );
  if (!picked) {
    return undefined;
  }
  if (picked.mechanism === 'none') {
    return { auth: { mechanism: 'none' } };
  }
  const username = await prompts.input({
    title: `${title}: user name (${picked.label})`,
    prompt: 'SASL user name',
    value: current?.username ?? '',
    validateInput: (value) => (value.trim() ? undefined : 'Enter the user name.'),
  });
  if (username === undefined) {
    return undefined;
  }
  const keeping = current && current.mechanism !== 'none';
  const password = await prompts.input({
    title: `${title}: password for ${username.trim()}`,
    prompt: keeping ? 'Password (stored in VS Code secret storage). Leave empty to keep the stored one.' : 'Password (stored in VS Code secret storage, never in settings)',
    password: true,
    validateInput: (value) => (value || keeping ? undefined : 'Enter the password.'),
  });
  if (password === undefined) {
    return undefined;
  }
  return {
    auth: { mechanism: picked.mechanism as SaslMechanism, username: username.trim() },
    password: password === '' && keeping ? undefined : password,
  };
}

async function askTls(prompts: Prompts, title: string, current: ClusterTls | undefined): Promise<{ tls: ClusterTls; keyPassphrase?: string } | undefined> {
  const choice = await prompts.pick(
    [
      { label: 'Off', detail: 'PLAINTEXT or SASL_PLAINTEXT listeners', mode: 'off' as const },
      { label: 'On, verify with the system CAs', mode: 'system' as const },
      { label: 'On, verify with a CA file…', detail: 'PEM file of the CA that signed the brokers’ certificates', mode: 'ca' as const },
      { label: "On, DON'T verify the server certificate", detail: 'Insecure: anyone between you and the brokers can read and change the traffic.', mode: 'insecure' as const },
    ],
    { title: `${title}: TLS`, placeHolder: current?.enabled ? `Now: on${current.caFile ? ` with CA ${current.caFile}` : ''}` : 'Now: off' },
  );
  if (!choice) {
    return undefined;
  }
  if (choice.mode === 'off') {
    return { tls: { enabled: false } };
  }
  const tls: ClusterTls = { enabled: true };
  if (choice.mode === 'insecure') {
    const sure = await prompts.confirm(
      "Don't verify the brokers' TLS certificates?",
      'The connection stays encrypted, but the client cannot tell a real broker from an impostor. Use this only for local test clusters.',
      "Don't Verify",
    );
    if (!sure) {
      return undefined;
    }
    tls.rejectUnauthorized = false;
  }
  if (choice.mode === 'ca') {
    const caFile = await prompts.openFile({ title: 'CA certificate (PEM)', openLabel: 'Use this CA', filters: { 'PEM certificates': ['pem', 'crt', 'cer'], 'All files': ['*'] } });
    if (!caFile) {
      return undefined;
    }
    tls.caFile = caFile;
  }
  const mutual = await prompts.pick(
    [
      { label: 'No client certificate', mutual: false },
      { label: 'Client certificate and key (mutual TLS)…', mutual: true },
    ],
    { title: `${title}: client certificate`, placeHolder: 'Does the cluster require a client certificate?' },
  );
  if (!mutual) {
    return undefined;
  }
  let keyPassphrase: string | undefined;
  if (mutual.mutual) {
    const certFile = await prompts.openFile({ title: 'Client certificate (PEM)', openLabel: 'Use this certificate' });
    if (!certFile) {
      return undefined;
    }
    const keyFile = await prompts.openFile({ title: 'Client private key (PEM)', openLabel: 'Use this key' });
    if (!keyFile) {
      return undefined;
    }
    const passphrase = await prompts.input({
      title: `${title}: key passphrase`,
      prompt: 'Passphrase of the private key (stored in VS Code secret storage). Leave empty if the key has none.',
      password: true,
    });
    if (passphrase === undefined) {
      return undefined;
    }
    tls.certFile = certFile;
    tls.keyFile = keyFile;
    keyPassphrase = passphrase;
  }
  return { tls, keyPassphrase };
}

export function clusterNameProblem(name: string, existingNames: Set<string>): string | undefined {
  const trimmed = name.trim();
  if (trimmed.length === 0) {
    return 'Enter a name for the cluster.';
  }
  if (existingNames.has(trimmed)) {
    return `A cluster named "${trimmed}" exists already.`;
  }
  return undefined;
}
