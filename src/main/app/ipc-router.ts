// The one IPC route into the engine: checks who is calling, then hands the call to the host.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { toErrorInfo, WorkbenchError } from '../../shared/errors';
import { IPC_CHANNEL, IPC_GRANT_CHANNEL } from '../../shared/ipc-channels';
import type { Host } from './host';
import { checkSender } from './sender-check';

/**
 * Accepts calls only from the top-level frame of our own window showing our own page: contract calls on one channel,
 * and on another the paths of dropped files that preload took from File objects (see `Host.grantDropped`).
 */
export function routeIpc(host: Host, isOurPage: (contents: WebContents, url: string) => boolean): void {
  ipcMain.handle(IPC_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    try {
      checkSender(event.senderFrame, (url) => isOurPage(event.sender, url));
      if (typeof method !== 'string') throw new WorkbenchError('USAGE', 'Call refused: no method name.');
      return { ok: true, result: await host.handle(method, input) };
    } catch (err) {
      return { ok: false, error: toErrorInfo(err) };
    }
  });
  ipcMain.handle(IPC_GRANT_CHANNEL, (event: IpcMainInvokeEvent, paths: unknown) => {
    try {
      checkSender(event.senderFrame, (url) => isOurPage(event.sender, url));
      host.grantDropped(paths);
      return { ok: true, result: null };
    } catch (err) {
      return { ok: false, error: toErrorInfo(err) };
    }
  });
}
