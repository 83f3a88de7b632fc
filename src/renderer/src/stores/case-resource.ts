// One read about the open case (its notes, steps, mappings or history) as a small store: loaded when its tab is
// shown, dropped when another case opens, reloaded after an action. Failures stay in the tab, not the banner,
// so a read the engine does not offer yet shows as one calm line instead of a stack of errors.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { toErrorInfo, type ErrorInfo } from '../../../shared/errors';

/** What a case resource store holds. */
export interface CaseResourceState<T> {
  caseId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  data: T;
  error: ErrorInfo | null;
  /** Forgets what was loaded (another case, or the case changed); the tab loads again when shown. */
  reset: (caseId: string | null) => void;
  /** Loads unless loaded or loading. */
  load: () => Promise<void>;
}

/** Makes a store for one per-case read. */
export function createCaseResource<T>(fetch: (caseId: string) => Promise<T>, empty: T): UseBoundStore<StoreApi<CaseResourceState<T>>> {
  return create<CaseResourceState<T>>()((set, get) => ({
    caseId: null,
    status: 'idle',
    data: empty,
    error: null,
    reset: (caseId) => {
      // Keep showing the old data while the same case reloads, so the list does not flash empty after every action.
      if (caseId === get().caseId && get().status === 'ready') set({ status: 'idle' });
      else set({ caseId, status: 'idle', data: empty, error: null });
    },
    load: async () => {
      const { caseId, status } = get();
      if (caseId === null || status === 'loading' || status === 'ready') return;
      set({ status: 'loading' });
      try {
        const data = await fetch(caseId);
        if (get().caseId === caseId) set({ status: 'ready', data, error: null });
      } catch (err) {
        if (get().caseId === caseId) set({ status: 'failed', error: toErrorInfo(err) });
      }
    },
  }));
}
