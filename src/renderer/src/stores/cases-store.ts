// The case queue: the sort order and the pages of case summaries fetched as the table scrolls.
import { create } from 'zustand';
import type { CaseSummary } from '../../../shared/schemas';
import { api } from '../api';
import { reportError } from './error-store';
import { emptyPaged, PageRequests, withPage, type Paged } from './paging';

/** How the queue can be ordered (the engine sorts; the renderer only asks). */
export type CaseSort = 'severity' | 'lastSeen' | 'signals';

/** Rows per request to `listCases`. */
export const CASE_PAGE_SIZE = 200;

interface CasesState {
  sort: CaseSort;
  rows: Paged<CaseSummary>;
  /** Changes the order and starts again from the top. */
  setSort: (sort: CaseSort) => void;
  /** Drops every loaded page (the workspace changed); the table asks again for what it shows. */
  reload: () => void;
  /** Makes sure the rows start..end are loaded or on their way. */
  ensureRange: (start: number, end: number) => void;
}

const requests = new PageRequests();
let generation = 0;

/** The case queue store. */
export const useCasesStore = create<CasesState>()((set, get) => ({
  sort: 'severity',
  rows: emptyPaged<CaseSummary>(generation),
  setSort: (sort) => set({ sort, rows: emptyPaged<CaseSummary>(++generation) }),
  reload: () => set({ rows: emptyPaged<CaseSummary>(++generation) }),
  ensureRange: (start, end) => {
    const { rows, sort } = get();
    for (const page of requests.claim(rows, start, end, CASE_PAGE_SIZE)) {
      const gen = rows.generation;
      void (async () => {
        try {
          const result = await api().listCases({ offset: page * CASE_PAGE_SIZE, limit: CASE_PAGE_SIZE, sort });
          set((state) => ({ rows: withPage(state.rows, gen, page, result.items, result.total) }));
        } catch (err) {
          reportError(err);
        } finally {
          requests.release(gen, page);
        }
      })();
    }
  },
}));
