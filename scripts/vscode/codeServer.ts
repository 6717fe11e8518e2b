/**
 * A real VS Code for tests on machines without Microsoft's download server:
 * code-server (VS Code 1.100.3 with a Node extension host) installed by
 * scripts/vscode/install.sh, driven by Debian's chromium through playwright-core.
 *
 * - startCodeServer(): one server on a free 127.0.0.1 port, with its own
 *   user-data, extensions and XDG folders, in its own process group.
 * - installVsix(): installs a built VSIX into a user-data/extensions dir pair.
 * - launchChromium(): a headless chromium with its own profile and HOME.
 * - payloadUrl(): the workbench URL that makes the browser workbench run an
 *   extension-host test suite (extensionDevelopmentPath/extensionTestsPath).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION || '4.100.3';

/** Folder that scripts/vscode/install.sh installs code-server into. */
export function codeServerDir(): string {
  if (process.env.KW_CODE_SERVER_DIR) return process.env.KW_CODE_SERVER_DIR;
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'kafka-workbench', `code-server-${CODE_SERVER_VERSION}`);
}

/** The code-server entry script (a Node script); throws a helpful error when missing. */
export function codeServerBin(): string {
  const entry = path.join(codeServerDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry) || !fs.existsSync(path.join(codeServerDir(), '.installed'))) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed in ${codeServerDir()}: run \`bash scripts/vscode/install.sh\``);
  }
  return entry;
}

export interface StartCodeServerOptions {
  /** Folder opened as the workspace. */
  folder: string;
  /** Defaults to a fresh folder inside the server's temp folder. */
  userDataDir?: string;
  /** Defaults to a fresh folder inside the server's temp folder. */
  extensionsDir?: string;
  /** Written (merged over quiet test defaults) into <userDataDir>/User/settings.json. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server, inherited by its extension host. */
  env?: NodeJS.ProcessEnv;
  /** Echo code-server's own output (default: only to <tmpDir>/code-server.log, or when KW_VERBOSE=1). */
  verbose?: boolean;
  /** Milliseconds to wait for /healthz (default 60 s). */
  startTimeoutMs?: number;
}

export interface CodeServer {
  /** Base URL, e.g. http://127.0.0.1:41234/ */
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  folder: string;
  /** Temp folder holding the XDG folders, the log and default data dirs. */
  tmpDir: string;
  /** code-server's stdout and stderr. */
  logFile: string;
  pid: number;
  /** Settles when the code-server process exits (exit code or signal name). */
  exited: Promise<number | string>;
  /** Kills the whole process group (server, extension hosts, pty hosts) and removes tmpDir. */
  stop(): Promise<void>;
}

/** Settings that keep a test workbench quiet; user settings override them. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
};

// ------------------------------------------------------------ process-group cleanup
const liveGroups = new Set<number>();
let exitHooksInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: group gone
  }
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  });
  // The servers sit in their own process groups, so a Ctrl-C on the terminal
  // does not reach them: kill them here. Exit only when nobody else listens
  // (a caller with its own handler, e.g. a graceful shutdown, keeps control).
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
      if (process.listenerCount(signal) === 0) process.exit(code);
    });
  }
}

/** Resolves when no process of the group is left, or after timeoutMs (false). */
async function waitGroupGone(pid: number, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (!killGroup(pid, 0)) return true;
    await sleep(50);
  }
  return !killGroup(pid, 0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ------------------------------------------------------------ helpers
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
  });
}

/** The inherited environment without variables that would steer code-server or VS Code elsewhere. */
function cleanEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (/^(VSCODE_|ELECTRON_)/.test(k)) continue;
    if (['PORT', 'PASSWORD', 'HASHED_PASSWORD', 'CODE_SERVER_CONFIG', 'CS_DISABLE_FILE_DOWNLOADS', 'GITHUB_TOKEN'].includes(k)) continue;
    env[k] = v;
  }
  return env;
}

function xdgEnv(tmpDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    XDG_CONFIG_HOME: path.join(tmpDir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(tmpDir, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(tmpDir, 'xdg', 'cache'),
    XDG_RUNTIME_DIR: path.join(tmpDir, 'xdg', 'runtime'),
  };
  for (const dir of Object.values(env)) fs.mkdirSync(dir as string, { recursive: true, mode: 0o700 });
  return env;
}

function writeSettings(userDataDir: string, settings: Record<string, unknown> | undefined): void {
  const userDir = path.join(userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  const file = path.join(userDir, 'settings.json');
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    /* none yet, or not plain JSON: rewrite */
  }
  fs.writeFileSync(file, JSON.stringify({ ...QUIET_SETTINGS, ...existing, ...settings }, null, 2));
}

// ------------------------------------------------------------ code-server
export async function startCodeServer(opts: StartCodeServerOptions): Promise<CodeServer> {
  const entry = codeServerBin();
  const folder = path.resolve(opts.folder);
  if (!fs.existsSync(folder)) throw new Error(`workspace folder does not exist: ${folder}`);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-code-server-'));
  const userDataDir = path.resolve(opts.userDataDir ?? path.join(tmpDir, 'user-data'));
  const extensionsDir = path.resolve(opts.extensionsDir ?? path.join(tmpDir, 'extensions'));
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeSettings(userDataDir, opts.settings);
  const configFile = path.join(tmpDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

  const port = await freePort();
  const logFile = path.join(tmpDir, 'code-server.log');
  const logFd = fs.openSync(logFile, 'a');
  const verbose = opts.verbose ?? process.env.KW_VERBOSE === '1';
  const args = [
    entry,
    '--config', configFile,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    folder,
  ];
  const env = {
    ...cleanEnv(process.env),
    ...xdgEnv(tmpDir),
    // No extension gallery: the default (open-vsx.org) is unreachable here and its
    // DNS failure alone delays the workbench by seconds.
    EXTENSIONS_GALLERY: '{}',
    // The real cache (Kafka's jars) for tests that start their own broker inside the extension host.
    KW_CACHE_HOME: process.env.KW_CACHE_HOME || process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
    ...opts.env,
  };
  installExitHooks();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: folder,
    env,
    detached: true, // own process group: stop() kills server + extension hosts together
    stdio: ['ignore', verbose ? 'pipe' : logFd, verbose ? 'pipe' : logFd],
  });
  if (verbose) {
    const logStream = fs.createWriteStream(logFile, { fd: logFd, autoClose: false });
    for (const s of [child.stdout!, child.stderr!]) {
      s.on('data', (d: Buffer) => {
        logStream.write(d);
        process.stderr.write(`[code-server] ${d}`);
      });
    }
  }
  const pid = child.pid!;
  liveGroups.add(pid);
  let exited: number | string | null = null;
  const exitedPromise = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = code ?? signal ?? 'unknown';
      resolve(exited);
    });
  });

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      killGroup(pid, 'SIGTERM');
      if (!(await waitGroupGone(pid, 3000))) {
        killGroup(pid, 'SIGKILL');
        await waitGroupGone(pid, 5000);
      }
      liveGroups.delete(pid);
      try {
        fs.closeSync(logFd);
      } catch {
        /* already closed */
      }
      if (process.env.KW_KEEP_TMP !== '1') fs.rmSync(tmpDir, { recursive: true, force: true });
    })();
    return stopped;
  };

  const url = `http://127.0.0.1:${port}/`;
  const timeoutMs = opts.startTimeoutMs ?? 60_000;
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) {
      const tail = readTail(logFile);
      await stop();
      throw new Error(`code-server exited (${exited}) before answering /healthz:\n${tail}`);
    }
    if ((await httpStatus(`${url}healthz`)) === 200) break;
    if (Date.now() > end) {
      const tail = readTail(logFile);
      await stop();
      throw new Error(`code-server did not answer ${url}healthz within ${timeoutMs} ms:\n${tail}`);
    }
    await sleep(100);
  }
  return { url, port, userDataDir, extensionsDir, folder, tmpDir, logFile, pid, exited: exitedPromise, stop };
}

function readTail(file: string, chars = 4000): string {
  try {
    const s = fs.readFileSync(file, 'utf8');
    return s.slice(-chars);
  } catch {
    return '(no log)';
  }
}

/** Runs the code-server CLI (no server) with its own XDG folders; resolves with its output. */
function runCodeServerCli(args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const entry = codeServerBin();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-code-server-cli-'));
  return new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], {
      env: { ...cleanEnv(process.env), ...xdgEnv(tmpDir), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      fs.rmSync(tmpDir, { recursive: true, force: true });
      if (code === 0) resolve(out);
      else reject(new Error(`code-server ${args.join(' ')} exited ${code}:\n${out}`));
    });
  });
}

/**
 * Installs a VSIX into the given user-data/extensions folders (about 1 s).
 * Rejects when code-server refuses it (e.g. engines.vscode newer than 1.100.3).
 */
export async function installVsix(vsixPath: string, userDataDir: string, extensionsDir: string): Promise<string> {
  const vsix = path.resolve(vsixPath);
  if (!fs.existsSync(vsix)) throw new Error(`VSIX not found: ${vsix}`);
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const out = await runCodeServerCli([
    '--user-data-dir', path.resolve(userDataDir),
    '--extensions-dir', path.resolve(extensionsDir),
    '--force',
    '--install-extension', vsix,
  ]);
  // code-server exits 0 even when it refuses an extension; look at what it said.
  if (/Failed Installing Extensions|not compatible|Unable to install/i.test(out)) {
    throw new Error(`installing ${vsix} failed:\n${out}`);
  }
  return out;
}

/** The extensions installed in extensionsDir, as "publisher.name@version". */
export async function listExtensions(userDataDir: string, extensionsDir: string): Promise<string[]> {
  const out = await runCodeServerCli([
    '--user-data-dir', path.resolve(userDataDir),
    '--extensions-dir', path.resolve(extensionsDir),
    '--list-extensions', '--show-versions',
  ]);
  return out.split('\n').map((l) => l.trim()).filter((l) => /^[\w-]+\.[\w-]+@/.test(l));
}

/**
 * The workbench URL that runs an extension-host test suite: the browser
 * workbench takes extensionDevelopmentPath/extensionTestsPath from the
 * `payload` query parameter (code-server's CLI rejects those flags).
 */
export function payloadUrl(server: Pick<CodeServer, 'url' | 'port'>, p: {
  folder: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
}): string {
  const remote = (abs: string) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(abs)}`;
  const payload: [string, string][] = [];
  if (p.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(p.extensionDevelopmentPath)]);
  if (p.extensionTestsPath) payload.push(['extensionTestsPath', remote(p.extensionTestsPath)]);
  let url = `${server.url}?folder=${encodeURIComponent(path.resolve(p.folder))}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

// ------------------------------------------------------------ chromium
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Chromium {
  context: BrowserContext;
  /** The first tab of the persistent context. */
  page: Page;
  /** Closes the browser and removes its profile/HOME folder. */
  close(): Promise<void>;
}

export async function launchChromium(
  opts: { headless?: boolean; viewport?: { width: number; height: number }; extraArgs?: string[] } = {},
): Promise<Chromium> {
  const { chromium } = await import('playwright-core');
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`${executablePath} not found: run \`bash scripts/vscode/install.sh\` (or set CHROMIUM_PATH)`);
  }
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-chromium-'));
  const home = path.join(tmpDir, 'home');
  fs.mkdirSync(home);
  const context = await chromium.launchPersistentContext(path.join(tmpDir, 'profile'), {
    executablePath,
    headless: opts.headless ?? true,
    args: [...CHROMIUM_ARGS, ...(opts.extraArgs ?? [])],
    // Chromium writes crash reports under $HOME even with its own profile folder.
    env: { ...cleanEnv(process.env), HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') },
    viewport: opts.viewport ?? { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed: Promise<void> | undefined;
  return {
    context,
    page,
    close: () =>
      (closed ??= (async () => {
        await context.close().catch(() => undefined);
        fs.rmSync(tmpDir, { recursive: true, force: true });
      })()),
  };
}
