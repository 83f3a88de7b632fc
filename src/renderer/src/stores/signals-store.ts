// The open case's signals: pages fetched as the table scrolls, and the row the analyst selected.
import { create } from 'zustand';
import type { SignalRow } from '../../../shared/schemas';
import { api } from '../api';
import { reportError } from './error-store';
import { emptyPaged, PageRequests, withPage, type Paged } from './paging';

/** Rows per request to `caseSignals`. */
export const SIGNAL_PAGE_SIZE = 500;

interface SignalsState {
  caseId: string | null;
  rows: Paged<SignalRow>;
  selected: SignalRow | null;
  /** Starts over for a case (or for none). */
  reset: (caseId: string | null) => void;
  /** Makes sure the rows start..end are loaded or on their way. */
  ensureRange: (start: number, end: number) => void;
  select: (row: SignalRow | null) => void;
}

const requests = new PageRequests();
let generation = 0;

/** The signals table store. */
export const useSignalsStore = create<SignalsState>()((set, get) => ({
  caseId: null,
  rows: emptyPaged<SignalRow>(generation),
  selected: null,
  reset: (caseId) => set({ caseId, rows: emptyPaged<SignalRow>(++generation), selected: null }),
  ensureRange: (start, end) => {
    const { caseId, rows } = get();
    if (caseId === null) return;
    for (const page of requests.claim(rows, start, end, SIGNAL_PAGE_SIZE)) {
      const gen = rows.generation;
      void (async () => {
        try {
          const result = await api().caseSignals({ id: caseId, offset: page * SIGNAL_PAGE_SIZE, limit: SIGNAL_PAGE_SIZE });
          set((state) => ({ rows: withPage(state.rows, gen, page, result.items, result.total) }));
        } catch (err) {
          reportError(err);
        } finally {
          requests.release(gen, page);
        }
      })();
    }
  },
  select: (selected) => set({ selected }),
}));
