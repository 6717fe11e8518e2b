import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionApi, extensionId } from './support';

interface Contributed {
  command: string;
  title: string;
  category?: string;
}

describe('package.json contributions', () => {
  let packageJson: { contributes: { commands: Contributed[]; menus: Record<string, { command: string; when?: string }[]>; keybindings?: { command: string }[]; views?: Record<string, { id: string }[]> } };

  before(async () => {
    await extensionApi();
    packageJson = vscode.extensions.getExtension(extensionId)!.packageJSON;
  });

  it('registers every contributed command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = packageJson.contributes.commands.map((entry) => entry.command).filter((command) => !registered.has(command));
    assert.deepStrictEqual(missing, []);
  });

  it('contributes every command the extension registers', async () => {
    const contributed = new Set(packageJson.contributes.commands.map((entry) => entry.command));
    // VS Code adds commands of its own for each view (kafka.clusters.focus, …).
    const views = Object.values(packageJson.contributes.views ?? {}).flat().map((view) => `${view.id}.`);
    const ours = (await vscode.commands.getCommands(true)).filter(
      (command) => command.startsWith('kafka.') && !views.some((prefix) => command.startsWith(prefix)),
    );
    assert.deepStrictEqual(ours.filter((command) => !contributed.has(command)), []);
  });

  it('names only contributed commands in menus and keybindings', () => {
    const contributed = new Set(packageJson.contributes.commands.map((entry) => entry.command));
    const referenced = [
      ...Object.entries(packageJson.contributes.menus).flatMap(([menu, entries]) => entries.map((entry) => `${menu}: ${entry.command}`)),
      ...(packageJson.contributes.keybindings ?? []).map((entry) => `keybindings: ${entry.command}`),
    ];
    assert.deepStrictEqual(referenced.filter((entry) => !contributed.has(entry.split(': ')[1])), []);
  });

  it('puts every command in category "Kafka" with an id kafka.<noun>.<verb>', () => {
    for (const entry of packageJson.contributes.commands) {
      assert.strictEqual(entry.category, 'Kafka', entry.command);
      assert.match(entry.command, /^kafka\.[a-z]+\.[a-zA-Z]+$/);
    }
  });

  it('targets tree items by context values that nodes really set', () => {
    const contextValues = [
      'cluster', 'brokers', 'broker', 'broker.controller', 'topics', 'topics.filtered', 'topic', 'topic.internal',
      'partitions', 'partition', 'partition.underReplicated', 'configs', 'topicConfig', 'topicConfig.readOnly',
      'groups', 'group', 'group.active', 'groupMember', 'groupTopic', 'groupPartition', 'error', 'info', 'loadMore',
    ].map((value) => `kafka.${value}`);
    for (const entry of packageJson.contributes.menus['view/item/context'] ?? []) {
      const when = entry.when ?? '';
      const regex = /viewItem =~ \/(.+?)\/(?:\s|$)/.exec(when);
      const equals = /viewItem == (\S+)/.exec(when);
      assert.ok(regex || equals, `${entry.command} has no viewItem condition: ${when}`);
      const matches = regex ? contextValues.filter((value) => new RegExp(regex[1]).test(value)) : contextValues.filter((value) => value === equals![1]);
      assert.ok(matches.length > 0, `${entry.command}: "${when}" matches no node`);
    }
  });
});
