/**
 * The extension-host suite (test/extension/index.ts) in desktop VS Code via
 * @vscode/test-electron, for contributors whose machine reaches Microsoft's
 * update server (it downloads VS Code into .vscode-test/). On machines that
 * reach only package registries use the code-server runner instead:
 * `node out/scripts/vscode/runExtensionTests.js`.
 *
 * Usage (after `node esbuild.js` and `npx tsc -p .`):
 *   node out/test/extension/runElectron.js
 *   (headless Linux: xvfb-run -a node out/test/extension/runElectron.js)
 * Environment:
 *   VSCODE_VERSION   VS Code to download (default: the minimum of engines.vscode, e.g. 1.100.0;
 *                    "stable" or "insiders" also work)
 *   VSCODE_EXECUTABLE_PATH  use an installed VS Code instead of downloading one
 *   KW_SETTINGS      JSON user settings, e.g. '{"kafka.clusters":[...]}'
 *   KW_TEST_GREP, KW_TEST_TIMEOUT_MS, KAFKA_BOOTSTRAP, ...: any variable set here reaches
 *                    the extension host (test-electron passes the environment on).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function minEngine(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { engines?: { vscode?: string } };
  const m = /(\d+\.\d+\.\d+)/.exec(pkg.engines?.vscode ?? '');
  return m ? m[1] : '1.100.0';
}

async function main(): Promise<number> {
  const extensionDevelopmentPath = REPO_ROOT;
  const extensionTestsPath = path.join(__dirname, 'index.js');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-electron-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'security.workspace.trust.enabled': false,
    ...(process.env.KW_SETTINGS ? (JSON.parse(process.env.KW_SETTINGS) as Record<string, unknown>) : {}),
  };
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  try {
    return await runTests({
      version: process.env.VSCODE_VERSION || minEngine(),
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [
        workspace,
        '--user-data-dir', userDataDir,
        '--extensions-dir', extensionsDir,
        '--disable-extensions', // other installed extensions; the one under development stays enabled
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        '--no-sandbox',
      ],
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // runTests rejects (TestRunFailedError) when VS Code exits non-zero, i.e. a test failed.
    console.error(`runElectron: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
