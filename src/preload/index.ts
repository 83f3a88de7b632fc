// The preload: exposes `window.workbench` (one function per contract method, event subscription, and
// dropped-file paths, which it grants in main) and nothing else. Bundled as one CommonJS file so the renderer can
// stay sandboxed.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { workbenchMethodNames } from '../shared/method-names';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL, IPC_GRANT_CHANNEL } from '../shared/ipc-channels';

type Listener = (payload: unknown) => void;

const api: Record<string, unknown> = {};
// Main answers with an envelope so the renderer gets the typed error (code, file, record, hint), not just a message.
for (const method of workbenchMethodNames) {
  api[method] = async (input: unknown) => {
    const reply = (await ipcRenderer.invoke(IPC_CHANNEL, method, input ?? {})) as { ok: true; result: unknown } | { ok: false; error: unknown };
    if (reply.ok) return reply.result;
    throw reply.error;
  };
}
api.onEvent = (event: string, listener: Listener) => {
  const handler = (_e: IpcRendererEvent, name: string, payload: unknown): void => {
    if (name === event) listener(payload);
  };
  ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
  return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
};
// The paths of dropped files, taken from the File objects themselves (a page cannot make a File carry a path it
// chose), and granted in main before the renderer gets them: main reads only paths the user chose or dropped.
api.pathsForFiles = async (files: File[]) => {
  const paths = Array.from(files, (file) => webUtils.getPathForFile(file)).filter((path) => path !== '');
  if (paths.length === 0) return paths;
  const reply = (await ipcRenderer.invoke(IPC_GRANT_CHANNEL, paths)) as { ok: boolean; error?: unknown };
  if (!reply.ok) throw reply.error;
  return paths;
};

contextBridge.exposeInMainWorld('workbench', api);
