import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'kafka-workbench.kafka-workbench';

describe('extension host smoke', () => {
  it('runs inside a real VS Code extension host', () => {
    console.log(`vscode ${vscode.version}, appHost=${vscode.env.appHost}, appName=${vscode.env.appName}, uiKind=${vscode.env.uiKind}`);
    assert.ok(vscode.version, 'vscode.version is set');
  });

  it(`has ${EXTENSION_ID} and activates it`, async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded (extensionDevelopmentPath wrong?)`);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('kafka.cluster.add'), 'kafka.cluster.add is registered');
  });
});
