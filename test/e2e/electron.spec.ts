// The packaged shape: the real Electron app, where the Electron binary is installed. Skips, saying so, where it is not.
import { test, expect, _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../..');

/** The Electron executable if its binary was downloaded (it is not, under ELECTRON_SKIP_BINARY_DOWNLOAD). */
function electronBinary(): string | null {
  const dir = join(REPO, 'node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

/** Skips, saying so plainly, where the Electron binary is not installed; else the binary. */
function requireBinary(what: string): string | null {
  if (binary) return binary;
  console.log(`SKIPPED electron e2e (${what}): the Electron binary is not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD); the browser-harness suite covers the UI and test/unit/app covers the shell's settings with a fake Electron.`);
  test.skip(true, 'Electron binary not installed on this machine');
  return null;
}

async function launch(executablePath: string): Promise<{ app: ElectronApplication; page: Page; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nhi-electron-'));
  const app = await electron.launch({ executablePath, args: [REPO], env: { ...process.env, NHI_WORKBENCH_DATA_DIR: dataDir } });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app, page, dataDir };
}

test('the window runs isolated, sandboxed, without Node, and its page comes from app:// with the CSP header', async () => {
  const executablePath = requireBinary('shell settings');
  if (!executablePath) return;
  const { app, page } = await launch(executablePath);
  try {
    expect(page.url()).toBe('app://workbench/index.html');
    // What the renderer can observe of its webPreferences (test/unit/app/window.test.ts asserts the options themselves):
    // no Node globals (nodeIntegration off), bridged functions that are native proxies rather than the preload's own
    // functions (contextIsolation on), no <webview> element (webviewTag off).
    const renderer = await page.evaluate(() => {
      const w = globalThis as unknown as Record<string, unknown> & { customElements: { get(name: string): unknown } };
      const api = w['workbench'] as Record<string, unknown>;
      return {
        require: typeof w['require'],
        process: typeof w['process'],
        ipcRenderer: typeof w['ipcRenderer'],
        bridged: String(api['listCases']).includes('[native code]'),
        webview: w.customElements.get('webview') === undefined ? 'none' : 'registered',
      };
    });
    expect(renderer).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined', bridged: true, webview: 'none' });
    // The renderer process is sandboxed, where the OS reports it (macOS, Windows).
    const metrics = await app.evaluate(({ app: electronApp }) => electronApp.getAppMetrics().filter((m) => m.type === 'Tab').map((m) => m.sandboxed));
    for (const sandboxed of metrics) if (sandboxed !== undefined) expect(sandboxed).toBe(true);
    const served = await page.evaluate(async () => {
      const page = await fetch('app://workbench/index.html');
      const status = async (url: string): Promise<number> => (await fetch(url)).status;
      return {
        csp: page.headers.get('content-security-policy'),
        nosniff: page.headers.get('x-content-type-options'),
        harness: await status('app://workbench/harness.html'),
        traversal: await status('app://workbench/..%2f..%2fpackage.json'),
      };
    });
    expect(served.csp).toMatch(/^default-src 'none'; script-src 'self';.*frame-ancestors 'none'/);
    expect(served).toMatchObject({ nosniff: 'nosniff', harness: 404, traversal: 404 });
  } finally {
    await app.close();
  }
});

test('the window refuses navigation, new windows, permissions and paths the user did not choose', async () => {
  const executablePath = requireBinary('navigation, windows, permissions, read paths');
  if (!executablePath) return;
  const { app, page } = await launch(executablePath);
  try {
    type Browser = { open(url: string): unknown; location: { href: string } };
    expect(await page.evaluate(() => (globalThis as unknown as Browser).open('https://example.com/') === null)).toBe(true);
    await page.evaluate(() => {
      (globalThis as unknown as Browser).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://workbench/index.html');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    type Permissions = { navigator: { permissions: { query(q: { name: string }): Promise<{ state: string }> } }; Notification: { requestPermission(): Promise<string> } };
    expect(await page.evaluate(async () => (await (globalThis as unknown as Permissions).navigator.permissions.query({ name: 'geolocation' })).state)).toBe('denied');
    expect(await page.evaluate(() => (globalThis as unknown as Permissions).Notification.requestPermission())).toBe('denied');
    const refused = await page.evaluate(async () => {
      const api = (globalThis as unknown as { workbench: { ingestPaths(i: { paths: string[] }): Promise<unknown>; openCaseFile(i: { path: string }): Promise<unknown> } }).workbench;
      const code = (p: Promise<unknown>): Promise<string> => p.then(() => 'accepted', (e: { code?: string }) => e.code ?? 'unknown');
      return [await code(api.ingestPaths({ paths: ['/etc/passwd'] })), await code(api.openCaseFile({ path: '/etc/hosts' }))];
    });
    expect(refused).toEqual(['REFUSED', 'REFUSED']);
  } finally {
    await app.close();
  }
});

test('the desktop app opens the demo, shows a case graph, exports and verifies', async () => {
  if (!requireBinary('demo, export, verify')) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'nhi-electron-'));
  const out = join(dataDir, 'case.nhicase');
  const app = await electron.launch({ executablePath: binary!, args: [REPO], env: { ...process.env, NHI_WORKBENCH_DATA_DIR: dataDir } });
  try {
    const page = await app.firstWindow();
    await page.getByTestId('open-demo').click();
    await page.getByTestId('case-row').first().click();
    await page.getByTestId('tab-graph').click();
    await expect(page.getByTestId('case-graph')).toHaveAttribute('data-ready', 'true');
    await app.evaluate(({ dialog }, path) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path })) as unknown as typeof dialog.showSaveDialog;
    }, out);
    await page.getByTestId('export-case').click();
    await expect(page.getByTestId('verify-banner')).toHaveAttribute('data-valid', 'true');
    await page.screenshot({ path: join(REPO, 'test-results/electron-verified.png') });
  } finally {
    await app.close();
  }
});
