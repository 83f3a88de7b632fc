// The preload: exposes `window.workbench` (one function per contract method, event subscription, and
// dropped-file paths) and nothing else. Bundled as one CommonJS file so the renderer can stay sandboxed.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { workbenchMethodNames } from '../shared/method-names';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/ipc-channels';

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
api.pathsForFiles = async (files: File[]) => files.map((file) => webUtils.getPathForFile(file)).filter((path) => path !== '');

contextBridge.exposeInMainWorld('workbench', api);
