// The open workspace: which one it is and its counts. Starting, opening and the demo all go through here.
import { create } from 'zustand';
import type { WorkspaceInfo } from '../../../shared/schemas';
import { api } from '../api';
import { reportError } from './error-store';
import { useImportStore } from './import-store';

/** `unknown` until the first answer from the engine, so the start view does not flash before a reload restores a workspace. */
export type WorkspaceStatus = 'unknown' | 'ready' | 'busy';

interface WorkspaceState {
  status: WorkspaceStatus;
  /** What is being waited for while busy, for the start view to say so. */
  busyLabel: string | null;
  info: WorkspaceInfo | null;
  /** Asks the engine which workspace is open (on start, after an import). */
  refresh: () => Promise<void>;
  /** Opens the folder picker to create or open a workspace; a cancelled picker changes nothing. */
  choose: (mode: 'open' | 'create') => Promise<void>;
  /** Opens the bundled demo investigation. */
  openDemo: () => Promise<void>;
  /** Takes the info the engine pushed with a `workspaceChanged` event. */
  setInfo: (info: WorkspaceInfo | null) => void;
}

/** Same workspace with the same counts: nothing on screen needs to reload. */
export function sameInfo(a: WorkspaceInfo | null, b: WorkspaceInfo | null): boolean {
  if (a === null || b === null) return a === b;
  return a.path === b.path && a.name === b.name && a.files === b.files && a.signals === b.signals && a.identities === b.identities && a.cases === b.cases;
}

/** The workspace store. */
export const useWorkspaceStore = create<WorkspaceState>()((set, get) => {
  const take = (info: WorkspaceInfo | null): void => {
    if (!sameInfo(get().info, info)) set({ info });
  };

  const busy = async (label: string, work: () => Promise<void>): Promise<void> => {
    if (get().status === 'busy') return;
    const before = get().status;
    set({ status: 'busy', busyLabel: label });
    try {
      await work();
    } catch (err) {
      reportError(err);
    } finally {
      set({ status: before === 'unknown' ? 'ready' : before, busyLabel: null });
    }
  };

  return {
    status: 'unknown',
    busyLabel: null,
    info: null,
    refresh: async () => {
      try {
        take(await api().workspaceInfo({}));
      } catch (err) {
        reportError(err);
      } finally {
        if (get().status === 'unknown') set({ status: 'ready' });
      }
    },
    choose: (mode) =>
      busy(mode === 'create' ? 'Creating the workspace…' : 'Opening the workspace…', async () => {
        const info = await api().chooseWorkspace({ mode });
        if (info !== null) take(info);
      }),
    openDemo: () =>
      busy('Preparing the demo investigation…', async () => {
        // The demo imports its bundle, so its progress events are worth showing on the start view.
        const done = useImportStore.getState().track();
        try {
          take(await api().openDemo({}));
        } finally {
          done();
        }
      }),
    setInfo: take,
  };
});
