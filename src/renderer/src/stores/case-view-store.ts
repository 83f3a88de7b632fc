// Which case is open, its detail (anchor identity, counts, IPs, regions) and the tab being looked at.
import { create } from 'zustand';
import type { CaseDetail } from '../../../shared/schemas';
import { api } from '../api';
import { reportError } from './error-store';
import { useExportStore } from './export-store';
import { useGraphStore } from './graph-store';
import { useSignalsStore } from './signals-store';

/** The tabs of the case view. */
export type CaseTab = 'signals' | 'graph';

interface CaseViewState {
  caseId: string | null;
  detail: CaseDetail | null;
  tab: CaseTab;
  /** Opens a case from the queue. */
  open: (id: string) => void;
  /** Goes back to the queue. */
  close: () => void;
  /** Reloads the open case after the workspace changed (an import can add signals to it). */
  refresh: () => void;
  setTab: (tab: CaseTab) => void;
}

/** The case view store. */
export const useCaseViewStore = create<CaseViewState>()((set, get) => {
  const resetParts = (caseId: string | null): void => {
    useSignalsStore.getState().reset(caseId);
    useGraphStore.getState().reset(caseId);
    useExportStore.getState().reset();
  };

  const fetchDetail = async (id: string): Promise<void> => {
    try {
      const detail = await api().getCase({ id });
      if (get().caseId === id) set({ detail });
    } catch (err) {
      reportError(err);
      // A case that cannot be read (gone after a regrouping, say) sends the analyst back to the queue, not to a blank page.
      if (get().caseId === id) get().close();
    }
  };

  return {
    caseId: null,
    detail: null,
    tab: 'signals',
    open: (id) => {
      set({ caseId: id, detail: null, tab: 'signals' });
      resetParts(id);
      void fetchDetail(id);
    },
    close: () => {
      set({ caseId: null, detail: null });
      resetParts(null);
    },
    refresh: () => {
      const id = get().caseId;
      if (id === null) return;
      // Keep the export banner: an import does not change a file that was already written.
      useSignalsStore.getState().reset(id);
      useGraphStore.getState().reset(id);
      void fetchDetail(id);
    },
    setTab: (tab) => set({ tab }),
  };
});
