// The native application menu: standard roles and accelerators, plus the workbench's file commands.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { Host } from './host';

/** What undo and redo would do now (from the engine's undoState), to name them in the Edit menu. */
export interface MenuUndoState {
  undo: { label: string } | null;
  redo: { label: string } | null;
}

/**
 * Builds the menu; file commands go through the host like any renderer call, and the window follows the events.
 * Call it again with the undo state after every change so the Edit menu names the case action undo would reverse.
 */
export function installMenu(host: Host, report: (err: unknown) => void, undoState: MenuUndoState = { undo: null, redo: null }): void {
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
    {
      label: '&Edit',
      submenu: [
        // The text roles keep Ctrl/Cmd+Z for typing; case actions are undone from the window (Ctrl/Cmd+Z outside a
        // text field) or from these items, which name the action.
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { label: undoState.undo ? `Undo ${undoState.undo.label}` : 'Undo Case Action', enabled: undoState.undo !== null, click: run('undo') },
        { label: undoState.redo ? `Redo ${undoState.redo.label}` : 'Redo Case Action', enabled: undoState.redo !== null, click: run('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
