/**
 * Runs the extension-host test suite (test/extension/index.ts) inside a real
 * VS Code: code-server 4.100.3 (VS Code 1.100.3, Node extension host) opened
 * in headless chromium. Forwards the extension host's console lines to stdout,
 * prints a closing summary line "extension: N passed, N failed, N skipped"
 * and exits with the suite's code.
 *
 * Usage (after `bash scripts/vscode/install.sh`, `node esbuild.js`, `npx tsc -p .`):
 *   node out/scripts/vscode/runExtensionTests.js [options]
 * Options:
 *   --extension <dir>      extensionDevelopmentPath (default: repo root)
 *   --tests <file>         extensionTestsPath (default: <repo>/out/test/extension/index.js)
 *   --folder <dir>         workspace folder to open (default: a fresh temp folder)
 *   --settings <json|file> user settings, e.g. '{"kafka.clusters":[...]}' (repeatable, merged)
 *   --env KEY=VALUE        environment for code-server and so the extension host (repeatable)
 *   --timeout <seconds>    whole-run limit (default 600)
 *   --screenshot <png>     save a screenshot of the workbench when the run ends
 *   --verbose              also echo code-server's own log
 * Environment: KW_SETTINGS (JSON, same as --settings), KW_TEST_GREP and
 * KW_TEST_TIMEOUT_MS pass through to the suite, as does any variable that is
 * set when this runner starts (the extension host inherits code-server's env).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import { launchChromium, payloadUrl, startCodeServer, type Chromium, type CodeServer } from './codeServer';

const SUMMARY_MARKER = '[kafka-workbench-extension-tests]';
/** First line test/extension/index.ts prints. */
const SUITE_START = 'extension tests: ';
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface RunExtensionTestsOptions {
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  folder?: string;
  settings?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  screenshot?: string;
  verbose?: boolean;
  /** Receives every forwarded line (default: process.stdout). */
  onLine?: (line: string) => void;
}

export interface RunExtensionTestsResult {
  exitCode: number;
  passed?: number;
  failed?: number;
  pending?: number;
  timedOut: boolean;
  durationMs: number;
}

interface Summary {
  passed: number;
  failed: number;
  pending: number;
}

/** One cycle: start code-server, open the payload URL, wait for codeAutomationExit, stop everything. */
export async function runExtensionTests(opts: RunExtensionTestsOptions = {}): Promise<RunExtensionTestsResult> {
  const t0 = Date.now();
  const write = opts.onLine ?? ((line: string) => process.stdout.write(`${line}\n`));
  // KW_DEBUG_LOG=1: prefix every line with the milliseconds since the start.
  const out = process.env.KW_DEBUG_LOG === '1' ? (line: string) => write(`${Date.now() - t0} ${line}`) : write;
  const extensionDevelopmentPath = path.resolve(opts.extensionDevelopmentPath ?? REPO_ROOT);
  const extensionTestsPath = path.resolve(opts.extensionTestsPath ?? path.join(REPO_ROOT, 'out', 'test', 'extension', 'index.js'));
  const timeoutMs = opts.timeoutMs ?? 600_000;
  for (const [what, p] of [['extensionDevelopmentPath', path.join(extensionDevelopmentPath, 'package.json')], ['extensionTestsPath', extensionTestsPath]]) {
    if (!fs.existsSync(p)) throw new Error(`${what}: ${p} does not exist (did you run \`node esbuild.js\` and \`npx tsc -p .\`?)`);
  }
  const main = (JSON.parse(fs.readFileSync(path.join(extensionDevelopmentPath, 'package.json'), 'utf8')) as { main?: string }).main;
  if (main && !fs.existsSync(path.resolve(extensionDevelopmentPath, main)) && !fs.existsSync(path.resolve(extensionDevelopmentPath, `${main}.js`))) {
    out(`warning: the extension's main ${main} does not exist (run \`node esbuild.js\`)`);
  }

  const ownFolder = !opts.folder;
  const folder = opts.folder ? path.resolve(opts.folder) : fs.mkdtempSync(path.join(os.tmpdir(), 'kw-workspace-'));
  let server: CodeServer | undefined;
  let browser: Chromium | undefined;
  let summary: Summary | undefined;
  let timedOut = false;
  let exitCode = 1;
  try {
    // Server and browser start in parallel (each takes 1-3 s).
    const [s, b] = await Promise.allSettled([
      startCodeServer({ folder, settings: opts.settings, env: opts.env, verbose: opts.verbose }),
      launchChromium(),
    ]);
    if (s.status === 'fulfilled') server = s.value;
    if (b.status === 'fulfilled') browser = b.value;
    if (s.status === 'rejected') throw s.reason;
    if (b.status === 'rejected') throw b.reason;
    if (!server || !browser) throw new Error('unreachable');
    const tServer = Date.now() - t0;
    const page = browser.page;

    let resolveExit!: (code: number) => void;
    let finished = false;
    const exited = new Promise<number>((resolve) => (resolveExit = resolve));
    // The workbench's own console lines come through the same hook: until the
    // suite prints its first line, keep them (shown if the run fails early),
    // forwarding only errors, unless verbose.
    const early: string[] = [];
    let suiteStarted = false;
    const onLog = (type: string, line: string) => {
      if (!suiteStarted && line.startsWith(SUITE_START)) suiteStarted = true;
      if (!suiteStarted && !opts.verbose) {
        early.push(`[workbench ${type}] ${line}`);
        if (type === 'error') out(`[workbench error] ${line}`);
        return;
      }
      const i = line.indexOf(SUMMARY_MARKER);
      if (i >= 0) {
        try {
          summary = JSON.parse(line.slice(i + SUMMARY_MARKER.length)) as Summary;
        } catch {
          /* not ours */
        }
      }
      out(line);
    };
    // The hooks @vscode/test-web uses: the workbench calls them when a test run is in the payload.
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      for (const line of text.replace(/\n$/, '').split('\n')) onLog(type, line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(typeof code === 'number' ? code : 1));
    page.on('pageerror', (err) => out(`[page error] ${err.message}`));
    page.on('crash', () => {
      out('ERROR: the workbench page crashed');
      resolveExit(1);
    });
    browser.context.on('close', () => {
      if (!finished) out('ERROR: the browser closed during the run');
      resolveExit(1);
    });
    void server.exited.then((code) => {
      if (finished) return; // stopped by us
      out(`ERROR: code-server exited (${code}) during the run`);
      resolveExit(1);
    });

    const url = payloadUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath });
    out(`code-server ${server.url} and chromium ready in ${tServer} ms; opening the workbench with the test payload`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        timedOut = true;
        resolve(1);
      }, Math.max(0, timeoutMs - (Date.now() - t0)));
    });
    exitCode = await Promise.race([exited, timeout]);
    finished = true;
    clearTimeout(timer);
    if (timedOut) {
      out(`ERROR: the extension test run did not finish within ${Math.round(timeoutMs / 1000)} s (no codeAutomationExit); ` +
        `code-server log: ${server.logFile}`);
    }
    if (opts.screenshot) {
      fs.mkdirSync(path.dirname(path.resolve(opts.screenshot)), { recursive: true });
      await page.screenshot({ path: opts.screenshot }).catch((e: Error) => out(`screenshot failed: ${e.message}`));
    }
    if (exitCode !== 0 && !summary) {
      out(`the workbench ${timedOut ? 'timed out' : `reported exit code ${exitCode}`} without a test summary.`);
      if (!suiteStarted && early.length) out(`workbench console before the suite started:\n${early.join('\n')}`);
      out(`code-server log tail (${server.logFile}):\n${tail(server.logFile)}`);
    }
  } finally {
    await browser?.close();
    await server?.stop();
    if (ownFolder) fs.rmSync(folder, { recursive: true, force: true });
  }
  // A suite that passed but printed no summary (e.g. an index.js that is not ours) still counts as its exit code.
  return { exitCode, passed: summary?.passed, failed: summary?.failed, pending: summary?.pending, timedOut, durationMs: Date.now() - t0 };
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').slice(-3000);
  } catch {
    return '(no log)';
  }
}

function parseSettings(value: string): Record<string, unknown> {
  const text = value.trim().startsWith('{') ? value : fs.readFileSync(value, 'utf8');
  return JSON.parse(text) as Record<string, unknown>;
}

function parseArgs(argv: string[]): RunExtensionTestsOptions {
  const opts: RunExtensionTestsOptions = {};
  let settings: Record<string, unknown> | undefined = process.env.KW_SETTINGS ? parseSettings(process.env.KW_SETTINGS) : undefined;
  const env: NodeJS.ProcessEnv = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--extension': opts.extensionDevelopmentPath = next(); break;
      case '--tests': opts.extensionTestsPath = next(); break;
      case '--folder': opts.folder = next(); break;
      case '--settings': settings = { ...settings, ...parseSettings(next()) }; break;
      case '--env': {
        const kv = next();
        const eq = kv.indexOf('=');
        if (eq <= 0) throw new Error(`--env wants KEY=VALUE, got ${kv}`);
        env[kv.slice(0, eq)] = kv.slice(eq + 1);
        break;
      }
      case '--timeout': opts.timeoutMs = Number(next()) * 1000; break;
      case '--screenshot': opts.screenshot = next(); break;
      case '--verbose': opts.verbose = true; break;
      case '-h': case '--help':
        console.log(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
        process.exit(0);
        break;
      default: throw new Error(`unknown option ${a} (see --help)`);
    }
  }
  opts.settings = settings;
  opts.env = env;
  return opts;
}

if (require.main === module) {
  (async () => {
    const opts = parseArgs(process.argv.slice(2));
    const r = await runExtensionTests(opts);
    const secs = (r.durationMs / 1000).toFixed(1);
    if (r.passed !== undefined) {
      // Plain closing line for CI: "N passed, N failed" (", N skipped").
      console.log(`extension: ${r.passed} passed, ${r.failed} failed, ${r.pending} skipped`);
    } else {
      console.log(`extension: no test summary (exit code ${r.exitCode}${r.timedOut ? ', timed out' : ''})`);
    }
    console.log(`extension tests ${r.exitCode === 0 ? 'PASSED' : 'FAILED'} in ${secs} s (code-server + chromium cycle)`);
    process.exit(r.exitCode);
  })().catch((err: unknown) => {
    console.error(`runExtensionTests: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    process.exit(2);
  });
}
