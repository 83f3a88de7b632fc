// Electron entry: app lifecycle, the window, the menu, and the one IPC route into the engine worker.
import { app, BrowserWindow, dialog, safeStorage } from 'electron';
import { join } from 'node:path';
import { hostname, userInfo } from 'node:os';
import { describeError, toErrorInfo } from '../shared/errors';
import { IPC_EVENT_CHANNEL } from '../shared/ipc-channels';
import type { WorkspaceInfo } from '../shared/schemas';
import { workerEngine } from './engine/worker-client';
import { Host } from './app/host';
import { electronDialogs } from './app/electron-dialogs';
import { routeIpc } from './app/ipc-router';
import { createMainWindow, isOurPage } from './app/window';
import { installMenu } from './app/menu';
import { WindowState } from './app/window-state';
import { registerAppScheme, serveRenderer } from './app/app-protocol';
import { createKeyStore } from './app/key-store';
import { PassphrasePrompts } from './app/passphrase-prompts';

let mainWindow: BrowserWindow | null = null;

function signerName(): string {
  let user = 'analyst';
  try {
    user = userInfo().username;
  } catch {
    // no user database (some containers): keep the generic name
  }
  return `${user}@${hostname()}`.replace(/[^A-Za-z0-9._@+-]/g, '_');
}

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (e, url) => {
      if (!isOurPage(contents, url)) e.preventDefault();
    });
  });

  void app.whenReady().then(() => {
    serveRenderer(join(__dirname, '../renderer'));
    const engine = workerEngine(join(__dirname, 'worker.js'), { user: signerName() });
    const demoBundle = app.isPackaged ? join(process.resourcesPath, 'demo') : join(app.getAppPath(), 'resources', 'demo');
    const dataDir = process.env['NHI_WORKBENCH_DATA_DIR'] ?? app.getPath('userData');
    const windowState = new WindowState(join(dataDir, 'window-state.json'));
    const passphrases = new PassphrasePrompts(() => mainWindow);
    const keys = createKeyStore({ dataDir, signerName: signerName(), safeStorage, askPassphrase: (request) => passphrases.ask(request) });
    const host = new Host(engine, electronDialogs(() => mainWindow), { dataDir, demoBundle }, keys, passphrases);
    const report = (err: unknown): void => {
      if (mainWindow) void dialog.showMessageBox(mainWindow, { type: 'error', message: describeError(toErrorInfo(err)) });
    };
    engine.onEvent((event, payload) => {
      mainWindow?.webContents.send(IPC_EVENT_CHANNEL, event, payload);
      if (event === 'workspaceChanged') {
        const info = payload as WorkspaceInfo | null;
        mainWindow?.setTitle(info ? `${info.name} — NHI Workbench` : 'NHI Workbench');
        const refresh = info ? engine.call('undoState', {}) : Promise.resolve({ undo: null, redo: null });
        refresh.then((state) => installMenu(host, report, state)).catch(() => installMenu(host, report));
      }
    });
    routeIpc(host, isOurPage);
    installMenu(host, report);
    mainWindow = createMainWindow(windowState.load());
    windowState.track(mainWindow);
    mainWindow.on('closed', () => {
      passphrases.cancelAll();
      mainWindow = null;
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(windowState.load());
    });
    app.on('will-quit', () => {
      void engine.dispose();
    });
  });

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
