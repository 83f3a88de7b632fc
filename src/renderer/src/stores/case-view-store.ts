// Which case is open, its detail (anchor identity, counts, IPs, regions) and the tab being looked at.
import { create } from 'zustand';
import type { CaseDetail } from '../../../shared/schemas';
import { api } from '../api';
import { resetCaseData } from './case-data-stores';
import { reportError } from './error-store';
import { useExportStore } from './export-store';
import { useGraphStore } from './graph-store';
import { useIdentityStore } from './identity-store';
import { useSignalsStore } from './signals-store';
import { useTimelineStore } from './timeline-store';

/** The tabs of the case view. */
export type CaseTab = 'signals' | 'timeline' | 'graph' | 'notes' | 'steps' | 'mappings' | 'history';

interface CaseViewState {
  caseId: string | null;
  detail: CaseDetail | null;
  tab: CaseTab;
  /** Opens a case from the queue (or from a link: a related case, a split's new case). */
  open: (id: string) => void;
  /** Goes back to the queue. */
  close: () => void;
  /** Reloads the open case after the workspace changed (an import or an action can change it). */
  refresh: () => void;
  setTab: (tab: CaseTab) => void;
}

/** The case view store. */
export const useCaseViewStore = create<CaseViewState>()((set, get) => {
  const resetParts = (caseId: string | null): void => {
    useSignalsStore.getState().reset(caseId);
    useGraphStore.getState().reset(caseId);
    useTimelineStore.getState().reset(caseId);
    useExportStore.getState().reset();
    useIdentityStore.getState().close();
    resetCaseData(caseId);
  };

  const fetchDetail = async (id: string, quiet: boolean): Promise<void> => {
    try {
      const detail = await api().getCase({ id });
      if (get().caseId === id) set({ detail });
    } catch (err) {
      // After an undo or a merge the open case may be gone: going back to the queue says enough. A case that
      // cannot be opened in the first place is worth a message.
      if (!quiet) reportError(err);
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
      void fetchDetail(id, false);
    },
    close: () => {
      set({ caseId: null, detail: null });
      resetParts(null);
    },
    refresh: () => {
      const id = get().caseId;
      if (id === null) return;
      // Keep the export banner (an import does not change a file already written), the search and the picked rows.
      useSignalsStore.getState().reload();
      useGraphStore.getState().reset(id);
      useTimelineStore.getState().reset(id);
      useIdentityStore.getState().refresh();
      resetCaseData(id);
      void fetchDetail(id, true);
    },
    setTab: (tab) => set({ tab }),
  };
});
