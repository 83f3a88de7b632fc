// The identity panel: which identity is shown beside the case, and what the engine knows about it.
import { create } from 'zustand';
import type { IdentityDetail } from '../../../shared/case-actions';
import { toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import { api } from '../api';

interface IdentityState {
  identityId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  detail: IdentityDetail | null;
  error: ErrorInfo | null;
  /** The identities visited through "related", so the analyst can step back. */
  trail: string[];
  /** Shows an identity (replacing the trail when `fresh`, e.g. from the case header). */
  open: (id: string, fresh?: boolean) => void;
  /** Goes back to the previous identity on the trail. */
  back: () => void;
  close: () => void;
  /** Fetches the shown identity again (after an action or import). */
  refresh: () => void;
}

/** The identity panel store. */
export const useIdentityStore = create<IdentityState>()((set, get) => {
  const fetch = async (id: string): Promise<void> => {
    set({ status: 'loading', error: null });
    try {
      const detail = await api().getIdentity({ id });
      if (get().identityId === id) set({ status: 'ready', detail });
    } catch (err) {
      if (get().identityId === id) set({ status: 'failed', error: toErrorInfo(err) });
    }
  };
  return {
    identityId: null,
    status: 'idle',
    detail: null,
    error: null,
    trail: [],
    open: (id, fresh = false) => {
      const { identityId, trail } = get();
      const nextTrail = fresh || identityId === null ? [] : [...trail, identityId];
      set({ identityId: id, detail: null, trail: nextTrail });
      void fetch(id);
    },
    back: () => {
      const trail = [...get().trail];
      const previous = trail.pop();
      if (previous === undefined) return;
      set({ identityId: previous, detail: null, trail });
      void fetch(previous);
    },
    close: () => set({ identityId: null, status: 'idle', detail: null, error: null, trail: [] }),
    refresh: () => {
      const id = get().identityId;
      if (id !== null) void fetch(id);
    },
  };
});
