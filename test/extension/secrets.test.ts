// After SASL and mutual-TLS clusters are added through the extension's own commands and used (tree, topics,
// produce, a tail panel, a failed login), neither the password nor the key passphrase is anywhere the
// extension or VS Code writes: settings, the "Kafka" log, the panel's persisted state, the mementos, the
// workspace and code-server's folders. Each search first proves it can find what is there.
import * as assert from 'assert';
import { randomBytes, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { KafkaCluster } from '../../scripts/kafka/broker';
import type { ClusterConfig } from '../../src/clusters/clusterConfig';
import type { KafkaExtensionApi } from '../../src/extension';
import type { TailPanel } from '../../src/panel/tailPanel';
import { logChannelFile, openTail, runWithPrompts, startOwnKafka, waitFor, waitForLogLine } from './hostFixture';
import { filesBelow, needles, search, searchFiles, type Needle } from './secretScan';
import { childrenAt, extensionApi, label, setClusters, uniqueName } from './support';

describe('Secrets stay in SecretStorage (extension host, real SCRAM and mutual-TLS broker)', function () {
  this.timeout(120_000);
  const run = randomUUID().slice(0, 8);
  const names = { sasl: `SASL ${run}`, tls: `TLS ${run}`, wrong: `Wrong password ${run}` };
  const topic = uniqueName('secrets');
  const marker = `marker-${run}`;
  const wrongPassword = `wrong-${randomBytes(12).toString('hex')}`;
  let kafka: KafkaCluster;
  let api: KafkaExtensionApi;
  let password: string;
  let keyPassphrase: string;
  let secretNeedles: Needle[];
  const clusters: Record<keyof typeof names, ClusterConfig | undefined> = { sasl: undefined, tls: undefined, wrong: undefined };
  const panels: TailPanel[] = [];
  let workspaceDir: string;
  const workspaceFiles: string[] = [];

  before(async function () {
    this.timeout(180_000);
    api = await extensionApi();
    // Everything the channel would write at its most verbose: Output view, Kafka channel, Set Log Level > Trace.
    api.log.show(true);
    await waitFor('the log channel to log at trace level', async () => {
      await vscode.commands.executeCommand(`workbench.action.output.activeOutputLogLevel.${vscode.LogLevel.Trace}`);
      return api.log.logLevel === vscode.LogLevel.Trace;
    });
    await vscode.commands.executeCommand('workbench.action.closePanel');
    workspaceDir = vscode.workspace.workspaceFolders![0].uri.fsPath;
    kafka = await startOwnKafka({ security: ['scram', 'ssl'], mutualTls: true });
    password = kafka.security!.password;
    keyPassphrase = kafka.security!.tls!.keyPassphrase;
    secretNeedles = [password, keyPassphrase, wrongPassword].flatMap(needles);
  });

  after(async function () {
    this.timeout(60_000);
    await api?.tailPanels.closeAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const cluster of Object.values(clusters)) {
      if (cluster) await api.secrets.deleteAll(cluster.id);
    }
    await setClusters([]);
    api?.tree.refresh();
    for (const file of workspaceFiles) fs.rmSync(file, { force: true });
    await kafka?.stop();
    api?.log.show(true);
    await vscode.commands.executeCommand('workbench.action.output.activeOutputLogLevelDefault');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('each secret is random for this run', () => {
    assert.match(password, /^pw-[0-9a-f]{24}$/);
    assert.match(keyPassphrase, /^kp-[0-9a-f]{24}$/);
    assert.notStrictEqual(password, keyPassphrase);
  });

  it('the scan finds a secret in every form it looks for, wherever it sits in the text', () => {
    const canary = `canary-${randomBytes(12).toString('hex')}`;
    const forms = needles(canary);
    for (let before = 0; before < 3; before++) {
      const text = Buffer.from(`${'x'.repeat(before)}${canary}yz`);
      const written = [
        text.toString('utf8'),
        Buffer.from(text.toString('utf8'), 'utf16le'),
        text.toString('hex'),
        `{"token":"${text.toString('base64')}"}`,
        text.toString('base64url'),
      ];
      for (const content of written) {
        assert.ok(search('canary', content, forms).length > 0, `not found in ${content.toString()}`);
      }
    }
    assert.deepStrictEqual(search('canary', `canary-${'0'.repeat(24)}`, forms), []);
  });

  it('adds a SCRAM cluster, a mutual-TLS cluster and one with a wrong password through Add Cluster', async () => {
    const tls = kafka.security!.tls!;
    const scram = (name: string, secret: string) => [
      { input: /name/, answer: name },
      { input: /bootstrap servers/, answer: kafka.listeners.scram! },
      { pick: /authentication/, answer: 'SASL SCRAM-SHA-512' },
      { input: /user name/, answer: kafka.security!.username },
      { input: /password for/, answer: secret },
      { pick: /TLS/, answer: 'Off' },
    ];
    clusters.sasl = (await runWithPrompts<ClusterConfig>('kafka.cluster.add', scram(names.sasl, password))).result;
    clusters.tls = (
      await runWithPrompts<ClusterConfig>('kafka.cluster.add', [
        { input: /name/, answer: names.tls },
        { input: /bootstrap servers/, answer: kafka.listeners.ssl! },
        { pick: /authentication/, answer: 'None' },
        { pick: /TLS/, answer: 'On, verify with a CA file…' },
        { openFile: /CA certificate/, answer: tls.caFile },
        { pick: /client certificate/, answer: 'Client certificate and key (mutual TLS)…' },
        { openFile: /Client certificate/, answer: tls.clientCertFile },
        { openFile: /Client private key/, answer: tls.clientKeyFile },
        { input: /key passphrase/, answer: keyPassphrase },
      ])
    ).result;
    clusters.wrong = (await runWithPrompts<ClusterConfig>('kafka.cluster.add', scram(names.wrong, wrongPassword))).result;
    assert.ok(clusters.sasl && clusters.tls && clusters.wrong);
    assert.deepStrictEqual(clusters.tls.tls, { enabled: true, caFile: tls.caFile, certFile: tls.clientCertFile, keyFile: tls.clientKeyFile });
  });

  it('uses both clusters: tree, topics, create, produce, tail; the wrong password fails and is logged', async () => {
    const sasl = clusters.sasl!;
    const tls = clusters.tls!;
    for (const name of [names.sasl, names.tls]) {
      assert.deepStrictEqual((await childrenAt(api, name)).map(label), ['Brokers', 'Topics', 'Consumer Groups'], name);
    }
    const { result: created } = await runWithPrompts<string>('kafka.topic.create', [
      { input: /Topic name/, answer: topic },
      { input: /partitions/, answer: '1' },
      { input: /Replication factor/, answer: '1' },
      { input: /Configs/, answer: '' },
    ], api.tree.clusterNode(sasl.id));
    assert.strictEqual(created, topic);
    api.tree.refresh(api.tree.clusterNode(tls.id)?.topics);
    for (const name of [names.sasl, names.tls]) {
      assert.ok((await childrenAt(api, name, 'Topics')).map(label).includes(topic), `${name} lists ${topic}`);
    }

    // Produce Document from a file in the workspace, once through each cluster.
    const records = path.join(workspaceDir, `records-${run}.jsonl`);
    workspaceFiles.push(records);
    fs.writeFileSync(records, [1, 2, 3].map((n) => JSON.stringify({ marker, n })).join('\n') + '\n');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(records));
    for (const cluster of [sasl, tls]) {
      const outcome = await vscode.commands.executeCommand<{ kind: string; result?: { sent: unknown[]; failure?: unknown } }>(
        'kafka.produce.document',
        { clusterId: cluster.id, topic, format: 'jsonl' },
      );
      assert.strictEqual(outcome?.kind, 'done', JSON.stringify(outcome));
      assert.strictEqual(outcome.result?.sent.length, 3);
      assert.strictEqual(outcome.result?.failure, undefined);
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor', editor.document.uri);

    // A tail panel on each cluster reads all six; its state is what VS Code keeps for a window reload.
    for (const cluster of [sasl, tls]) {
      const panel = await openTail({ clusterId: cluster.id, topic, start: { kind: 'beginning' } });
      panels.push(panel);
      await waitFor(`the tail on ${cluster.name}`, () => panel.stats().received === 6);
      await waitFor(`the state of the panel on ${cluster.name}`, () => panel.persistedState()?.resume?.['0'] === '0');
    }
    const exported = vscode.Uri.file(path.join(workspaceDir, `export-${run}.jsonl`));
    workspaceFiles.push(exported.fsPath);
    assert.strictEqual((await panels[1].exportTo(exported)).count, 6);

    // The wrong password: the tree says so; the log gets the failure.
    const [failure] = await childrenAt(api, names.wrong);
    assert.match(label(failure), /authentication failed|SASL|password/i);
    const { prompts } = await runWithPrompts('kafka.cluster.test', [], api.tree.clusterNode(clusters.wrong!.id));
    assert.strictEqual(prompts.errors.length, 1);
    assert.match(prompts.errors[0], new RegExp(names.wrong));
  });

  function userDataDir(): string {
    // globalStorageUri is <user-data>/User/globalStorage/<extension id>.
    const dir = path.resolve(api.storage.globalStorageUri.fsPath, '..', '..', '..');
    assert.ok(fs.existsSync(path.join(dir, 'User', 'settings.json')), `no User/settings.json in ${dir}`);
    return dir;
  }

  function noHits(hits: { where: string; form: string; secret: string }[]): void {
    const named = hits.map((hit) => `${hit.where}: ${hit.secret === password ? 'password' : hit.secret === keyPassphrase ? 'key passphrase' : 'wrong password'} (${hit.form})`);
    assert.deepStrictEqual(named, []);
  }

  it('settings files hold the clusters but no secret', () => {
    const settingsFiles = [path.join(userDataDir(), 'User', 'settings.json'), path.join(workspaceDir, '.vscode', 'settings.json')].filter((f) => fs.existsSync(f));
    const user = fs.readFileSync(settingsFiles[0], 'utf8');
    for (const name of Object.values(names)) assert.ok(user.includes(name), `settings.json names ${name}`);
    assert.ok(user.includes(kafka.listeners.scram!) && user.includes(kafka.listeners.ssl!), 'settings.json has both bootstrap addresses');
    assert.ok(user.includes(JSON.stringify(kafka.security!.tls!.clientKeyFile)), 'settings.json names the key file');
    noHits(settingsFiles.flatMap((file) => search(file, fs.readFileSync(file), secretNeedles)));
  });

  it('the Kafka log channel file, written at trace level, has this run’s lines but no secret', async () => {
    const text = await waitForLogLine('the failed login', (line) => line.includes(`cluster "${names.wrong}"`) && /authentication failed/.test(line));
    assert.ok(text.includes(`Sent 3 records to ${topic}`), 'the log has the produce results');
    assert.ok(text.includes(kafka.listeners.scram!), 'the log names the SCRAM listener');
    noHits(search(await logChannelFile(), text, secretNeedles));
  });

  it('the panels’ persisted state and page hold the tail but no secret', () => {
    for (const panel of panels) {
      const state = JSON.stringify(panel.persistedState());
      assert.ok(state.includes(topic) && state.includes(panel.clusterId), state);
      noHits([...search('panel state', state, secretNeedles), ...search('panel html', panel.panel.webview.html, secretNeedles)]);
    }
  });

  it('globalState and workspaceState hold the produce targets but no secret', () => {
    const dump = (memento: vscode.Memento) => JSON.stringify(memento.keys().map((key) => [key, memento.get(key)]));
    const workspaceState = dump(api.storage.workspaceState);
    assert.ok(workspaceState.includes(topic) && workspaceState.includes(clusters.sasl!.id), workspaceState.slice(0, 500));
    noHits([...search('workspaceState', workspaceState, secretNeedles), ...search('globalState', dump(api.storage.globalState), secretNeedles)]);
  });

  it('SecretStorage gives both secrets back', async () => {
    assert.strictEqual(await api.secrets.get(clusters.sasl!.id, 'password'), password);
    assert.strictEqual(await api.secrets.get(clusters.tls!.id, 'keyPassphrase'), keyPassphrase);
    assert.strictEqual(await api.secrets.get(clusters.wrong!.id, 'password'), wrongPassword);
  });

  it('no file of the workspace or of code-server’s folders holds a secret', () => {
    const userData = userDataDir();
    // code-server's own temp folder (its log, extensions, XDG folders) when the runner made one around user-data.
    const serverDir = path.dirname(userData);
    const roots = [workspaceDir, fs.existsSync(path.join(serverDir, 'code-server.log')) ? serverDir : userData];
    const files = roots.flatMap(filesBelow);
    assert.ok(files.some((file) => fs.readFileSync(file).includes(marker)), 'the workspace holds the produced and exported records');
    assert.ok(files.some((file) => file.endsWith('settings.json') && fs.readFileSync(file, 'utf8').includes(names.tls)), 'user settings are among the files');
    const result = searchFiles(roots, secretNeedles);
    console.log(`      searched ${result.files} files, ${(result.bytes / 1024 / 1024).toFixed(1)} MiB, below ${roots.join(' and ')}`);
    noHits(result.hits);
  });
});
