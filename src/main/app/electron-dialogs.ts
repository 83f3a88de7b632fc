// The host's dialogs, as native Electron dialogs attached to the window.
import { dialog, type BrowserWindow } from 'electron';
import type { Dialogs } from './host';

/** Native open/save dialogs for the given window. */
export function electronDialogs(getWindow: () => BrowserWindow | null): Dialogs {
  return {
    chooseFolder: async ({ title, create }) => {
      const win = getWindow();
      const options: Electron.OpenDialogOptions = { title, properties: create ? ['openDirectory', 'createDirectory', 'promptToCreate'] : ['openDirectory'] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    chooseFiles: async ({ title }) => {
      const win = getWindow();
      const options: Electron.OpenDialogOptions = {
        title,
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: 'Evidence', extensions: ['json', 'gz', 'ndjson', 'jsonl', 'log', 'txt'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    chooseCaseFile: async ({ title }) => {
      const win = getWindow();
      const options: Electron.OpenDialogOptions = { title, properties: ['openFile'], filters: [{ name: 'NHI case file', extensions: ['nhicase'] }] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    chooseSavePath: async ({ title, defaultName }) => {
      const win = getWindow();
      const options: Electron.SaveDialogOptions = { title, defaultPath: defaultName, filters: [{ name: 'NHI case file', extensions: ['nhicase'] }] };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
  };
}
