import { promises as fs } from 'fs';
import * as path from 'path';
import type { ClusterConfig } from '../clusters/clusterConfig';
import { parseBootstrapServers } from '../kafka/connect/bootstrap';
import { parseClientProperties } from '../kafka/connect/clientProperties';
import { addCluster } from './addCluster';
import { clusterNameProblem } from './clusterForm';
import type { CommandDeps } from './commandDeps';

/**
 * "Kafka: Add Cluster from client.properties": takes over what the file says, names every
 * setting it cannot use, and asks only for what is missing (name, servers, user, password).
 */
export async function addClusterFromProperties(deps: CommandDeps, file?: string): Promise<ClusterConfig | undefined> {
  const chosen =
    file ??
    (await deps.prompts.openFile({
      title: 'Kafka client properties file',
      openLabel: 'Add Cluster',
      filters: { 'Properties files': ['properties', 'conf', 'config'], 'All files': ['*'] },
    }));
  if (!chosen) {
    return undefined;
  }
  let text: string;
  try {
    text = await fs.readFile(chosen, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${chosen}: ${(error as Error).message}`);
  }
  const parsed = parseClientProperties(text);
  if (parsed.unsupported.length > 0) {
    const goOn = await deps.prompts.confirm(
      `${path.basename(chosen)} has ${parsed.unsupported.length} setting${parsed.unsupported.length === 1 ? '' : 's'} the workbench does not use.`,
      parsed.unsupported.map((line) => `• ${line}`).join('\n'),
      'Add Cluster Anyway',
    );
    if (!goOn) {
      return undefined;
    }
  }
  const title = `Add Cluster from ${path.basename(chosen)}`;
  const existingNames = new Set(deps.store.list().map((cluster) => cluster.name));
  const suggested = path.basename(chosen).replace(/\.[^.]+$/, '');
  const name = await deps.prompts.input({
    title: `${title}: name`,
    prompt: 'A name for the cluster',
    value: existingNames.has(suggested) ? '' : suggested,
    validateInput: (value) => clusterNameProblem(value, existingNames),
  });
  if (name === undefined) {
    return undefined;
  }
  let bootstrapServers = parsed.bootstrapServers;
  if (!bootstrapServers) {
    bootstrapServers = await deps.prompts.input({
      title: `${title}: bootstrap servers`,
      prompt: 'The file has no usable bootstrap.servers: enter them, comma-separated host:port',
      validateInput: (value) => {
        const servers = parseBootstrapServers(value);
        return 'error' in servers ? servers.error : undefined;
      },
    });
    if (bootstrapServers === undefined) {
      return undefined;
    }
  }
  let username = parsed.sasl?.username;
  let password = parsed.sasl?.password;
  if (parsed.sasl && !username) {
    username = await deps.prompts.input({
      title: `${title}: user name`,
      prompt: `SASL ${parsed.sasl.mechanism.toUpperCase()} user name (not in the file)`,
      validateInput: (value) => (value.trim() ? undefined : 'Enter the user name.'),
    });
    if (username === undefined) {
      return undefined;
    }
  }
  if (parsed.sasl && password === undefined) {
    password = await deps.prompts.input({
      title: `${title}: password`,
      prompt: `Password of ${username} (not in the file; stored in VS Code secret storage)`,
      password: true,
      validateInput: (value) => (value ? undefined : 'Enter the password.'),
    });
    if (password === undefined) {
      return undefined;
    }
  }
  const { keyPassphrase, ...tlsFiles } = parsed.tls ?? {};
  return addCluster(deps.store, deps.secrets, deps.prompts, {
    name,
    bootstrapServers,
    ...(parsed.sasl ? { auth: { mechanism: parsed.sasl.mechanism, username: username!.trim() } } : {}),
    ...(parsed.tls ? { tls: { enabled: true, ...resolveFiles(tlsFiles, path.dirname(chosen)) } } : {}),
    password,
    keyPassphrase,
  });
}

/** Relative paths in the file are relative to the file, as a user would expect. */
function resolveFiles<T extends Record<string, unknown>>(tls: T, base: string): T {
  const resolved: Record<string, unknown> = { ...tls };
  for (const key of ['caFile', 'certFile', 'keyFile']) {
    const value = resolved[key];
    if (typeof value === 'string') {
      resolved[key] = path.resolve(base, value);
    }
  }
  return resolved as T;
}
