// The analyst's actions on cases (merge, split, move, note, status, steps, mappings) and Undo/Redo: every action goes
// through `run`, which refreshes whatever on screen the action may have changed and what Undo would now name.
import { create } from 'zustand';
import type { ActionResult, UndoState } from '../../../shared/case-actions';
import { toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import { api } from '../api';
import { useCaseViewStore } from './case-view-store';
import { useCasesStore } from './cases-store';
import { reportError } from './error-store';
import { useWorkspaceStore } from './workspace-store';

/** A line under the toolbar after an action, with the case it made when there is one to go to. */
export interface Notice {
  message: string;
  caseId: string | null;
}

/** What `run` answers: the result, or the error (already on the banner unless the caller asked for quiet). */
export type RunOutcome = { ok: true; result: ActionResult | null } | { ok: false; error: ErrorInfo };

interface ActionsState {
  undoState: UndoState | null;
  busy: boolean;
  notice: Notice | null;
  /** Asks the engine what Undo and Redo would do now. */
  refreshUndo: () => Promise<void>;
  /** Runs one action; `quiet` keeps its error off the banner, for a dialog that shows it itself. */
  run: (call: () => Promise<ActionResult | null>, options?: { quiet?: boolean; notice?: (result: ActionResult) => Notice | null }) => Promise<RunOutcome>;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  setNotice: (notice: Notice | null) => void;
}

/** Refreshes every view an action may have changed: the queue, the open case, the counts. */
export function refreshAfterAction(): void {
  useCasesStore.getState().reload();
  useCaseViewStore.getState().refresh();
  void useWorkspaceStore.getState().refresh();
}

/** The actions store. */
export const useActionsStore = create<ActionsState>()((set, get) => ({
  undoState: null,
  busy: false,
  notice: null,
  refreshUndo: async () => {
    try {
      set({ undoState: await api().undoState({}) });
    } catch (err) {
      // An engine without undo yet: the buttons stay disabled; the console has the reason for developers.
      console.warn('undoState', err);
      set({ undoState: null });
    }
  },
  run: async (call, options = {}) => {
    if (get().busy) return { ok: false, error: { code: 'REFUSED', message: 'Another action is still running.' } };
    set({ busy: true });
    try {
      const result = await call();
      set({ notice: result !== null && options.notice ? options.notice(result) : null });
      return { ok: true, result };
    } catch (err) {
      if (!options.quiet) reportError(err);
      return { ok: false, error: toErrorInfo(err) };
    } finally {
      set({ busy: false });
      // Refresh after failures too: a refused action changes nothing, but a half-understood one is cheaper to re-read.
      refreshAfterAction();
      void get().refreshUndo();
    }
  },
  undo: async () => {
    const label = get().undoState?.undo?.label;
    await get().run(() => api().undo({}), { notice: () => ({ message: label ? `Undone: ${label}` : 'Undone.', caseId: null }) });
  },
  redo: async () => {
    const label = get().undoState?.redo?.label;
    await get().run(() => api().redo({}), { notice: () => ({ message: label ? `Redone: ${label}` : 'Redone.', caseId: null }) });
  },
  setNotice: (notice) => set({ notice }),
}));
