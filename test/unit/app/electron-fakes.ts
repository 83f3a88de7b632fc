// A small stand-in for the parts of Electron the shell uses, so window.ts, app-protocol.ts and index.ts can be
// tested without the Electron binary (`import 'electron'` throws under vitest). Each fake records what the code
// under test gave it: window options, event handlers, the window-open handler, permission handlers, protocol handlers.
type Handler = (...args: unknown[]) => unknown;

/** An event as Electron passes it to a handler; `prevented` says whether the handler called preventDefault. */
export function fakeEvent(): { preventDefault: () => void; prevented: boolean } {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}

export class FakeWebContents {
  readonly handlers = new Map<string, Handler[]>();
  openHandler: Handler | null = null;
  on(name: string, handler: Handler): this {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
    return this;
  }
  setWindowOpenHandler(handler: Handler): void {
    this.openHandler = handler;
  }
  send(): void {}
  /** Fires an event at every handler and says whether one of them prevented it. */
  fire(name: string, ...args: unknown[]): boolean {
    const event = fakeEvent();
    for (const handler of this.handlers.get(name) ?? []) handler(event, ...args);
    return event.prevented;
  }
}

export class FakeBrowserWindow {
  static created: FakeBrowserWindow[] = [];
  static getAllWindows = (): FakeBrowserWindow[] => FakeBrowserWindow.created;
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  constructor(readonly options: Record<string, unknown>) {
    FakeBrowserWindow.created.push(this);
  }
  once(): this {
    return this;
  }
  on(): this {
    return this;
  }
  show(): void {}
  setTitle(): void {}
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
}

/** The fake `electron` module. */
export function fakeElectron() {
  const permissions: { request: Handler | null; check: Handler | null } = { request: null, check: null };
  const protocolHandlers = new Map<string, Handler>();
  const appHandlers = new Map<string, Handler[]>();
  const privileged: unknown[] = [];
  const ipcHandlers = new Map<string, Handler>();
  const electron = {
    BrowserWindow: FakeBrowserWindow,
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Handler) => (permissions.request = handler),
        setPermissionCheckHandler: (handler: Handler) => (permissions.check = handler),
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => privileged.push(...schemes),
      handle: (scheme: string, handler: Handler) => protocolHandlers.set(scheme, handler),
    },
    net: { fetch: async (_url: string): Promise<Response> => new Response('no fetch in this test', { status: 500 }) },
    app: {
      requestSingleInstanceLock: () => true,
      on: (name: string, handler: Handler) => appHandlers.set(name, [...(appHandlers.get(name) ?? []), handler]),
      whenReady: () => new Promise<void>(() => {}), // never ready: only what index.ts sets up before
      quit: () => {},
      isPackaged: false,
      getPath: () => '/nonexistent',
      getAppPath: () => '/nonexistent',
    },
    dialog: { showMessageBox: async () => ({ response: 0 }), showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }) },
    safeStorage: { isEncryptionAvailable: () => false },
    ipcMain: { handle: (channel: string, handler: Handler) => ipcHandlers.set(channel, handler) },
    Menu: { buildFromTemplate: () => ({}), setApplicationMenu: () => {} },
    screen: { getAllDisplays: () => [] },
  };
  return { electron, permissions, protocolHandlers, appHandlers, privileged, ipcHandlers };
}
