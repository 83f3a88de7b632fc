// The native application menu: standard roles and accelerators, plus the workbench's file commands.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { Host } from './host';

/** Builds the menu; file commands go through the host like any renderer call, and the window follows the events. */
export function installMenu(host: Host, report: (err: unknown) => void): void {
  const run = (method: string, input: unknown = {}) => () => {
    host.handle(method, input).catch(report);
  };
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Workspace…', accelerator: 'CmdOrCtrl+Shift+N', click: run('chooseWorkspace', { mode: 'create' }) },
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: run('chooseWorkspace', { mode: 'open' }) },
        { label: 'Open the Demo Investigation', click: run('openDemo') },
        { type: 'separator' },
        { label: 'Import Evidence…', accelerator: 'CmdOrCtrl+I', click: run('chooseEvidence') },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
