/**
 * Entry point of the extension-host test suite (extensionTestsPath). The same
 * module serves both runners:
 *  - @vscode/test-electron (test/extension/runElectron.ts), desktop VS Code;
 *  - code-server in chromium (scripts/vscode/runExtensionTests.ts), where the
 *    extension host's console lines reach the outer runner through the
 *    page's codeAutomationLog hook.
 * Mocha BDD UI (describe/it), spec reporter over console.log, every
 * out/test/extension/**\/*.test.js file. Rejects when any test fails.
 *
 * Environment: KW_TEST_GREP (mocha grep), KW_TEST_TIMEOUT_MS (default 30000).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Prefix of the one JSON line with the counts; runExtensionTests parses it. */
export const SUMMARY_MARKER = '[kafka-workbench-extension-tests]';

function findTests(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** Activates the extension before any test touches it, so its activation time is measured alone. */
async function logActivationTime(): Promise<void> {
  const vscode = await import('vscode');
  const extension = vscode.extensions.getExtension('kafka-workbench.kafka-workbench');
  if (!extension || extension.isActive) return;
  const started = performance.now();
  await extension.activate();
  console.log(`activation: ${(performance.now() - started).toFixed(1)} ms`);
}

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    // No TTY here: colour escapes would only clutter the forwarded log lines.
    color: false,
    timeout: Number(process.env.KW_TEST_TIMEOUT_MS) || 30_000,
    grep: process.env.KW_TEST_GREP || undefined,
  });
  const files = findTests(__dirname);
  for (const f of files) mocha.addFile(f);
  console.log(`extension tests: ${files.length} file(s) in ${__dirname}`);
  await logActivationTime();

  await new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats ?? { passes: 0, failures, pending: 0, tests: 0, duration: 0 };
        console.log(
          `${SUMMARY_MARKER} ${JSON.stringify({ passed: s.passes, failed: s.failures, pending: s.pending, duration: s.duration ?? 0 })}`,
        );
        if (failures > 0) reject(new Error(`${failures} extension test(s) failed`));
        else if (s.passes === 0) reject(new Error(`no extension test ran (grep: ${process.env.KW_TEST_GREP ?? 'none'})`));
        else resolve();
      });
    } catch (err) {
      // A test file that throws while loading (e.g. in a describe body).
      console.error(err);
      console.log(`${SUMMARY_MARKER} ${JSON.stringify({ passed: 0, failed: 1, pending: 0, duration: 0, loadError: true })}`);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
