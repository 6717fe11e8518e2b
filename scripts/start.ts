/**
 * The product, locally: a Kafka broker with sample data and the extension in a real VS Code.
 * `code` on the PATH gets the extension in development mode; otherwise code-server serves it on 127.0.0.1.
 * Ctrl-C stops everything. Run through scripts/start.sh, which installs and builds first.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { useKafka } from './kafka/broker';
import { sampleGroup, sampleTopic, seedSampleData } from './sample/seed';
import { installVsix, startCodeServer } from './vscode/codeServer';

const root = path.resolve(__dirname, '../..');

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, command)));
}

function vsixPath(): string {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return path.join(root, `${name}-${version}.vsix`);
}

function waitForStop(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

async function main(): Promise<void> {
  console.log('Starting Kafka…');
  const kafka = await useKafka({ log: process.env.KW_VERBOSE ? (line) => console.log(`[kafka] ${line}`) : undefined });
  console.log(`Kafka ${kafka.version} is up at ${kafka.bootstrap}`);
  await seedSampleData(kafka.bootstrap);

  const settings = {
    'kafka.clusters': [{ id: 'local', name: 'Local Kafka', bootstrapServers: kafka.bootstrap }],
  };
  const workspace = path.join(root, 'samples');
  const stops: Array<() => Promise<void>> = [() => kafka.stop()];
  try {
    if (onPath('code') && !process.env.KW_USE_CODE_SERVER) {
      const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-workbench-vscode-'));
      fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
      fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
      const code = spawn('code', ['--wait', '--new-window', `--user-data-dir=${userDataDir}`, `--extensionDevelopmentPath=${root}`, workspace], {
        stdio: 'inherit',
      });
      console.log('VS Code is opening with the Kafka view and a "Local Kafka" cluster. Ctrl-C stops everything.');
      await Promise.race([waitForStop(), new Promise<void>((resolve) => code.once('exit', () => resolve()))]);
      code.kill();
    } else {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-workbench-code-server-'));
      const userDataDir = path.join(dataDir, 'user-data');
      const extensionsDir = path.join(dataDir, 'extensions');
      await installVsix(vsixPath(), userDataDir, extensionsDir);
      const server = await startCodeServer({ folder: workspace, settings, userDataDir, extensionsDir });
      stops.unshift(async () => {
        await server.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      });
      console.log('');
      console.log(`Open ${server.url} in a browser: VS Code with the Kafka view (activity bar) and a "Local Kafka" cluster.`);
      console.log(`Sample data: topic ${sampleTopic} (orders as JSON) and consumer group ${sampleGroup} with lag.`);
      console.log(`Kafka bootstrap: ${kafka.bootstrap}. Ctrl-C stops everything.`);
      await waitForStop();
    }
  } finally {
    console.log('Stopping…');
    for (const stop of stops) {
      await stop().catch((error: unknown) => console.error(error));
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
