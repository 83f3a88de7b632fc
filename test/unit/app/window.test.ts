// The main window's security settings and handlers, against a fake Electron that records them.
import { beforeAll, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({ value: null as null | ReturnType<typeof import('./electron-fakes').fakeElectron> }));
vi.mock('electron', async () => {
  const { fakeElectron } = await import('./electron-fakes');
  fake.value = fakeElectron();
  return fake.value.electron;
});

import { createMainWindow, isOurPage } from '../../../src/main/app/window';
import { FakeBrowserWindow } from './electron-fakes';

describe('the main window', () => {
  let win: FakeBrowserWindow;
  beforeAll(() => {
    delete process.env['ELECTRON_RENDERER_URL'];
    createMainWindow();
    win = FakeBrowserWindow.created.at(-1)!;
  });

  it('is isolated, sandboxed, without Node, with web security, no webview tag and no auxclick', () => {
    const prefs = win.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, disableBlinkFeatures: 'Auxclick' });
    expect(prefs['preload']).toMatch(/preload[\\/]index\.cjs$/);
    // Nothing that would undo the above is set.
    for (const key of ['nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'allowRunningInsecureContent', 'experimentalFeatures', 'enableBlinkFeatures']) expect(prefs[key]).toBeUndefined();
  });

  it('loads our own page from app://, not file://', () => {
    expect(win.loadedUrl).toBe('app://workbench/index.html');
  });

  it('prevents navigation to any other page, and allows moving within ours', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://workbench/harness.html', 'app://other/index.html', 'app://workbench/index.html.evil', 'javascript:alert(1)']) {
      expect(win.webContents.fire('will-navigate', url), url).toBe(true);
      expect(isOurPage(win.webContents as never, url), url).toBe(false);
    }
    expect(win.webContents.fire('will-navigate', 'app://workbench/index.html#case=C-0001')).toBe(false);
  });

  it('denies every new window and every <webview>', () => {
    for (const url of ['https://evil.example/', 'app://workbench/index.html', 'about:blank']) expect(win.webContents.openHandler!({ url })).toEqual({ action: 'deny' });
    expect(win.webContents.fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('answers no to every permission request and check', () => {
    const { request, check } = fake.value!.permissions;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
      const answer = vi.fn();
      request!(win.webContents, permission, answer, {});
      expect(answer, permission).toHaveBeenCalledWith(false);
      expect(check!(win.webContents, permission, 'app://workbench', {}), permission).toBe(false);
    }
  });
});
