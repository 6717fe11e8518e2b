/**
 * Helpers for UI tests (mocha, BDD) against a real VS Code: the built VSIX
 * installed into a fresh code-server, the workbench opened in headless
 * chromium through playwright-core.
 *
 *   let wb: Workbench;
 *   before(async function () { this.timeout(180_000); wb = await openWorkbench({ settings }); });
 *   after(() => wb?.close());
 *   it('...', async () => { await openView(wb.page, 'Kafka'); await screenshot(wb.page, 'kafka-view'); });
 *
 * Needs `bash scripts/vscode/install.sh` once. KW_VSIX=<file> uses that VSIX
 * instead of building <repo>/<name>-<version>.vsix (rebuilt when older than
 * dist/extension.js or package.json). KW_E2E_HEADFUL=1 shows the browser
 * (needs a display).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  installVsix,
  launchChromium,
  startCodeServer,
  type Chromium,
  type CodeServer,
} from '../../scripts/vscode/codeServer';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

export interface Workbench {
  page: Page;
  server: CodeServer;
  browser: Chromium;
  /** The workspace folder that is open. */
  folder: string;
  /** The VSIX that was installed. */
  vsix: string;
  /** Errors the page logged (console.error) or threw. */
  pageErrors: string[];
  /** Closes the browser, stops code-server (whole process group), removes temp folders. */
  close(): Promise<void>;
}

export interface OpenWorkbenchOptions {
  /** VSIX to install (default: KW_VSIX, else the repo's VSIX, built when missing or stale). */
  vsix?: string;
  /** Workspace folder (default: an empty temp folder). */
  folder?: string;
  /** User settings, e.g. { 'kafka.clusters': [...] }. */
  settings?: Record<string, unknown>;
  /** Environment for code-server and its extension host. */
  env?: NodeJS.ProcessEnv;
  viewport?: { width: number; height: number };
  /**
   * Activity-bar title to wait for before resolving (default: the first view
   * container in package.json, "Kafka"); null waits only for the workbench.
   */
  waitForEntry?: string | null;
  /**
   * Serve webviews from another site than the workbench, so that chromium gives them a renderer process
   * of their own, as desktop VS Code does. code-server serves them from the workbench's own origin, and
   * chromium then runs both on one main thread and heap.
   */
  webviewsInOwnProcess?: boolean;
}

function contributedContainerTitle(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes?: { viewsContainers?: { activitybar?: { title: string }[] } };
  };
  return pkg.contributes?.viewsContainers?.activitybar?.[0]?.title ?? 'Kafka';
}

function newer(a: string, b: string): boolean {
  return fs.existsSync(a) && fs.existsSync(b) && fs.statSync(a).mtimeMs > fs.statSync(b).mtimeMs;
}

/**
 * The VSIX to test: KW_VSIX, or <repo>/<name>-<version>.vsix, bundled with
 * `node esbuild.js` and packaged with `node scripts/package.js` when missing
 * or older than the bundle/package.json.
 */
export function buildVsix(): string {
  if (process.env.KW_VSIX) return path.resolve(process.env.KW_VSIX);
  const pkgFile = path.join(REPO_ROOT, 'package.json');
  const { name, version, main } = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { name: string; version: string; main: string };
  const vsix = path.join(REPO_ROOT, `${name}-${version}.vsix`);
  const bundle = path.resolve(REPO_ROOT, main);
  if (!fs.existsSync(bundle)) {
    execFileSync(process.execPath, ['esbuild.js'], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  if (!fs.existsSync(vsix) || newer(bundle, vsix) || newer(pkgFile, vsix)) {
    try {
      execFileSync(process.execPath, [path.join('scripts', 'package.js')], { cwd: REPO_ROOT, stdio: 'inherit' });
    } catch {
      throw new Error(`building the VSIX with \`node scripts/package.js\` failed (its output is above); KW_VSIX=<file> uses a prebuilt one`);
    }
  }
  return vsix;
}

/** The workbench pages open now: a failed test's screenshot shows each (see hooks.ts). */
export const openPages = new Set<Page>();

/** Installs the VSIX into a fresh code-server and opens the workbench in chromium. */
export async function openWorkbench(opts: OpenWorkbenchOptions = {}): Promise<Workbench> {
  const vsix = opts.vsix ? path.resolve(opts.vsix) : buildVsix();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-e2e-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const folder = opts.folder ? path.resolve(opts.folder) : path.join(tmp, 'workspace');
  fs.mkdirSync(folder, { recursive: true });

  let server: CodeServer | undefined;
  let browser: Chromium | undefined;
  const close = async () => {
    if (browser) openPages.delete(browser.page);
    await browser?.close();
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    await installVsix(vsix, userDataDir, extensionsDir);
    const [s, b] = await Promise.allSettled([
      startCodeServer({ folder, userDataDir, extensionsDir, settings: opts.settings, env: opts.env }),
      launchChromium({
        headless: process.env.KW_E2E_HEADFUL !== '1',
        viewport: opts.viewport,
        // A page answered by page.route has no address, so chromium would block its connections to 127.0.0.1.
        extraArgs: opts.webviewsInOwnProcess ? ['--disable-features=LocalNetworkAccessChecks'] : [],
      }),
    ]);
    if (s.status === 'fulfilled') server = s.value;
    if (b.status === 'fulfilled') browser = b.value;
    if (s.status === 'rejected') throw s.reason;
    if (b.status === 'rejected') throw b.reason;
    if (!server || !browser) throw new Error('unreachable');
    const page = browser.page;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    if (opts.webviewsInOwnProcess) await serveWebviewsFromAnotherSite(page, server.url);
    await page.goto(`${server.url}?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await waitForWorkbench(page);
    // The extension's view container appears once the extension host has scanned it.
    if (opts.waitForEntry !== null) await activityBarEntry(page, opts.waitForEntry ?? contributedContainerTitle()).waitFor({ timeout: 90_000 });
    openPages.add(page);
    return { page, server, browser, folder, vsix, pageErrors, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * Rewrites the workbench page's webview endpoint from its own origin (127.0.0.1) to a subdomain of
 * localhost on the same port: the same server, but another site, which chromium puts in a process of its
 * own. VS Code fills in `{{uuid}}` with a hash of the workbench's origin, and the webview checks it.
 */
async function serveWebviewsFromAnotherSite(page: Page, workbenchUrl: string): Promise<void> {
  const workbench = new URL(workbenchUrl);
  const otherSite = `${workbench.protocol}//{{uuid}}.localhost:${workbench.port}`;
  const endpointSetting = /(webviewEndpoint&quot;:&quot;)([^&]*)/;
  await page.route(
    (url) => url.origin === workbench.origin && url.pathname === workbench.pathname,
    async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      if (!endpointSetting.test(html)) throw new Error('the workbench page has no webviewEndpoint setting to rewrite');
      const body = html.replace(endpointSetting, (_all, key: string, endpoint: string) => key + otherSite + new URL(endpoint, workbench).pathname);
      // The page's Content Security Policy lets it frame only its own origin and VS Code's CDN.
      const headers = response.headers();
      const policy = headers['content-security-policy'] ?? '';
      headers['content-security-policy'] = policy.replace(/frame-src 'self'/, `frame-src 'self' http://*.localhost:${workbench.port}`);
      await route.fulfill({ response, body, headers });
    },
  );
}

/** Waits until the workbench has laid out its activity bar and status bar. */
export async function waitForWorkbench(page: Page, timeoutMs = 90_000): Promise<void> {
  await page.locator('.monaco-workbench .part.activitybar .action-item a.action-label').first().waitFor({ timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: timeoutMs });
}

/**
 * The activity-bar entry whose title is `title`. In VS Code 1.100 the title
 * (plus a keybinding, e.g. "Explorer (Ctrl+Shift+E)") sits on the inner
 * a.action-label; the tab's own aria-label is often empty.
 */
export function activityBarEntry(page: Page, title: string): Locator {
  const exact = cssString(title);
  const withKey = cssString(`${title} (`);
  return page
    .locator(`.part.activitybar .action-item a.action-label:is([aria-label=${exact}], [aria-label^=${withKey}])`)
    .first();
}

/** A double-quoted CSS string literal. */
function cssString(s: string): string {
  return `"${s.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ')}"`;
}

/**
 * Opens the view container (sidebar) with this activity-bar title, e.g.
 * 'Kafka'. Does nothing when it is already open: clicking a selected entry
 * would close the sidebar. Resolves with the sidebar locator.
 */
export async function openView(page: Page, title: string, timeoutMs = 30_000): Promise<Locator> {
  const entry = activityBarEntry(page, title);
  await entry.waitFor({ timeout: timeoutMs });
  const item = entry.locator('xpath=ancestor::li[1]');
  const sidebar = page.locator('.part.sidebar');
  const selected = ((await item.getAttribute('class')) ?? '').split(/\s+/).includes('checked');
  if (!(selected && (await sidebar.isVisible()))) await entry.click();
  await page
    .locator('.part.sidebar .composite.title h2')
    // "Kafka", or "Kafka: Clusters" for a container showing a single view.
    .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(title)}(\\s*:.*)?\\s*$`, 'i') })
    .waitFor({ timeout: timeoutMs });
  return sidebar;
}

/**
 * Waits until the open sidebar has settled: no progress bar running and no
 * "no data provider" placeholder (shown while the extension activates).
 */
export async function waitForSidebarReady(page: Page, timeoutMs = 30_000): Promise<void> {
  const sidebar = page.locator('.part.sidebar');
  await sidebar.getByText('There is no data provider registered').waitFor({ state: 'hidden', timeout: timeoutMs });
  await sidebar.locator('.monaco-progress-container.active').first().waitFor({ state: 'hidden', timeout: timeoutMs });
}

/**
 * Runs a command through the command palette (F1), by its label as the
 * palette shows it, e.g. 'Kafka: Add Cluster' or 'View: Toggle Panel'.
 */
/**
 * Runs a command from the palette. `opensPicker`: the command shows a quick pick of its own in the
 * same widget (e.g. Preferences: Color Theme); return once it replaced the palette.
 */
export async function runCommand(page: Page, label: string, timeoutMs = 30_000, { opensPicker = false } = {}): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  // Focus the workbench first so that F1 reaches it (not a webview or an input).
  await page.locator('.monaco-workbench').focus().catch(() => undefined);
  const input = widget.locator('.quick-input-box input');
  // The palette closes if something takes the focus as it opens (an editor that has just opened): press F1 again.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: Math.max(1, Math.min(5_000, deadline - Date.now())) });
      break;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
  }
  await input.fill(`>${label}`);
  const row = widget
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
    .first();
  await row.waitFor({ timeout: timeoutMs });
  await row.click();
  if (opensPicker) {
    await page.waitForFunction(
      // Runs in the page: the test's tsconfig has no DOM types.
      () => !((globalThis as any).document.querySelector('.quick-input-widget .quick-input-box input')?.value ?? '>').startsWith('>'),
      undefined,
      { timeout: timeoutMs },
    );
    return;
  }
  await widget.waitFor({ state: 'hidden', timeout: timeoutMs }).catch(() => undefined);
}

/** Saves a PNG of the page to test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: file });
  return file;
}

/** Closes a workbench if one was opened (for `after` hooks). */
export async function teardown(wb: Workbench | undefined): Promise<void> {
  await wb?.close();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
