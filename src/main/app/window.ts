// The main window, locked down: isolated, sandboxed, no Node, no navigation, no new windows, no permissions.
import { BrowserWindow, session, type WebContents } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './app-protocol';

const DEV_URL = process.env['ELECTRON_RENDERER_URL'];

/** The URL of our own page, for sender checks. */
export function appPageUrl(): string {
  return DEV_URL ?? `${APP_ORIGIN}/index.html`;
}

/** True when the contents show our own page (and not something it navigated to). */
export function isOurPage(_contents: WebContents, url: string): boolean {
  const page = appPageUrl();
  return url === page || url.startsWith(`${page}#`) || url.startsWith(`${page}?`) || (DEV_URL !== undefined && url.startsWith(DEV_URL));
}

/** Creates the main window with the security settings of the Electron checklist. */
export function createMainWindow(bounds: { x?: number; y?: number; width: number; height: number } = { width: 1400, height: 900 }): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'NHI Workbench',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      // middle-click would open links in new windows; they are denied anyway, this removes the event itself
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOurPage(win.webContents, url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(appPageUrl());
  return win;
}
